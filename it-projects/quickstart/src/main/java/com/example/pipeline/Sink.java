package com.example.pipeline;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;
import java.util.concurrent.atomic.AtomicLong;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** Collects results on its {@code results} port (PULL). Exposes {@code received} and {@code last}. */
public class Sink implements Component {

    final AtomicLong received = new AtomicLong();
    volatile String last;

    @Override
    public void run(ComponentContext ctx) {
        try (ZContext zmq = new ZContext()) {
            ZMQ.Socket results = zmq.createSocket(SocketType.PULL);
            results.setLinger(0);
            results.bind("tcp://127.0.0.1:" + ctx.port("results"));
            ZMQ.Poller poller = zmq.createPoller(1);
            poller.register(results, ZMQ.Poller.POLLIN);
            ctx.ready();
            while (!ctx.stopping()) {
                if (poller.poll(50) > 0 && poller.pollin(0)) {
                    String result = results.recvStr(ZMQ.DONTWAIT);
                    if (result != null) {
                        last = result;
                        received.incrementAndGet();
                    }
                }
            }
        }
    }
}
