package io.github.componentharness.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.componentharness.Harness;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.LocalHarness;
import io.github.componentharness.Status;
import io.github.componentharness.fixtures.Idle;
import io.github.componentharness.fixtures.Recorder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs sample test classes through the real JUnit engine and checks what the extension did. */
class HarnessExtensionTest {

    static final List<Object> SEEN = new CopyOnWriteArrayList<>();

    private static Events run(Class<?> testClass) {
        SEEN.clear();
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
    }

    static HarnessSpec spec() {
        return HarnessSpec.builder()
                .component("db", Recorder.class)
                .component("worker", Idle.class, c -> c.replicas(2).dependsOn("db"))
                .build();
    }

    static class PerClass {
        @RegisterExtension
        static HarnessExtension harness = new HarnessExtension(spec());

        static LocalHarness fromBeforeAll;

        @BeforeAll
        static void before(LocalHarness h) {
            fromBeforeAll = h;
        }

        @Test
        void first(LocalHarness h, Recorder db) {
            SEEN.add(h);
            SEEN.add(db);
            assertThat(h).isSameAs(fromBeforeAll);
            assertThat(h.status("db")).isEqualTo(Status.RUNNING);
        }

        @Test
        void second(Harness h, Recorder db) {
            SEEN.add(h);
            SEEN.add(db);
        }

        @AfterAll
        static void after() {
            SEEN.add(fromBeforeAll.status("db"));
        }
    }

    @Test
    void aStaticExtensionSharesOneHarnessAcrossTheClass() {
        run(PerClass.class).assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(SEEN).hasSize(5);
        assertThat(SEEN.get(0)).isSameAs(SEEN.get(2));
        assertThat(SEEN.get(1)).isSameAs(SEEN.get(3));
        assertThat(SEEN.get(4)).isEqualTo(Status.RUNNING);
        assertThat(PerClass.fromBeforeAll.status("db")).as("closed after the class").isEqualTo(Status.STOPPED);
    }

    static class PerMethod {
        @RegisterExtension
        HarnessExtension harness = new HarnessExtension(spec());

        @Test
        void first(LocalHarness h) {
            SEEN.add(h);
        }

        @Test
        void second(LocalHarness h) {
            SEEN.add(h);
        }
    }

    @Test
    void anInstanceExtensionGivesEachMethodAFreshHarness() {
        run(PerMethod.class).assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(0)).isNotSameAs(SEEN.get(1));
        for (Object h : SEEN) {
            assertThat(((LocalHarness) h).status("db")).isEqualTo(Status.STOPPED);
        }
    }

    static class Ambiguous {
        @RegisterExtension
        static HarnessExtension harness = new HarnessExtension(spec());

        @Test
        void wantsAWorker(Idle worker) {
            SEEN.add(worker);
        }
    }

    @Test
    void anAmbiguousComponentParameterIsExplained() {
        Events events = run(Ambiguous.class);
        events.assertStatistics(s -> s.failed(1));
        assertThat(events.failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow())
                .hasMessageContaining("several components are a Idle [worker-1, worker-2]")
                .hasMessageContaining("call component(name, Idle.class)");
    }
}
