package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.componentharness.Harness;
import io.github.componentharness.Status;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class DatabaseIT {

    private static Connection connect(Harness h) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + h.port("db", "tcp") + "/./orders", "sa", "");
    }

    @Test
    void theAdoptedServerAnswersJdbcAndComesBackAfterARestart() throws SQLException {
        try (Harness h = Harness.connect()) {
            try (Connection c = connect(h); Statement s = c.createStatement()) {
                s.execute("create table orders(id int primary key, item varchar(20))");
                s.execute("insert into orders values (1, 'apples'), (2, 'pears')");
                try (ResultSet r = s.executeQuery("select count(*) from orders")) {
                    r.next();
                    assertEquals(2, r.getInt(1));
                }
            }
            // Stopped by -tcpShutdown, then started afresh on the same port, in a fresh {workDir}
            // (as every run of a component gets one): an empty database that works.
            h.restart("db");
            assertEquals(Status.RUNNING, h.status("db"));
            try (Connection c = connect(h); Statement s = c.createStatement()) {
                try (ResultSet r = s.executeQuery("select count(*) from information_schema.tables where table_name = 'ORDERS'")) {
                    r.next();
                    assertEquals(0, r.getInt(1));
                }
                s.execute("create table orders(id int primary key, item varchar(20))");
            }
        }
    }
}
