package com.example.bench;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;
import org.zeromq.SocketType;
import org.zeromq.ZContext;

/**
 * A component as the quickstart's are: a ZeroMQ context and a bound socket, so an isolated
 * instance loads jeromq's classes again. Outside the runtime's packages, so isolation applies.
 */
public class ZmqServer implements Component {
    @Override
    public void run(ComponentContext ctx) throws InterruptedException {
        try (ZContext zmq = new ZContext()) {
            zmq.createSocket(SocketType.REP).bind("tcp://127.0.0.1:" + ctx.port("rpc"));
            ctx.ready();
            ctx.awaitStop();
        }
    }
}
