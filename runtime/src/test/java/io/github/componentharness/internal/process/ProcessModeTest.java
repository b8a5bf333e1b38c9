package io.github.componentharness.internal.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.componentharness.Condition;
import io.github.componentharness.Harness;
import io.github.componentharness.HarnessException;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.LocalHarness;
import io.github.componentharness.Status;
import io.github.componentharness.internal.fork.Reports;
import io.github.componentharness.examples.pipeline.Broker;
import io.github.componentharness.examples.pipeline.Sink;
import io.github.componentharness.examples.pipeline.Worker;
import io.github.componentharness.fixtures.Counter;
import io.github.componentharness.fixtures.FailsAtStart;
import io.github.componentharness.fixtures.Idle;
import io.github.componentharness.fixtures.Leaky;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

class ProcessModeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Coordinator start(HarnessSpec.Builder spec) {
        Coordinator c = new Coordinator(spec.mode(HarnessSpec.Mode.PROCESSES).logDir(dir).build(), dir.resolve("processes"),
                ChildJvm.likeThisOne());
        c.startAll();
        return c;
    }

    @Test
    void theNamedComponentsJvmAloneRunsUnderTheDebugger() {
        String agent = "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=localhost:0";
        System.setProperty(ChildJvm.DEBUG_COMPONENT, "counter");
        System.setProperty(ChildJvm.DEBUG_AGENT, agent);
        try (Coordinator h = start(HarnessSpec.builder().component("counter", Counter.class).component("other", Counter.class))) {
            assertThat(ProcessHandle.of(h.pids().get("counter")).orElseThrow().info().arguments().orElseThrow()).contains(agent);
            assertThat(ProcessHandle.of(h.pids().get("other")).orElseThrow().info().arguments().orElseThrow())
                    .noneMatch(a -> a.contains("jdwp"));
        } finally {
            System.clearProperty(ChildJvm.DEBUG_COMPONENT);
            System.clearProperty(ChildJvm.DEBUG_AGENT);
        }
    }

    @Test
    void componentsInSeparateJvmsTalkOverTheirRealSocketsAndGroupsShareOne() {
        try (Coordinator h = start(HarnessSpec.builder()
                        .component("sink", Sink.class, c -> c.ports("results"))
                        .component("broker", Broker.class, c -> c.ports("frontend", "backend"))
                        .component("worker", Worker.class, c -> c.replicas(2).process("workers").dependsOn("broker", "sink")));
                ZContext client = new ZContext()) {
            assertThat(h.processes()).containsExactly(Map.entry("sink", java.util.List.of("sink")),
                    Map.entry("broker", java.util.List.of("broker")), Map.entry("workers", java.util.List.of("worker-1", "worker-2")));
            assertThat(h.pids().values()).doesNotHaveDuplicates().doesNotContain(ProcessHandle.current().pid());
            ZMQ.Socket push = client.createSocket(SocketType.PUSH);
            push.setLinger(0);
            push.connect("tcp://127.0.0.1:" + h.port("broker", "frontend"));
            for (int i = 0; i < 20; i++) {
                push.send("job-" + i);
            }
            h.await("sink", "received", Condition.ge(20), WAIT);
            assertThat((Long) h.state("worker-1", "processed") + (Long) h.state("worker-2", "processed")).isEqualTo(20L);
            assertThat(dir.resolve("worker-2.log")).exists();
        }
    }

    @Test
    void killFailsTheComponentAndStartOrRestartBringsAFreshJvm() {
        try (Coordinator h = start(HarnessSpec.builder()
                .component("counter", Counter.class)
                .component("client", Idle.class, c -> c.dependsOn("counter")))) {
            long first = h.pids().get("counter");
            h.kill("counter");
            assertThat(ProcessHandle.of(first)).isEmpty();
            assertThat(h.status("counter")).isEqualTo(Status.FAILED);
            assertThat(h.failure("counter")).hasValue("its JVM (pid " + first + ") was killed through the kill op");
            assertThatThrownBy(() -> h.state("counter", "processed")).isInstanceOf(HarnessException.class)
                    .hasMessage("component 'counter' is FAILED: its process 'counter' is not running (its JVM (pid " + first
                            + ") was killed through the kill op)");
            assertThatThrownBy(() -> h.kill("counter")).hasMessageContaining("nothing to kill");

            h.start("counter");
            assertThat(h.status("counter")).isEqualTo(Status.RUNNING);
            assertThat(h.pids().get("counter")).isNotEqualTo(first);
            assertThat(h.failure("counter")).isEmpty();

            assertThat(h.threads("counter")).contains("\"harness-counter\"");
            assertThat(h.threads(null)).contains("=== coordinator (pid " + ProcessHandle.current().pid() + ")")
                    .contains("=== process 'client' (running, pid " + h.pids().get("client") + ")")
                    .contains("\"harness-client\"").contains("\"harness-counter\"");

            long client = h.pids().get("client");
            h.restart("client");
            assertThat(h.pids().get("client")).isNotEqualTo(client);
            assertThat(h.status("client")).isEqualTo(Status.RUNNING);
        }
    }

    @Test
    void startingAJvmWhoseDependencyIsDownIsRefused() {
        try (Coordinator h = start(HarnessSpec.builder()
                .component("counter", Counter.class)
                .component("client", Idle.class, c -> c.dependsOn("counter")))) {
            h.kill("client");
            h.kill("counter");
            assertThatThrownBy(() -> h.start("client")).isInstanceOf(HarnessException.class)
                    .hasMessageStartingWith("process 'client' hosts components that depend on process 'counter', "
                            + "which is not running (its JVM (pid ")
                    .hasMessageEndingWith("was killed through the kill op): start counter first");
        }
    }

    @Test
    void aFailingStartNamesTheComponentAndStopsWhatStarted() {
        Coordinator h = new Coordinator(HarnessSpec.builder().mode(HarnessSpec.Mode.PROCESSES)
                .component("counter", Counter.class)
                .component("db", FailsAtStart.class, c -> c.dependsOn("counter")).build(), dir, ChildJvm.likeThisOne());
        assertThatThrownBy(h::startAll).isInstanceOf(HarnessException.class)
                .hasMessageStartingWith("Component 'db' failed to start: java.lang.IllegalStateException: cannot open database 'orders'");
        long counter = h.pids().get("counter");
        assertThat(ProcessHandle.of(counter)).isEmpty();
        assertThat(h.status("counter")).isEqualTo(Status.STOPPED);
    }

    @Test
    void leaksInAComponentJvmAreReportedAndFailOnLeakHolds() throws Exception {
        Coordinator h = start(HarnessSpec.builder().failOnLeak(true).component("leaky", Leaky.class));
        assertThatThrownBy(h::close).isInstanceOf(HarnessException.class)
                .hasMessageContaining("failOnLeak: component 'leaky' leaked 1 thread");
        assertThat(h.problems()).singleElement().asString().contains("leaky-helper");
        assertThat(Files.readString(dir.resolve("processes/leaky/stopped.json"))).contains("leaky-helper");
    }

    /** Ends its whole JVM with code 7 when a connection reaches its port, as a crashing component would. */
    public static class ExitsOnConnect implements io.github.componentharness.Component {
        @Override
        public void run(io.github.componentharness.ComponentContext ctx) throws java.io.IOException {
            try (java.net.ServerSocket trigger = new java.net.ServerSocket(ctx.port("trigger"), 1,
                    java.net.InetAddress.getLoopbackAddress())) {
                ctx.onStop(trigger);
                ctx.ready();
                trigger.accept().close();
                Runtime.getRuntime().halt(7);
            } catch (java.net.SocketException closedByStop) {
                // Asked to stop.
            }
        }
    }

    @Test
    void aComponentJvmThatDiesByItselfIsFailedAndReported() throws Exception {
        try (Coordinator h = start(HarnessSpec.builder()
                // Shared: its halt ends its JVM, as a crash would (isolated, it would end the instance only).
                .component("crasher", ExitsOnConnect.class, c -> c.ports("trigger").isolation(io.github.componentharness.Isolation.SHARED))
                .component("counter", Counter.class))) {
            long pid = h.pids().get("crasher");
            new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), h.port("crasher", "trigger")).close();
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> h.status("crasher") == Status.FAILED);
            assertThat(h.failure("crasher")).hasValue("its JVM (pid " + pid + ") exited by itself with code 7");
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> !h.problems().isEmpty());
            assertThat(h.problems()).containsExactly(new Reports.Problem("crasher", Reports.ProblemKind.PROCESS, "process 'crasher' "
                    + "(pid " + pid + ") exited by itself with code 7 while the harness ran: see its output in harness.log"));
            assertThat(h.status("counter")).isEqualTo(Status.RUNNING);
        }
    }

    @Test
    void killIsRefusedInThreadMode() {
        try (LocalHarness h = Harness.start(HarnessSpec.builder().component("counter", Counter.class).build())) {
            assertThatThrownBy(() -> h.kill("counter")).isInstanceOf(HarnessException.class)
                    .hasMessage("kill needs process mode: component 'counter' is a thread of this JVM, and killing that "
                            + "would kill every component; use stop, or run with mode processes");
            assertThat(h.status("counter")).isEqualTo(Status.RUNNING);
        }
    }

    @Test
    void harnessStartRefusesAProcessModeSpec() {
        HarnessSpec spec = HarnessSpec.builder().mode(HarnessSpec.Mode.PROCESSES).component("counter", Counter.class).build();
        assertThatThrownBy(() -> Harness.start(spec)).isInstanceOf(HarnessException.class)
                .hasMessageContaining("run it with HarnessMain or the Maven plugin");
    }
}
