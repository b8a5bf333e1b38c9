package io.github.componentharness.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.componentharness.Condition;
import io.github.componentharness.Fault;
import io.github.componentharness.Harness;
import io.github.componentharness.HarnessException;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.fixtures.LineEcho;
import io.github.componentharness.fixtures.LineProber;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Network faults on the links between instances, the same in every {@link Harness}: in this
 * JVM, through the control port, and in process mode (where each JVM proxies its own links).
 */
abstract class FaultContract {

    static final Duration WAIT = Duration.ofSeconds(20);

    static HarnessSpec spec(HarnessSpec.Mode mode) {
        return HarnessSpec.builder()
                .faults(true)
                .failOnLeak(true)
                .mode(mode)
                .component("echo", LineEcho.class, c -> c.ports("tcp"))
                .component("prober", LineProber.class, c -> c.replicas(2).dependsOn("echo").config("timeoutMs", 400))
                .build();
    }

    protected Harness h;

    abstract Harness open();

    abstract void shutDown();

    @BeforeEach
    void start() {
        h = open();
    }

    @AfterEach
    void stop() {
        shutDown();
    }

    private long number(String instance, String key) {
        return ((Number) h.state(instance, key)).longValue();
    }

    private void awaitMore(String instance, String key, long than) {
        h.await(instance, key, Condition.gt(than), WAIT);
    }

    @Test
    void aPartitionCutsOneReplicaOffAndHealRestoresIt() {
        awaitMore("prober-1", "ok", 2);
        long failures = number("prober-1", "failures");

        h.partition("prober-1", "echo");

        awaitMore("prober-1", "failures", failures);
        long okWhileCut = number("prober-1", "ok");
        awaitMore("prober-2", "ok", number("prober-2", "ok") + 5);
        assertThat(number("prober-1", "ok")).as("prober-1 is cut off while prober-2 goes on").isEqualTo(okWhileCut);
        assertThat(h.faults()).containsExactly(Fault.partition("prober-1", "echo.tcp"));
        assertThat((String) h.state("prober-1", "lastError")).containsAnyOf("reset", "closed", "Broken pipe");

        h.heal("prober-1", "echo");

        awaitMore("prober-1", "ok", okWhileCut);
        assertThat(h.faults()).isEmpty();
    }

    @Test
    void aDelayShowsInTheRoundTripOfThatLinkOnly() {
        h.delay("prober-2", "echo.tcp", Duration.ofMillis(150), Duration.ofMillis(20));

        h.await("prober-2", "lastRoundTripMs", Condition.ge(260), WAIT);
        assertThat(h.faults()).containsExactly(Fault.delay("prober-2", "echo.tcp", Duration.ofMillis(150), Duration.ofMillis(20)));
        long ok = number("prober-1", "ok");
        awaitMore("prober-1", "ok", ok + 5);
        assertThat(number("prober-1", "lastRoundTripMs")).as("prober-1's link has no delay").isLessThan(150);

        h.heal();

        h.await("prober-2", "lastRoundTripMs", Condition.lt(100), WAIT);
    }

    @Test
    void aBlackholeTimesTheClientOutAndHealDeliversAgain() {
        awaitMore("prober-1", "ok", 2);

        h.blackhole("prober", "echo");

        h.await("prober-1", "lastError", Condition.matches(".*timed out.*"), WAIT);
        h.await("prober-2", "lastError", Condition.matches(".*timed out.*"), WAIT);
        assertThat(h.faults()).containsExactly(Fault.blackhole("prober-1", "echo.tcp"), Fault.blackhole("prober-2", "echo.tcp"));
        long ok = number("prober-1", "ok");

        h.heal("prober");

        awaitMore("prober-1", "ok", ok);
        assertThat(h.faults()).isEmpty();
    }

    @Test
    void aFaultOnAStoppedInstanceHoldsWhenItStartsAgain() {
        h.stop("prober-1");
        h.partition("prober-1", "echo");
        h.start("prober-1");

        awaitMore("prober-1", "failures", 0);
        assertThat(number("prober-1", "ok")).isZero();

        h.heal();
        awaitMore("prober-1", "ok", 0);
    }

    @Test
    void faultsNamingNoLinkAreClearErrorsAndChangeNothing() {
        h.delay("prober-1", "echo", Duration.ofMillis(5), Duration.ZERO);

        assertThatThrownBy(() -> h.partition("proberr", "echo")).isInstanceOf(HarnessException.class)
                .hasMessageContaining("unknown instance or component 'proberr'").hasMessageContaining("known: echo, prober");
        assertThatThrownBy(() -> h.partition("prober-1", "echo.http")).isInstanceOf(HarnessException.class)
                .hasMessageContaining("'echo' has no port 'http' (declared: tcp)");
        assertThatThrownBy(() -> h.partition("echo", "prober")).isInstanceOf(HarnessException.class)
                .hasMessageContaining("'prober' declares no ports");
        assertThatThrownBy(() -> h.delay("prober-1", "echo", Duration.ofMillis(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");

        assertThat(h.faults()).containsExactly(Fault.delay("prober-1", "echo.tcp", Duration.ofMillis(5), Duration.ZERO));
    }
}
