package io.github.componentharness.benchmarks;

import com.example.bench.TrivialComponent;
import com.example.bench.ZmqServer;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.Isolation;
import io.github.componentharness.internal.control.Tokens;
import io.github.componentharness.internal.fork.ForkSettings;
import io.github.componentharness.internal.fork.HarnessMain;
import io.github.componentharness.internal.fork.HarnessProcess;
import io.github.componentharness.internal.fork.OwnerOnlyFiles;
import io.github.componentharness.internal.fork.StatusFiles;
import io.github.componentharness.internal.process.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A harness JVM forked as the plugin forks it (a spec with a {@code fork} section, a control port,
 * status files, a watched standard input), from this jar's class path, with default JVM settings.
 */
final class HarnessJvm implements AutoCloseable {

    private final HarnessProcess harness;
    private final Process process;
    private final Path dir;
    private final long launchedNanos;

    private HarnessJvm(HarnessProcess harness, Path dir, long launchedNanos) {
        this.harness = harness;
        this.process = harness.process();
        this.dir = dir;
        this.launchedNanos = launchedNanos;
    }

    static HarnessSpec trivial(int components, HarnessSpec.Mode mode) {
        HarnessSpec.Builder b = HarnessSpec.builder().mode(mode);
        for (int i = 1; i <= components; i++) {
            b.component("c" + i, TrivialComponent.class, c -> c.ports("rpc"));
        }
        return b.build();
    }

    /** {@code components} quickstart-like ZeroMQ servers in thread mode, isolated or sharing their classes. */
    static HarnessSpec zmqServers(int components, Isolation isolation) {
        HarnessSpec.Builder b = HarnessSpec.builder().isolation(isolation);
        for (int i = 1; i <= components; i++) {
            b.component("z" + i, ZmqServer.class, c -> c.ports("rpc"));
        }
        return b.build();
    }

    static HarnessJvm launch(HarnessSpec spec, Path dir) throws IOException {
        String token = Tokens.newToken();
        Path specFile = dir.resolve("spec.json");
        OwnerOnlyFiles.write(specFile, ForkSettings.childOfThisJvm("127.0.0.1", 0, token, dir, null).specJson(spec));
        // Default JVM settings, whatever this JVM runs with.
        List<String> command = new ChildJvm(Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"), List.of()).command(HarnessMain.class.getName(), specFile);
        long begin = System.nanoTime();
        HarnessProcess harness = HarnessProcess.start(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("harness.log").toFile())), dir, token, spec);
        return new HarnessJvm(harness, dir, begin);
    }

    /** Waits for the ready report and returns the milliseconds from launch to ready. */
    double awaitReady() throws IOException, InterruptedException {
        StatusFiles.Start start = harness.awaitStart(OptionalLong.empty(), Duration.ofMillis(1));
        if (start.kind() != StatusFiles.Start.Kind.READY) {
            throw new IllegalStateException("the harness did not start; see " + dir.resolve("harness.log"));
        }
        return (System.nanoTime() - launchedNanos) / 1e6;
    }

    /** Peak resident memory (VmHWM) of the harness JVM and every JVM it started, in MiB. */
    double peakRssMib() throws IOException {
        long kib = vmHwmKib(process.pid());
        for (ProcessHandle child : process.descendants().toList()) {
            kib += vmHwmKib(child.pid());
        }
        return kib / 1024.0;
    }

    private static long vmHwmKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmHWM for pid " + pid);
    }

    /**
     * Stops the harness as {@code harness:stop} does (the {@code shutdown} op on a fresh
     * connection) and returns the milliseconds until its JVM, and every JVM it started, is gone.
     */
    double stop() throws InterruptedException {
        List<ProcessHandle> jvms = new ArrayList<>(process.descendants().toList());
        long begin = System.nanoTime();
        HarnessProcess.Stop stop = harness.stop();
        if (stop.destroyed()) {
            throw new IllegalStateException("the harness did not exit within its stop budget; see " + dir.resolve("harness.log"));
        }
        for (ProcessHandle jvm : jvms) {
            jvm.onExit().join();
        }
        return (System.nanoTime() - begin) / 1e6;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
