package com.example;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/** Jetty serving one greeting on the port the harness allocated; counts its requests. */
public class JettyServer implements Component {

    final AtomicLong requests = new AtomicLong();

    @Override
    public void run(ComponentContext ctx) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(ctx.port("http"));
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                requests.incrementAndGet();
                response.setStatus(200);
                Content.Sink.write(response, true, "hello from " + ctx.name(), callback);
                return true;
            }
        });
        server.start();
        try {
            ctx.ready();
            ctx.awaitStop();
        } finally {
            server.stop();
            server.join();
        }
    }
}
