package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.componentharness.Condition;
import io.github.componentharness.Harness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThirdPartyIT {

    @Test
    void h2AnswersItsOwnJdbcDriver() throws Exception {
        try (Harness h = Harness.connect();
                Connection db = DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + h.port("db", "tcp") + "/mem:orders", "sa", "");
                Statement sql = db.createStatement()) {
            sql.execute("create table orders(id int primary key, item varchar(20))");
            sql.execute("insert into orders values (1, 'book'), (2, 'pen')");
            try (ResultSet rs = sql.executeQuery("select count(*) from orders")) {
                rs.next();
                assertEquals(2, rs.getInt(1));
            }
            assertTrue(((String) h.state("db", "url")).endsWith(":" + h.port("db", "tcp")), "H2 serves on the allocated port");
        }
    }

    @Test
    void jettyAnswersAnHttpClient() throws Exception {
        try (Harness h = Harness.connect()) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + h.port("web", "http") + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("hello from web", response.body());
            h.await("web", "requests", Condition.ge(1), Duration.ofSeconds(5));
            h.restart("web");
            HttpResponse<String> again = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + h.port("web", "http") + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("hello from web", again.body());
            assertEquals(1L, h.state("web", "requests"));
        }
    }
}
