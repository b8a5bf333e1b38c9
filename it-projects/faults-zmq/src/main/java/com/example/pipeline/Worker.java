package com.example.pipeline;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Pulls work from the broker's backend, upper-cases it, and pushes the result to the sink's
 * {@code results} port. Exposes {@code processed}.
 */
public class Worker implements Component {

    final AtomicLong processed = new AtomicLong();

    @Override
    public void run(ComponentContext ctx) {
        String broker = ctx.config("broker", "broker");
        String sink = ctx.config("sink", "sink");
        try (ZContext zmq = new ZContext()) {
            ZMQ.Socket in = zmq.createSocket(SocketType.PULL);
            in.setLinger(0);
            in.connect("tcp://127.0.0.1:" + ctx.port(broker, "backend"));
            ZMQ.Socket out = zmq.createSocket(SocketType.PUSH);
            out.setLinger(0);
            out.connect("tcp://127.0.0.1:" + ctx.port(sink, "results"));
            ZMQ.Poller poller = zmq.createPoller(1);
            poller.register(in, ZMQ.Poller.POLLIN);
            ctx.ready();
            while (!ctx.stopping()) {
                if (poller.poll(50) > 0 && poller.pollin(0)) {
                    byte[] work = in.recv(ZMQ.DONTWAIT);
                    if (work != null) {
                        String result = new String(work, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
                        out.send(ctx.name() + ":" + result);
                        processed.incrementAndGet();
                    }
                }
            }
        }
    }
}
