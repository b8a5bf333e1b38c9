package io.github.componentharness.internal.fork;

import io.github.componentharness.HarnessException;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.internal.local.ThreadHarness;
import io.github.componentharness.internal.control.RemoteHarness;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A harness JVM seen from the process that started it (the plugin, a process-mode coordinator,
 * the benchmarks): the one place that starts one, waits for its start, stops it within its
 * published budget and kills it. What it reports is read as {@link Reports} records.
 *
 * <p>The contract: the JVM writes {@code ready} (with its stop budget) or {@code failed} in its
 * status folder; it is stopped through the {@code shutdown} op of its control port (or SIGTERM
 * when it serves none) and given {@link Reports.Ready#stopBudgetMillis} plus {@link #EXIT_MARGIN}
 * to write {@code stopped} and exit; after that, SIGKILL. Before it is ready, its spec's budget
 * ({@link #stopBudget(HarnessSpec)}) stands in.
 */
public final class HarnessProcess {

    /** Beyond the harness's own stop budget: time for a JVM to exit (agents write their data then). */
    public static final Duration EXIT_MARGIN = Duration.ofSeconds(5);
    /** The shutdown op answers at once, before the stop: no answer in this long, and SIGTERM asks instead. */
    private static final Duration SHUTDOWN_REPLY = Duration.ofSeconds(3);

    /** How a stop went. */
    public record Stop(int exitCode, boolean destroyed, boolean diedBefore, Reports.Stopped report, long replyMillis,
            long exitMillis) {
    }

    private final Process process;
    private final Path statusDir;
    private final String token;
    private final Duration specStopBudget;
    private volatile Reports.Ready ready;

    private HarnessProcess(Process process, Path statusDir, String token, Duration specStopBudget) {
        this.process = process;
        this.statusDir = statusDir;
        this.token = token;
        this.specStopBudget = specStopBudget;
    }

    /**
     * Clears {@code statusDir} of an earlier run's reports and starts {@code builder}'s command, a
     * {@link HarnessMain} whose spec ({@code spec}) names {@code statusDir} and {@code token}.
     */
    public static HarnessProcess start(ProcessBuilder builder, Path statusDir, String token, HarnessSpec spec)
            throws IOException {
        StatusFiles.clear(statusDir);
        return new HarnessProcess(builder.start(), statusDir, token, stopBudget(spec));
    }

    /**
     * The most a harness running {@code spec} may take to stop, before it says so in its ready
     * report (a start cancelled by SIGTERM stops what started within it too): each dependency
     * level's stop timeout and slack, and in process mode each level's JVM exit.
     */
    public static Duration stopBudget(HarnessSpec spec) {
        int levels = ThreadHarness.levels(spec);
        Duration budget = ThreadHost.budget(spec, levels);
        return spec.mode() == HarnessSpec.Mode.PROCESSES ? budget.plus(EXIT_MARGIN.multipliedBy(levels)) : budget;
    }

    /** What the harness said its stop may take, or what its spec allows until it says so. */
    public Duration stopBudget() {
        Reports.Ready r = ready;
        return r == null ? specStopBudget : Duration.ofMillis(r.stopBudgetMillis());
    }

    /**
     * Waits until the JVM is ready or failed, exits, or {@code deadlineNanos} passes.
     *
     * @param deadlineNanos on {@link System#nanoTime()}'s clock; empty for never (a debugger holds it)
     */
    public StatusFiles.Start awaitStart(OptionalLong deadlineNanos, Duration poll) throws IOException, InterruptedException {
        StatusFiles.Start start = StatusFiles.awaitStart(statusDir, process, deadlineNanos, poll);
        if (start.kind() == StatusFiles.Start.Kind.READY) {
            ready = start.ready();
        }
        return start;
    }

    /** Its ready report, once {@link #awaitStart} saw one. */
    public Reports.Ready ready() {
        return ready;
    }

    /**
     * Asks the JVM to stop its components and exit, waits its stop budget plus {@link #EXIT_MARGIN},
     * and kills it when it overruns. Returns once the JVM is gone.
     */
    public Stop stop() throws InterruptedException {
        long begin = System.nanoTime();
        boolean diedBefore = !process.isAlive();
        boolean destroyed = false;
        long replied = begin;
        if (!diedBefore) {
            Reports.Ready r = ready;
            if (r == null || r.endpoint() == null) {
                process.toHandle().destroy();
            } else {
                try (RemoteHarness remote = new RemoteHarness(r.endpoint(), token)) {
                    remote.shutdown(SHUTDOWN_REPLY);
                } catch (HarnessException e) {
                    // No answer: it may be on its way out already (its reply lost as its port
                    // closed), or its port may not serve. SIGTERM asks for the same ordered stop.
                    process.toHandle().destroy();
                }
            }
            replied = System.nanoTime();
            if (!process.waitFor(stopBudget().plus(EXIT_MARGIN).toMillis(), TimeUnit.MILLISECONDS)) {
                destroyed = true;
                killNow();
            }
        }
        process.waitFor();
        long exited = System.nanoTime();
        Reports.Stopped report;
        try {
            report = StatusFiles.readStopped(statusDir);
        } catch (IOException | RuntimeException e) {
            report = new Reports.Stopped("unknown", java.util.Map.of(), java.util.List.of(), "cannot read the stop report in "
                    + statusDir + ": " + e);
        }
        return new Stop(process.exitValue(), destroyed, diedBefore, report, (replied - begin) / 1_000_000,
                (exited - replied) / 1_000_000);
    }

    /**
     * SIGTERM (the harness stops its components in order, or cancels its start), then SIGKILL if
     * it is not gone within its stop budget and {@link #EXIT_MARGIN}.
     */
    public void terminate() {
        // Through the handle: Process.destroy would also close its standard input (read as its parent gone).
        process.toHandle().destroy();
        try {
            if (!process.waitFor(stopBudget().plus(EXIT_MARGIN).toMillis(), TimeUnit.MILLISECONDS)) {
                killNow();
            }
        } catch (InterruptedException e) {
            killNow();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL at once: a crash, as the {@code kill} op simulates one; waits until it is gone. */
    public void killNow() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }
}
