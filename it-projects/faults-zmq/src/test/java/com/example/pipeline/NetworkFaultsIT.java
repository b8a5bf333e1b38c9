package com.example.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.componentharness.Condition;
import io.github.componentharness.Fault;
import io.github.componentharness.Harness;
import io.github.componentharness.HarnessException;
import io.github.componentharness.junit.ConnectedHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ConnectedHarness.class)
class NetworkFaultsIT {

    /** Generous: a cut ZeroMQ peer comes back at its next reconnect, on a machine that may be busy. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LATENCY = Duration.ofMillis(300);

    @AfterEach
    void healEverything(Harness h) {
        h.heal();
    }

    @Test
    void aPartitionedWorkerGetsNoWorkUntilHealed(Harness h) throws Exception {
        try (Feed feed = new Feed(h.port("broker", "frontend"))) {
            h.await("worker-1", "processed", Condition.ge(count(h, "worker-1", "processed") + 1), TIMEOUT);

            h.partition("worker-1", "broker");
            assertThat(h.faults()).containsExactlyInAnyOrder(
                    Fault.partition("worker-1", "broker.frontend"), Fault.partition("worker-1", "broker.backend"));

            // Jobs the broker dealt to worker-1 as the cut came are lost with its connection; once
            // the others have taken work since, the broker deals to them alone.
            othersTakeWork(h, 10);
            long atCut = count(h, "worker-1", "processed");
            othersTakeWork(h, 20);
            assertThat(count(h, "worker-1", "processed")).isEqualTo(atCut);

            h.heal("worker-1", "broker");
            assertThat(h.faults()).isEmpty();
            // ZeroMQ reconnects by itself, and the broker deals to worker-1 again.
            h.await("worker-1", "processed", Condition.ge(atCut + 5), TIMEOUT);
        }
    }

    @Test
    void delayedLinksToTheSinkShowInTheEndToEndLatency(Harness h) throws Exception {
        try (Feed feed = new Feed(h.port("broker", "frontend"))) {
            h.await("sink", "lastLatencyMs", v -> between(v, 0, LATENCY.toMillis()), TIMEOUT);

            // Workers push results to the sink: those are the links a delay on worker -> sink hits.
            h.delay("worker", "sink", LATENCY, Duration.ZERO);
            assertThat(h.faults()).containsExactlyInAnyOrder(
                    Fault.delay("worker-1", "sink.results", LATENCY, Duration.ZERO),
                    Fault.delay("worker-2", "sink.results", LATENCY, Duration.ZERO),
                    Fault.delay("worker-3", "sink.results", LATENCY, Duration.ZERO));
            h.await("sink", "lastLatencyMs", Condition.ge(LATENCY.toMillis()), TIMEOUT);

            h.heal();
            assertThat(h.faults()).isEmpty();
            h.await("sink", "lastLatencyMs", Condition.lt(LATENCY.toMillis()), TIMEOUT);
        }
    }

    @Test
    void aFaultThatNamesNoLinkIsRefusedAndChangesNothing(Harness h) {
        // A fault in force that must survive the refused ones; no worker uses the broker's frontend.
        h.bandwidth("worker-1", "broker.frontend", 1_000_000);
        List<Fault> inForce = h.faults();
        assertThat(inForce).containsExactly(Fault.bandwidth("worker-1", "broker.frontend", 1_000_000));

        assertThatThrownBy(() -> h.partition("nobody", "broker"))
                .isInstanceOf(HarnessException.class)
                .hasMessageContaining("unknown instance or component 'nobody' as 'from' of a fault (known: ")
                .hasMessageContaining("worker-1");
        assertThatThrownBy(() -> h.partition("worker-1", "broker.nope"))
                .isInstanceOf(HarnessException.class)
                .hasMessageContaining("'broker' has no port 'nope' (declared: frontend, backend)");
        assertThatThrownBy(() -> h.delay("worker", "sink", Duration.ofMillis(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a delay's latency and jitter must not be negative");

        assertThat(h.faults()).isEqualTo(inForce);
    }

    /** Waits until worker-2 and worker-3 have each processed {@code jobs} more than now. */
    private static void othersTakeWork(Harness h, long jobs) {
        for (String worker : List.of("worker-2", "worker-3")) {
            h.await(worker, "processed", Condition.ge(count(h, worker, "processed") + jobs), TIMEOUT);
        }
    }

    private static long count(Harness h, String instance, String key) {
        return ((Number) h.state(instance, key)).longValue();
    }

    private static boolean between(Object value, long from, long below) {
        long v = ((Number) value).longValue();
        return v >= from && v < below;
    }
}
