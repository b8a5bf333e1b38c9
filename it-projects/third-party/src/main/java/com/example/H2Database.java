package com.example;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;
import org.h2.tools.Server;

/** H2's own TCP server, on the port the harness allocated. */
public class H2Database implements Component {

    private Server server;

    public String getUrl() {
        return server == null ? null : server.getURL();
    }

    @Override
    public void run(ComponentContext ctx) throws Exception {
        server = Server.createTcpServer("-tcpPort", String.valueOf(ctx.port("tcp")), "-ifNotExists").start();
        try {
            ctx.ready();
            ctx.awaitStop();
        } finally {
            server.stop();
        }
    }
}
