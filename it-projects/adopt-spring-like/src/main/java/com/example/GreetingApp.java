package com.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application as frameworks shape them, written with no harness in mind: configured by a
 * system property and args, a static request counter, a server that outlives main, and a
 * shutdown hook that stops it.
 */
public final class GreetingApp {

    static final AtomicLong requests = new AtomicLong();
    static String greeting = "hello";

    private GreetingApp() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("--greeting")) {
            greeting = args[1];
        }
        int port = Integer.parseInt(System.getProperty("server.port", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/health", exchange -> reply(exchange, 200, "UP"));
        server.createContext("/greet", exchange -> reply(exchange, 200, greeting + " #" + requests.incrementAndGet()));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            System.out.println("GreetingApp stopped after " + requests.get() + " requests");
        }));
        System.out.println("GreetingApp started on port " + port);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
