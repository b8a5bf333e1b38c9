package com.example.pipeline;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;
import java.util.concurrent.atomic.AtomicLong;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Takes work on its {@code frontend} port (PULL) and deals it out to workers on its
 * {@code backend} port (PUSH). Exposes {@code forwarded}.
 */
public class Broker implements Component {

    final AtomicLong forwarded = new AtomicLong();

    @Override
    public void run(ComponentContext ctx) {
        int pollMillis = ctx.config("pollMillis", 50);
        try (ZContext zmq = new ZContext()) {
            ZMQ.Socket frontend = zmq.createSocket(SocketType.PULL);
            frontend.setLinger(0);
            frontend.bind("tcp://127.0.0.1:" + ctx.port("frontend"));
            ZMQ.Socket backend = zmq.createSocket(SocketType.PUSH);
            backend.setLinger(0);
            backend.bind("tcp://127.0.0.1:" + ctx.port("backend"));
            ZMQ.Poller poller = zmq.createPoller(1);
            poller.register(frontend, ZMQ.Poller.POLLIN);
            ctx.ready();
            while (!ctx.stopping()) {
                if (poller.poll(pollMillis) > 0 && poller.pollin(0)) {
                    byte[] work = frontend.recv(ZMQ.DONTWAIT);
                    if (work != null && backend.send(work)) {
                        forwarded.incrementAndGet();
                    }
                }
            }
        }
    }
}
