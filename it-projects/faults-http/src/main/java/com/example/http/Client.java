package com.example.http;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Calls the service's {@code /hello} over and over, each call with a timeout, as a client that
 * must not hang on a dead peer. Publishes {@code state} ({@code ok}, {@code timeout} or
 * {@code error}: how the last call ended), {@code okCount}, {@code timeouts}, {@code lastReply}
 * and {@code lastError}.
 */
public class Client implements Component {

    @Override
    public void run(ComponentContext ctx) throws Exception {
        int timeoutMillis = ctx.config("timeoutMillis", 500);
        int pauseMillis = ctx.config("pauseMillis", 50);
        // Through ctx.port: with faults on, that is this instance's link to the service.
        URL hello = new URL("http://127.0.0.1:" + ctx.port(ctx.config("service", "service"), "http") + "/hello");
        CountDownLatch stop = new CountDownLatch(1);
        ctx.onStop(stop::countDown);
        long okCount = 0;
        long timeouts = 0;
        ctx.publish("okCount", okCount);
        ctx.publish("timeouts", timeouts);
        ctx.publish("state", "starting");
        ctx.ready();
        // A call blocks no longer than its timeout, so a stop is never held up by a silent peer.
        while (!ctx.stopping()) {
            try {
                ctx.publish("lastReply", get(hello, timeoutMillis));
                ctx.publish("okCount", ++okCount);
                ctx.publish("state", "ok");
            } catch (SocketTimeoutException e) {
                ctx.publish("timeouts", ++timeouts);
                ctx.publish("lastError", e.toString());
                ctx.publish("state", "timeout");
            } catch (IOException e) {
                ctx.publish("lastError", e.toString());
                ctx.publish("state", "error");
            }
            stop.await(pauseMillis, TimeUnit.MILLISECONDS);
        }
    }

    private static String get(URL url, int timeoutMillis) throws IOException {
        // No proxy of the JVM's settings, and no kept-alive connection whose JDK timer thread would outlive a stop.
        HttpURLConnection http = (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
        try {
            http.setConnectTimeout(timeoutMillis);
            http.setReadTimeout(timeoutMillis);
            http.setRequestProperty("Connection", "close");
            if (http.getResponseCode() != 200) {
                throw new IOException("HTTP " + http.getResponseCode() + " from " + url);
            }
            try (InputStream in = http.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            http.disconnect();
        }
    }
}
