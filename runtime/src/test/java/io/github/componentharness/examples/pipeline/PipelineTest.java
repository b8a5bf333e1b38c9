package io.github.componentharness.examples.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.componentharness.Condition;
import io.github.componentharness.Harness;
import io.github.componentharness.LocalHarness;
import io.github.componentharness.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

class PipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void workFlowsThroughRealSocketsAndSurvivesAWorkerRestart() {
        try (LocalHarness h = Harness.start(Pipeline.spec().build());
                ZContext client = new ZContext()) {
            ZMQ.Socket push = client.createSocket(SocketType.PUSH);
            push.setLinger(0);
            push.connect("tcp://127.0.0.1:" + h.port("broker", "frontend"));
            for (int i = 0; i < 30; i++) {
                push.send("job-" + i);
            }
            h.await("sink", "received", Condition.ge(30), WAIT);
            assertThat(h.state("broker", "forwarded")).isEqualTo(30L);
            long byWorkers = 0;
            for (String w : new String[] {"worker-1", "worker-2", "worker-3"}) {
                byWorkers += (Long) h.state(w, "processed");
            }
            assertThat(byWorkers).isEqualTo(30);
            assertThat((String) h.state("sink", "last")).matches("worker-\\d:JOB-\\d+");

            Worker before = h.component("worker-1", Worker.class);
            h.restart("worker-1");
            assertThat(h.component("worker-1", Worker.class)).isNotSameAs(before);
            assertThat(h.status("worker-1")).isEqualTo(Status.RUNNING);
            assertThat(h.state("worker-1", "processed")).isEqualTo(0L);

            for (int i = 0; i < 30; i++) {
                push.send("again-" + i);
            }
            h.await("sink", "received", v -> ((Number) v).longValue() >= 60, WAIT);
            assertThat(h.problems()).isEmpty();
        }
    }
}
