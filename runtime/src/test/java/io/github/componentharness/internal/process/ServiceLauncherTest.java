package io.github.componentharness.internal.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.componentharness.Condition;
import io.github.componentharness.Harness;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.Status;
import io.github.componentharness.fixtures.BrokenStatics;
import io.github.componentharness.fixtures.Counter;
import io.github.componentharness.fixtures.FailsAtStart;
import io.github.componentharness.fixtures.Idle;
import io.github.componentharness.fixtures.SlowConstructor;
import io.github.componentharness.internal.control.Tokens;
import io.github.componentharness.internal.fork.ForkSettings;
import io.github.componentharness.internal.fork.HarnessMain;
import io.github.componentharness.internal.fork.Reports;
import io.github.componentharness.internal.fork.StatusFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HarnessMain} in a JVM of its own: as a production service, and as the plugin's coordinator. */
class ServiceLauncherTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Process launcher;
    private Thread reader;
    private final List<String> output = new CopyOnWriteArrayList<>();

    @AfterEach
    void killWhatIsLeft() throws InterruptedException {
        if (launcher != null) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly().waitFor();
        }
    }

    private Process launch(HarnessSpec spec, ForkSettings fork) throws IOException {
        return launch(fork == null ? spec.toJson() : fork.specJson(spec));
    }

    private Process launch(String specJson) throws IOException {
        Path specFile = dir.resolve("spec.json");
        Files.writeString(specFile, specJson);
        launcher = new ProcessBuilder(ChildJvm.likeThisOne().command(HarnessMain.class.getName(), specFile))
                .redirectErrorStream(true).start();
        reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    output.add(line);
                }
            } catch (IOException ended) {
                // The process is gone.
            }
        }, "launcher-output");
        reader.setDaemon(true);
        reader.start();
        return launcher;
    }

    /** Waits for the launcher's exit, and for its last line to be read. */
    private int exitCode() throws InterruptedException {
        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return launcher.exitValue();
    }

    private boolean said(String text) {
        return output.stream().anyMatch(l -> l.contains(text));
    }

    @Test
    void sigtermStopsAServiceInOrderAndExitsZeroInEitherMode() throws Exception {
        for (HarnessSpec.Mode mode : HarnessSpec.Mode.values()) {
            output.clear();
            List<Path> tempBefore = processDirs();
            Process p = launch(HarnessSpec.builder().mode(mode)
                    .component("counter", Counter.class, c -> c.ports("http"))
                    .component("client", Idle.class, c -> c.dependsOn("counter")).build(), null);
            await().atMost(WAIT).until(() -> said("Harness ready: 2 components") || !p.isAlive());
            List<ProcessHandle> jvms = p.descendants().toList();
            assertThat(jvms).hasSize(mode == HarnessSpec.Mode.PROCESSES ? 2 : 0);
            await().atMost(WAIT).until(() -> said("Ports: counter.http="));

            // SIGTERM, as Process.destroy sends it, but without closing our end of its output.
            p.toHandle().destroy();

            assertThat(exitCode()).as("exit code in mode " + mode + "; output:\n" + String.join("\n", output)).isZero();
            assertThat(jvms).noneMatch(ProcessHandle::isAlive);
            assertThat(output).anyMatch(l -> l.contains("Harness stopping: SIGTERM"));
            assertThat(processDirs()).as("a service deletes the folder it made for its component JVMs")
                    .containsExactlyInAnyOrderElementsOf(tempBefore);
            if (mode == HarnessSpec.Mode.PROCESSES) {
                int clientStopped = indexOf("process 'client': Harness stopped");
                int counterStopped = indexOf("process 'counter': Harness stopped");
                assertThat(clientStopped).isNotNegative().isLessThan(counterStopped);
            }
        }
    }

    /** The folders services made for their component JVMs' specs in the temporary directory. */
    private static List<Path> processDirs() throws IOException {
        try (java.util.stream.Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(f -> f.getFileName().toString().startsWith("harness-processes-")).toList();
        }
    }

    private int indexOf(String text) {
        for (int i = 0; i < output.size(); i++) {
            if (output.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aStaticInitialiserThatThrowsEndsTheStartAtOnceNamingTheComponentInEitherMode() throws Exception {
        for (HarnessSpec.Mode mode : HarnessSpec.Mode.values()) {
            output.clear();
            Path status = Files.createDirectories(dir.resolve("status-" + mode.configName()));
            long begin = System.nanoTime();
            launch(HarnessSpec.builder().mode(mode).startTimeout(Duration.ofSeconds(60)).component("settings", BrokenStatics.class)
                    .build(), new ForkSettings("127.0.0.1", 0, Tokens.newToken(), status, 0, 0, false, null));
            assertThat(exitCode()).as("output:%n%s", String.join("\n", output)).isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).as("no wait for the start timeout").isLessThan(Duration.ofSeconds(20));
            Reports.Failed failed = StatusFiles.awaitStart(status, launcher, java.util.OptionalLong.empty(), Duration.ofMillis(1)).failed();
            assertThat(failed.kind()).isEqualTo(Reports.FailureKind.COMPONENT);
            assertThat(failed.component()).isEqualTo("settings");
            assertThat(failed.error()).startsWith("Component 'settings' failed to start: component 'settings' could not be created: "
                    + "the static initialiser of " + BrokenStatics.class.getName() + " threw java.lang.IllegalStateException: "
                    + "settings.properties is missing");
            assertThat(launcher.descendants()).isEmpty();
        }
    }

    @Test
    void sigtermDuringAStartWhoseConstructorBlocksCancelsItAndExits() throws Exception {
        for (HarnessSpec.Mode mode : HarnessSpec.Mode.values()) {
            output.clear();
            Path status = Files.createDirectories(dir.resolve("cancel-" + mode.configName()));
            Process p = launch(HarnessSpec.builder().mode(mode).startTimeout(Duration.ofSeconds(60)).stopTimeout(Duration.ofSeconds(1))
                    .component("slow", SlowConstructor.class).build(),
                    new ForkSettings("127.0.0.1", 0, Tokens.newToken(), status, 0, 0, false, null));
            await().atMost(WAIT).until(() -> said(mode == HarnessSpec.Mode.THREADS ? "Harness starting: 1 component"
                    : "process 'slow': Harness starting: 1 component") || !p.isAlive());
            List<ProcessHandle> jvms = new java.util.ArrayList<>(p.descendants().toList());
            long sent = System.nanoTime();
            p.toHandle().destroy();
            assertThat(exitCode()).as("output:%n%s", String.join("\n", output)).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("SIGTERM during the start, mode " + mode)
                    .isLessThan(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(2)).until(() -> jvms.stream().noneMatch(ProcessHandle::isAlive));
            assertThat(said("Harness start cancelled: SIGTERM during the start")).isTrue();
        }
    }

    @Test
    void aFailedStartExitsNonZeroWithTheReason() throws Exception {
        Process p = launch(HarnessSpec.builder().mode(HarnessSpec.Mode.PROCESSES)
                .component("db", FailsAtStart.class).build(), null);
        assertThat(exitCode()).isEqualTo(1);
        assertThat(output).anyMatch(l -> l.startsWith("Harness failed to start: Component 'db' failed to start: "
                + "java.lang.IllegalStateException: cannot open database 'orders'"));
    }

    @Test
    void aSpecThatCannotBeReadExitsTwoWithTheReason() throws Exception {
        launch("{\"mode\": \"processes\", \"components\": [{\"name\": \"db\"}]}");
        assertThat(exitCode()).isEqualTo(2);
        assertThat(output).anyMatch(l -> l.startsWith("Cannot read the harness spec " + dir.resolve("spec.json")
                + ": Invalid harness spec: component 'db' has no className"));
    }

    @Test
    void theControlPortRoutesToEachJvmAndKillingTheCoordinatorLeavesNoJvm() throws Exception {
        String token = Tokens.newToken();
        Process p = launch(HarnessSpec.builder().mode(HarnessSpec.Mode.PROCESSES)
                .component("counter", Counter.class)
                .component("client", Idle.class, c -> c.replicas(2).dependsOn("counter")).build(),
                new ForkSettings("127.0.0.1", 0, token, dir, 0, 0, false, null));
        await().atMost(WAIT).until(() -> Files.exists(dir.resolve(StatusFiles.READY)) || !p.isAlive());
        String endpoint = StatusFiles.readReady(dir).endpoint();
        List<ProcessHandle> jvms = p.descendants().toList();
        assertThat(jvms).hasSize(3);

        try (Harness h = Harness.connect(endpoint, token)) {
            assertThat(h.status()).containsExactly(Map.entry("counter", Status.RUNNING), Map.entry("client-1", Status.RUNNING),
                    Map.entry("client-2", Status.RUNNING));
            assertThat((Long) h.await("counter", "processed", Condition.ge(3), WAIT)).isGreaterThanOrEqualTo(3L);
            h.kill("client-2");
            assertThat(h.status("client-2")).isEqualTo(Status.FAILED);
            assertThat(h.failure("client-2").orElseThrow()).endsWith("was killed through the kill op");
            h.start("client-2");
            assertThat(h.status("client-2")).isEqualTo(Status.RUNNING);
        }
        List<ProcessHandle> all = new java.util.ArrayList<>(jvms);
        all.addAll(p.descendants().toList());

        p.destroyForcibly();

        await().atMost(Duration.ofSeconds(3)).until(() -> all.stream().noneMatch(ProcessHandle::isAlive));
    }
}
