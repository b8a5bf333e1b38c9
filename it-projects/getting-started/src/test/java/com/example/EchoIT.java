package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.componentharness.Condition;
import io.github.componentharness.Harness;
import io.github.componentharness.junit.ConnectedHarness;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

@ExtendWith(ConnectedHarness.class)
class EchoIT {

    @Test
    void answersInUpperCase(Harness h) {
        try (ZContext zmq = new ZContext()) {
            ZMQ.Socket socket = zmq.createSocket(SocketType.REQ);
            socket.connect("tcp://127.0.0.1:" + h.port("echo", "rpc"));
            socket.send("hello");
            assertEquals("HELLO", socket.recvStr());
        }
        h.await("echo", "served", Condition.ge(1), Duration.ofSeconds(5));
    }
}
