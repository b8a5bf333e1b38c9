package io.github.componentharness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.componentharness.fixtures.Counter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StateTest {

    private static LocalHarness h;

    @BeforeAll
    static void start() {
        h = Harness.start(HarnessSpec.builder().component("counter", Counter.class, c -> c.config("step", 2)).build());
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void aPublishedValueComesBeforeAFieldOfTheSameName() {
        assertThat(h.state("counter", "label")).isEqualTo("published-counter");
        assertThat(h.state("counter", "stage")).isEqualTo("warming");
    }

    @Test
    void fieldsAndGettersAreStateInTheirJsonForm() {
        assertThat(h.state("counter", "processed")).isInstanceOf(Long.class);
        assertThat(h.state("counter", "queueDepth")).isEqualTo(3L);
        assertThat(h.state("counter", "healthy")).isEqualTo(true);
        assertThat(h.state("counter", "tags")).isEqualTo(List.of("a", "b"));
        assertThat(h.state("counter", "byKind")).isEqualTo(Map.of("x", 1L));
        assertThat(h.state("counter", "limits")).isEqualTo(Map.of("low", 0L, "high", 100L));
    }

    @Test
    void dottedPathsReachIntoNestedObjects() {
        assertThat(h.state("counter", "stats.seen")).isEqualTo(7L);
        assertThat(h.state("counter", "stats.mode")).isEqualTo("fast");
        assertThat(h.state("counter", "stats.limits.high")).isEqualTo(9L);
        assertThat(h.state("counter", "tags.1")).isEqualTo("b");
        assertThat(h.state("counter", "byKind.x")).isEqualTo(1L);
        assertThat(h.state("counter", "limits.low")).isEqualTo(0L);
    }

    @Test
    void lookupsNeverReachObjectOrClassMembers() {
        assertThatThrownBy(() -> h.state("counter", "getClass.classLoader"))
                .isInstanceOf(HarnessException.class)
                .hasMessageStartingWith("component 'counter' has no state 'getClass'");
        assertThatThrownBy(() -> h.state("counter", "class")).hasMessageStartingWith("component 'counter' has no state 'class'");
        assertThatThrownBy(() -> h.state("counter", "hashCode")).hasMessageStartingWith("component 'counter' has no state 'hashCode'");
        assertThatThrownBy(() -> h.state("counter", "label.bytes"))
                .hasMessageContaining("is a java.lang.String: the harness does not look inside the JDK's classes");
    }

    @Test
    void unknownKeysAndValuesWithoutJsonFormAreExplained() {
        assertThatThrownBy(() -> h.state("counter", "nope"))
                .hasMessage("component 'counter' has no state 'nope' (published or fields: byKind, healthy, label, limits, lock, "
                        + "processed, stage, stats, tags)");
        assertThatThrownBy(() -> h.state("counter", "lock"))
                .hasMessageContaining("state 'lock' of component 'counter' cannot be sent: a java.lang.Object has no JSON form");
        assertThatThrownBy(() -> h.state("counter", "stats"))
                .hasMessageContaining("ask for one of its fields with a dotted path");
        assertThatThrownBy(() -> h.state("counter", "stats..seen")).hasMessageStartingWith("malformed state key 'stats..seen'");
    }

    @Test
    void aSnapshotHoldsEverythingThatHasAJsonForm() {
        Map<String, Object> snapshot = h.snapshot("counter");
        assertThat(snapshot).containsKeys("processed", "tags", "byKind", "limits", "healthy", "stage")
                .containsEntry("label", "published-counter")
                .doesNotContainKeys("lock", "stats");
    }

    @Test
    void awaitReturnsTheAcceptedValue() {
        Object value = h.await("counter", "processed", v -> ((Number) v).longValue() >= 10, Duration.ofSeconds(10));
        assertThat((Long) value).isGreaterThanOrEqualTo(10L);
        assertThat(h.await("counter", "processed", Condition.ge(12), Duration.ofSeconds(10))).isInstanceOf(Long.class);
        assertThat(h.await("counter", "stage", Condition.matches("warm.*"), Duration.ofSeconds(1))).isEqualTo("warming");
    }

    @Test
    void awaitTimesOutWithTheLastValueSeen() {
        assertThatThrownBy(() -> h.await("counter", "stage", Condition.eq("hot"), Duration.ofMillis(50)))
                .isInstanceOf(HarnessTimeoutException.class)
                .hasMessage("'counter.stage' was not eq \"hot\" within 50 ms; last value: warming (status RUNNING)");
        assertThatThrownBy(() -> h.await("counter", "missing", Condition.exists(), Duration.ofMillis(20)))
                .isInstanceOf(HarnessTimeoutException.class)
                .hasMessageContaining("last value: (absent)");
        assertThatThrownBy(() -> h.await("counter", "processed", v -> false, Duration.ofMillis(20)))
                .hasMessageContaining("'counter.processed' was not the predicate within 20 ms");
    }

    @Test
    void directAccessGivesTheComponentObject() {
        Counter counter = h.component("counter", Counter.class);
        long before = counter.processed.get();
        h.await("counter", "processed", Condition.gt(before), Duration.ofSeconds(10));
        assertThat(counter.processed.get()).isGreaterThan(before);
        assertThat(counter.processed.get() % 2).as("config step 2 is used").isZero();
    }
}
