package com.example.pipeline;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;
import java.util.concurrent.atomic.AtomicLong;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Collects results on its {@code results} port (PULL). Exposes {@code received}, {@code last} and
 * {@code lastLatencyMs}: how long the last result took end to end, from the time its job was
 * stamped with when sent ({@code job-7@<epoch millis>}) to its arrival here; -1 until one arrives.
 */
public class Sink implements Component {

    final AtomicLong received = new AtomicLong();
    volatile String last;
    volatile long lastLatencyMs = -1;

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
                        int at = result.lastIndexOf('@');
                        if (at >= 0) {
                            // Sender and sink share the machine's clock, in any mode.
                            lastLatencyMs = System.currentTimeMillis() - Long.parseLong(result.substring(at + 1));
                        }
                        received.incrementAndGet();
                    }
                }
            }
        }
    }
}
