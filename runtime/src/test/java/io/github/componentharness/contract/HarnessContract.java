package io.github.componentharness.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.componentharness.Condition;
import io.github.componentharness.Harness;
import io.github.componentharness.HarnessException;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.HarnessTimeoutException;
import io.github.componentharness.Status;
import io.github.componentharness.fixtures.Counter;
import io.github.componentharness.fixtures.Idle;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Harness} does, whether in-process or through the control port: each
 * implementation's test runs these same assertions.
 */
abstract class HarnessContract {

    /**
     * Fails when a connection reaches its port {@code trigger}, to show FAILED and its cause: a
     * test can break it wherever it runs, in this JVM or another.
     */
    public static class Fragile implements io.github.componentharness.Component {
        @Override
        public void run(io.github.componentharness.ComponentContext ctx) throws IOException {
            try (ServerSocket trigger = new ServerSocket(ctx.port("trigger"), 1, InetAddress.getLoopbackAddress())) {
                ctx.onStop(trigger);
                ctx.publish("phase", "serving");
                ctx.ready();
                trigger.accept().close();
            } catch (SocketException closedByStop) {
                if (ctx.stopping()) {
                    return;
                }
                throw closedByStop;
            }
            throw new IllegalStateException("lost its disk");
        }
    }

    static HarnessSpec spec() {
        return specBuilder().build();
    }

    static HarnessSpec.Builder specBuilder() {
        return HarnessSpec.builder()
                .component("counter", Counter.class, c -> c.ports("http").config("step", 1))
                .component("fragile", Fragile.class, c -> c.ports("trigger"))
                .component("client", Idle.class, c -> c.replicas(2).dependsOn("counter"));
    }

    protected Harness h;

    /** Starts {@link #spec()} and returns the harness under test. */
    abstract Harness open();

    private void breakFragile() throws IOException {
        new Socket(InetAddress.getLoopbackAddress(), h.port("fragile", "trigger")).close();
    }

    abstract void shutDown();

    @BeforeEach
    void start() {
        h = open();
    }

    @AfterEach
    void stop() {
        shutDown();
    }

    @Test
    void faultsNeedFaultsOnAndSaySo() {
        assertThatThrownBy(() -> h.partition("client-1", "counter")).isInstanceOf(HarnessException.class)
                .hasMessageContaining("network faults are off").hasMessageContaining("<faults>true</faults>");
        assertThat(h.faults()).isEmpty();
    }

    @Test
    void statusOfAllAndOne() {
        assertThat(h.status()).containsExactly(Map.entry("counter", Status.RUNNING), Map.entry("fragile", Status.RUNNING),
                Map.entry("client-1", Status.RUNNING), Map.entry("client-2", Status.RUNNING));
        assertThat(h.status("client-2")).isEqualTo(Status.RUNNING);
        assertThat(h.failure("counter")).isEmpty();
    }

    @Test
    void stateInItsJsonForm() {
        assertThat(h.state("counter", "label")).isEqualTo("published-counter");
        assertThat(h.state("counter", "queueDepth")).isEqualTo(3L);
        assertThat(h.state("counter", "tags")).isEqualTo(List.of("a", "b"));
        assertThat(h.state("counter", "limits")).isEqualTo(Map.of("low", 0L, "high", 100L));
        assertThat(h.state("counter", "stats.limits.high")).isEqualTo(9L);
        assertThat(h.state("counter", "healthy")).isEqualTo(true);
        assertThat(h.snapshot("counter")).containsEntry("label", "published-counter").containsKeys("processed", "tags");
    }

    @Test
    void errorsNameWhatToFix() {
        assertThatThrownBy(() -> h.status("countr")).isInstanceOf(HarnessException.class)
                .hasMessage("unknown component 'countr' (known: counter, fragile, client-1, client-2)");
        assertThatThrownBy(() -> h.state("counter", "nope")).isInstanceOf(HarnessException.class)
                .hasMessageStartingWith("component 'counter' has no state 'nope' (published or fields: ");
        assertThatThrownBy(() -> h.state("counter", "getClass.classLoader")).isInstanceOf(HarnessException.class)
                .hasMessageStartingWith("component 'counter' has no state 'getClass'");
        assertThatThrownBy(() -> h.port("counter", "grpc")).isInstanceOf(HarnessException.class)
                .hasMessage("component 'counter' has no port 'grpc' (declared: http): declare it in the component's ports");
    }

    @Test
    void portsAreTheAllocatedOnes() {
        assertThat(h.port("counter", "http")).isBetween(10_000, 65_535);
    }

    @Test
    void awaitWithAPredicateOrACondition() {
        assertThat((Long) h.await("counter", "processed", v -> ((Number) v).longValue() >= 5, Duration.ofSeconds(10)))
                .isGreaterThanOrEqualTo(5L);
        assertThat((Long) h.await("counter", "processed", Condition.ge(10), Duration.ofSeconds(10))).isGreaterThanOrEqualTo(10L);
        assertThat(h.await("counter", "stage", Condition.eq("warming"), Duration.ofSeconds(1))).isEqualTo("warming");
        assertThat(h.await("counter", "label", Condition.exists(), Duration.ofSeconds(1))).isEqualTo("published-counter");
    }

    @Test
    void awaitTimesOutWithTheLastValue() {
        assertThatThrownBy(() -> h.await("counter", "stage", Condition.eq("hot"), Duration.ofMillis(100)))
                .isInstanceOf(HarnessTimeoutException.class)
                .hasMessage("'counter.stage' was not eq \"hot\" within 100 ms; last value: warming (status RUNNING)");
        assertThatThrownBy(() -> h.await("counter", "stage", v -> v.equals("hot"), Duration.ofMillis(100)))
                .isInstanceOf(HarnessTimeoutException.class)
                .hasMessage("'counter.stage' was not the predicate within 100 ms; last value: warming (status RUNNING)");
    }

    @Test
    void aFailedComponentShowsItsCauseAndEndsAwaitsAtOnce() throws IOException {
        breakFragile();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> h.status("fragile") == Status.FAILED);
        assertThat(h.failure("fragile")).hasValue("java.lang.IllegalStateException: lost its disk");
        assertThatThrownBy(() -> h.await("fragile", "phase", Condition.eq("never"), Duration.ofSeconds(30)))
                .isInstanceOf(HarnessException.class)
                .isNotInstanceOf(HarnessTimeoutException.class)
                .hasMessage("component 'fragile' FAILED while awaiting 'phase' to be eq \"never\" (last value: serving): "
                        + "java.lang.IllegalStateException: lost its disk");
    }

    @Test
    void stopStartRestart() {
        h.stop("client-1");
        assertThat(h.status("client-1")).isEqualTo(Status.STOPPED);
        h.start("client-1");
        assertThat(h.status("client-1")).isEqualTo(Status.RUNNING);
        Long before = (Long) h.await("counter", "processed", Condition.ge(1), Duration.ofSeconds(10));
        h.restart("counter");
        assertThat(h.status("counter")).isEqualTo(Status.RUNNING);
        assertThat((Long) h.state("counter", "processed")).isLessThan(before + 1000);
        assertThatThrownBy(() -> h.start("counter")).isInstanceOf(HarnessException.class)
                .hasMessage("Component 'counter' is RUNNING already: stop it first, or restart it");
    }
}
