package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.componentharness.Harness;
import io.github.componentharness.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class GreetingIT {

    private final HttpClient http = HttpClient.newHttpClient();

    private String greet(Harness h, String replica) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + h.port(replica, "http") + "/greet");
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void eachReplicaKeepsItsOwnStaticsAndARestartStartsAfresh() throws Exception {
        try (Harness h = Harness.connect()) {
            assertEquals("hello from greeter-1 #1", greet(h, "greeter-1"));
            assertEquals("hello from greeter-1 #2", greet(h, "greeter-1"));
            assertEquals("hello from greeter-2 #1", greet(h, "greeter-2"));
            assertEquals(2L, h.state("greeter-1", "requests"));
            assertEquals(1L, h.state("greeter-2", "requests"));
            assertEquals("hello from greeter-2", h.state("greeter-2", "greeting"));

            // Its shutdown hook stops the server, so the port is free for the fresh instance.
            h.restart("greeter-1");
            assertEquals(Status.RUNNING, h.status("greeter-1"));
            assertEquals(0L, h.state("greeter-1", "requests"));
            assertEquals("hello from greeter-1 #1", greet(h, "greeter-1"));
            assertEquals(1L, h.state("greeter-2", "requests"));
        }
    }
}
