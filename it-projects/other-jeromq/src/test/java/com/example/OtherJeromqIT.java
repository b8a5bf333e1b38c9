package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.componentharness.Condition;
import io.github.componentharness.Harness;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

class OtherJeromqIT {

    @Test
    void theComponentRunsOnTheProjectsJeromq() {
        try (Harness h = Harness.connect(); ZContext zmq = new ZContext()) {
            assertEquals(System.getProperty("jeromq.expected"), h.state("echo", "jeromq"));
            assertEquals("PING", request(zmq, h.port("echo", "rep"), "ping"));
            h.await("echo", "echoed", Condition.ge(1), Duration.ofSeconds(10));
        }
    }

    /** The Lazy Pirate pattern: jeromq 0.6.0 may lose the first message on a fresh connection. */
    private static String request(ZContext zmq, int port, String body) {
        for (int attempt = 0; attempt < 10; attempt++) {
            ZMQ.Socket req = zmq.createSocket(SocketType.REQ);
            try {
                req.setLinger(0);
                req.setReceiveTimeOut(1000);
                req.connect("tcp://127.0.0.1:" + port);
                req.send(body);
                String reply = req.recvStr();
                if (reply != null) {
                    return reply;
                }
            } finally {
                req.close();
            }
        }
        throw new AssertionError("no reply after 10 tries");
    }
}
