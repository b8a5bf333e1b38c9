package io.github.componentharness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.componentharness.fixtures.Events;
import io.github.componentharness.fixtures.FailsAtStart;
import io.github.componentharness.fixtures.Idle;
import io.github.componentharness.fixtures.IgnoresStop;
import io.github.componentharness.fixtures.Leaky;
import io.github.componentharness.fixtures.NeverReady;
import io.github.componentharness.fixtures.Recorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LifecycleTest {

    @BeforeEach
    void clearEvents() {
        Events.clear();
    }

    @AfterAll
    static void releaseDeliberatelyStuckThreads() {
        IgnoresStop.RELEASE.countDown();
        Leaky.RELEASE.countDown();
    }

    private static List<Thread> harnessThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("harness-"))
                .toList();
    }

    @Test
    void thirtyComponentsStartAndStopWithNoLeak() {
        HarnessSpec.Builder b = HarnessSpec.builder().component("hub", Idle.class, c -> c.ports("in", "out"));
        for (int i = 1; i < 30; i++) {
            b.component("node" + i, Idle.class, c -> c.ports("rpc").dependsOn("hub"));
        }
        LocalHarness h = Harness.start(b.build());
        assertThat(h.status()).hasSize(30).allSatisfy((name, status) -> assertThat(status).isEqualTo(Status.RUNNING));
        assertThat(harnessThreads()).hasSize(30);
        h.close();
        assertThat(h.status().values()).containsOnly(Status.STOPPED);
        assertThat(h.problems()).isEmpty();
        assertThat(harnessThreads()).isEmpty();
    }

    @Test
    void startsInDependencyOrderAndStopsInReverse() {
        try (LocalHarness h = Harness.start(HarnessSpec.builder()
                .component("app", Recorder.class, c -> c.dependsOn("cache", "db"))
                .component("cache", Recorder.class, c -> c.dependsOn("db"))
                .component("db", Recorder.class)
                .build())) {
            assertThat(Events.all()).containsExactly("start db", "start cache", "start app");
            assertThat(new ArrayList<>(h.status().keySet())).containsExactly("db", "cache", "app");
        }
        assertThat(Events.all()).endsWith("stop app", "stop cache", "stop db");
    }

    /** Each replica waits until all three replicas have begun, so a serial start would time out. */
    public static class Rendezvous implements Component {
        static final CountDownLatch ALL_BEGUN = new CountDownLatch(3);

        @Override
        public void run(ComponentContext ctx) throws InterruptedException {
            ALL_BEGUN.countDown();
            if (!ALL_BEGUN.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("replicas were not started in parallel");
            }
            ctx.ready();
            ctx.awaitStop();
        }
    }

    @Test
    void independentComponentsStartInParallelAndReplicasAreNamed() {
        try (LocalHarness h = Harness.start(HarnessSpec.builder()
                .component("peer", Rendezvous.class, c -> c.replicas(3))
                .build())) {
            assertThat(h.status()).containsOnlyKeys("peer-1", "peer-2", "peer-3");
            assertThat(h.status().values()).containsOnly(Status.RUNNING);
        }
    }

    @Test
    void neverReadyTimesOutNamingTheComponentAndStopsTheRest() {
        HarnessSpec spec = HarnessSpec.builder()
                .component("db", Recorder.class)
                .component("slow", NeverReady.class, c -> c.dependsOn("db"))
                .component("app", Recorder.class, c -> c.dependsOn("slow"))
                .startTimeout(Duration.ofMillis(300))
                .build();
        assertThatThrownBy(() -> Harness.start(spec))
                .isInstanceOf(HarnessTimeoutException.class)
                .hasMessageContaining("Component 'slow' was not ready within 300ms (status STARTING)")
                .hasMessageContaining("not started, as they depend on it: app")
                .hasMessageContaining("must call ctx.ready()")
                .hasMessageContaining("raise startTimeout")
                .hasMessageContaining("NeverReady.run");
        assertThat(Events.all()).containsExactly("start db", "stop db");
        assertThat(harnessThreads()).isEmpty();
    }

    @Test
    void aFailingStartRollsBackWhatStartedInReverseOrder() {
        HarnessSpec spec = HarnessSpec.builder()
                .component("db", Recorder.class)
                .component("cache", Recorder.class, c -> c.dependsOn("db"))
                .component("orders", FailsAtStart.class, c -> c.dependsOn("cache"))
                .build();
        assertThatThrownBy(() -> Harness.start(spec))
                .isInstanceOf(HarnessException.class)
                .hasMessageStartingWith("Component 'orders' failed to start: java.lang.IllegalStateException: cannot open database 'orders'")
                .hasRootCauseInstanceOf(IllegalStateException.class);
        assertThat(Events.all()).containsExactly("start db", "start cache", "stop cache", "stop db");
        assertThat(harnessThreads()).isEmpty();
    }

    public static class ReturnsEarly implements Component {
        @Override
        public void run(ComponentContext ctx) {
        }
    }

    @Test
    void returningBeforeReadyFailsTheStart() {
        assertThatThrownBy(() -> Harness.start(HarnessSpec.builder().component("job", ReturnsEarly.class).build()))
                .hasMessageContaining("Component 'job' returned from run() before calling ctx.ready()");
    }

    @Test
    void aComponentIgnoringStopIsReportedWhileTheOthersStop() {
        LocalHarness h = Harness.start(HarnessSpec.builder()
                .component("db", Recorder.class)
                .component("deaf", IgnoresStop.class, c -> c.dependsOn("db"))
                .component("web", Recorder.class, c -> c.dependsOn("db"))
                .stopTimeout(Duration.ofMillis(500))
                .build());
        long begin = System.nanoTime();
        h.close();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);

        assertThat(tookMillis).as("close() returns within stopTimeout plus a margin").isLessThan(500 + 1500);
        assertThat(Events.all()).contains("stop web", "stop db");
        assertThat(h.status("deaf")).isEqualTo(Status.STOPPING);
        assertThat(h.status("db")).isEqualTo(Status.STOPPED);
        assertThat(h.problems()).singleElement().asString()
                .startsWith("component 'deaf' did not stop within the stop timeout; its threads:")
                .contains("\"harness-deaf\"")
                .contains("IgnoresStop.run");
    }

    @Test
    void aLeakedThreadIsReportedByComponentAndThreadName() {
        LocalHarness h = Harness.start(HarnessSpec.builder().component("leaky", Leaky.class).build());
        h.close();
        assertThat(h.status("leaky")).isEqualTo(Status.STOPPED);
        assertThat(h.problems()).singleElement().asString()
                .startsWith("component 'leaky' leaked 1 thread still running after it stopped")
                .contains("\"leaky-helper\"")
                .contains("Leaky.lambda");
    }

    @Test
    void failOnLeakMakesCloseThrow() {
        LocalHarness h = Harness.start(HarnessSpec.builder().component("leaky", Leaky.class).failOnLeak(true).build());
        assertThatThrownBy(h::close)
                .isInstanceOf(HarnessException.class)
                .hasMessageContaining("failOnLeak")
                .hasMessageContaining("component 'leaky' leaked 1 thread")
                .hasMessageContaining("\"leaky-helper\"");
    }

    /** Runs until a test calls {@link #crash()}, then fails. */
    public static class Crashes implements Component {
        private final CountDownLatch crash = new CountDownLatch(1);

        public void crash() {
            crash.countDown();
        }

        @Override
        public void run(ComponentContext ctx) throws InterruptedException {
            ctx.ready();
            crash.await();
            throw new IllegalStateException("crashed on request");
        }
    }

    /** Ready, then fails when told to through its config-named latch. */
    public static class FailsLater implements Component {
        static final CountDownLatch CRASH = new CountDownLatch(1);

        @Override
        public void run(ComponentContext ctx) throws InterruptedException {
            ctx.ready();
            CRASH.await();
            throw new IllegalStateException("disk full");
        }
    }

    @Test
    void aComponentFailingWhileRunningTurnsFailedWithItsCause() {
        try (LocalHarness h = Harness.start(HarnessSpec.builder()
                .component("store", FailsLater.class)
                .component("other", Idle.class)
                .build())) {
            assertThat(h.failure("store")).isEmpty();
            FailsLater.CRASH.countDown();
            assertThatThrownBy(() -> h.await("store", "nothing", Condition.exists(), Duration.ofSeconds(10)))
                    .hasMessageContaining("component 'store' FAILED")
                    .hasMessageContaining("disk full");
            assertThat(h.status("store")).isEqualTo(Status.FAILED);
            assertThat(h.failure("store")).hasValue("java.lang.IllegalStateException: disk full");
            assertThat(h.status("other")).isEqualTo(Status.RUNNING);
        }
    }

    @Test
    void stopStartAndRestartOneComponent() {
        try (LocalHarness h = Harness.start(HarnessSpec.builder()
                .component("db", Recorder.class)
                .component("app", Recorder.class, c -> c.dependsOn("db"))
                .build())) {
            Recorder first = h.component("app", Recorder.class);
            h.stop("app");
            assertThat(h.status("app")).isEqualTo(Status.STOPPED);
            assertThat(h.status("db")).isEqualTo(Status.RUNNING);

            h.start("app");
            assertThat(h.status("app")).isEqualTo(Status.RUNNING);
            Recorder second = h.component("app", Recorder.class);
            assertThat(second).isNotSameAs(first);

            h.restart("app");
            assertThat(h.component("app", Recorder.class)).isNotSameAs(second);
            assertThat(Events.all()).containsExactly("start db", "start app", "stop app", "start app", "stop app", "start app");

            assertThatThrownBy(() -> h.start("app")).hasMessage("Component 'app' is RUNNING already: stop it first, or restart it");
            h.stop("db");
            h.stop("app");
            assertThatThrownBy(() -> h.start("app")).hasMessage("Component 'app' depends on 'db', which is STOPPED: start 'db' first");
        }
    }

    @Test
    void restartOfAFailedComponentRunsAFreshInstance() {
        try (LocalHarness h = Harness.start(HarnessSpec.builder().component("c", Crashes.class).build())) {
            Crashes before = h.component("c", Crashes.class);
            before.crash();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> h.status("c") == Status.FAILED);
            assertThat(h.failure("c")).hasValue("java.lang.IllegalStateException: crashed on request");
            h.restart("c");
            assertThat(h.component("c", Crashes.class)).isNotSameAs(before);
            assertThat(h.status("c")).isEqualTo(Status.RUNNING);
        }
    }

    @Test
    void unknownComponentsAreNamedWithTheKnownOnes() {
        try (LocalHarness h = Harness.start(HarnessSpec.builder()
                .component("broker", Idle.class)
                .component("worker", Idle.class, c -> c.replicas(2))
                .build())) {
            assertThatThrownBy(() -> h.status("brokr"))
                    .hasMessage("unknown component 'brokr' (known: broker, worker-1, worker-2)");
            assertThatThrownBy(() -> h.status("worker"))
                    .hasMessage("unknown component 'worker' ('worker' has replicas: name one of worker-1, worker-2)"
                            + " (known: broker, worker-1, worker-2)");
            assertThatThrownBy(() -> h.component("broker", Recorder.class))
                    .hasMessageContaining("is a io.github.componentharness.fixtures.Idle, not a io.github.componentharness.fixtures.Recorder");
        }
    }

    @Test
    void statusMovesForwardThroughTheLifecycle() {
        try (LocalHarness h = Harness.start(HarnessSpec.builder()
                .component("a", Idle.class)
                .component("b", NeverReady.class, c -> c.dependsOn("a"))
                .startTimeout(Duration.ofMillis(200))
                .build())) {
            throw new AssertionError("b is never ready, so the start must fail, not return " + h.status());
        } catch (HarnessTimeoutException expected) {
            assertThat(expected).hasMessageContaining("'b'");
        }
        Map<String, Status> seen = new java.util.LinkedHashMap<>();
        try (LocalHarness h = Harness.start(HarnessSpec.builder().component("a", Idle.class).build())) {
            seen.put("running", h.status("a"));
            h.stop("a");
            seen.put("stopped", h.status("a"));
        }
        assertThat(seen).containsExactly(Map.entry("running", Status.RUNNING), Map.entry("stopped", Status.STOPPED));
        assertThat(Arrays.stream(Status.values()).filter(Status::isTerminal)).containsExactly(Status.STOPPED, Status.FAILED);
    }
}
