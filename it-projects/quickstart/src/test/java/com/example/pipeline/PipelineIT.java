package com.example.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.componentharness.Condition;
import io.github.componentharness.Harness;
import io.github.componentharness.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

class PipelineIT {

    @Test
    void workFlowsThroughRealSocketsAndSurvivesAWorkerRestart() {
        try (Harness h = Harness.connect(); ZContext zmq = new ZContext()) {
            assertEquals(5, h.status().size());
            h.status().values().forEach(s -> assertEquals(Status.RUNNING, s));

            assertEquals(String.valueOf(h.port("broker", "frontend")), System.getProperty("broker.frontend"));

            ZMQ.Socket push = zmq.createSocket(SocketType.PUSH);
            push.setLinger(0);
            push.connect("tcp://127.0.0.1:" + h.port("broker", "frontend"));
            for (int i = 0; i < 100; i++) {
                push.send("job-" + i);
            }
            h.await("sink", "received", Condition.ge(100), Duration.ofSeconds(20));   // checked by the harness
            assertEquals(100L, h.state("broker", "forwarded"));
            assertTrue(((String) h.state("sink", "last")).matches("worker-\\d:JOB-\\d+"));

            h.restart("worker-1");                                                      // fault injection
            assertEquals(Status.RUNNING, h.status("worker-1"));
            assertEquals(0L, h.state("worker-1", "processed"));

            for (int i = 0; i < 50; i++) {
                push.send("again-" + i);
            }
            h.await("sink", "received", v -> ((Number) v).longValue() >= 150, Duration.ofSeconds(20));
        }
    }
}
