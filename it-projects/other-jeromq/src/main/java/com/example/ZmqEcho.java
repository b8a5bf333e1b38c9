package com.example;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** Echoes upper-cased on a REP socket of the project's own jeromq, and says which jar that is. */
public class ZmqEcho implements Component {

    final AtomicLong echoed = new AtomicLong();

    @Override
    public void run(ComponentContext ctx) throws Exception {
        ctx.publish("jeromq", Path.of(ZMQ.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName().toString());
        try (ZContext zmq = new ZContext()) {
            ZMQ.Socket rep = zmq.createSocket(SocketType.REP);
            rep.setLinger(0);
            rep.bind("tcp://127.0.0.1:" + ctx.port("rep"));
            ZMQ.Poller poller = zmq.createPoller(1);
            poller.register(rep, ZMQ.Poller.POLLIN);
            ctx.ready();
            while (!ctx.stopping()) {
                if (poller.poll(50) > 0 && poller.pollin(0)) {
                    rep.send(rep.recvStr().toUpperCase(Locale.ROOT));
                    echoed.incrementAndGet();
                }
            }
        }
    }
}
