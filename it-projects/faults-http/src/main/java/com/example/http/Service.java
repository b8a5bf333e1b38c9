package com.example.http;

import com.sun.net.httpserver.HttpServer;
import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/** Answers {@code GET /hello} on its {@code http} port. Exposes {@code served}. */
public class Service implements Component {

    final AtomicLong served = new AtomicLong();

    @Override
    public void run(ComponentContext ctx) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", ctx.port("http")), 0);
        server.createContext("/hello", exchange -> {
            byte[] body = ("hello from " + ctx.name()).getBytes(StandardCharsets.UTF_8);
            // One request per connection: no idle connection outlives a stop.
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            served.incrementAndGet();
        });
        server.start();
        try {
            ctx.ready();
            ctx.awaitStop();
        } finally {
            server.stop(0);
        }
    }
}
