package io.github.componentharness.internal.process;

import io.github.componentharness.HarnessException;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.internal.control.RemoteHarness;
import io.github.componentharness.internal.control.Tokens;
import io.github.componentharness.internal.fork.ForkSettings;
import io.github.componentharness.internal.fork.HarnessMain;
import io.github.componentharness.internal.fork.StatusFiles;
import io.github.componentharness.internal.local.Placement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * One process-mode JVM: a {@link HarnessMain} that runs the instances its {@link Placement}
 * hosts as threads and serves them on a control port of its own, which the coordinator talks to.
 * The JVM watches the coordinator (its standard input, and its pid), so it ends when the
 * coordinator does, however that ends.
 */
final class ComponentProcess {

    enum State { NEW, STARTING, RUNNING, ENDED }

    private static final Duration STATUS_POLL = Duration.ofMillis(5);
    private static final Duration REPORT_GRACE = Duration.ofSeconds(5);

    private final String name;
    private final List<String> hosted;
    private final Path dir;
    private final HarnessSpec spec;
    private final Map<String, Map<String, Integer>> ports;
    private final ChildJvm jvm;
    private volatile State state = State.NEW;
    private volatile Process process;
    /** The JVM that became ready: only its exit, unasked, is news. */
    private volatile Process served;
    private volatile RemoteHarness client;
    /** Stops and starts wait long; on a client of their own they never hold up queries about this JVM. */
    private volatile RemoteHarness lifecycleClient;
    private volatile String endpoint;
    private volatile String token;
    private volatile String failure;
    private volatile boolean killed;
    private volatile boolean stopRequested;
    private final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());

    ComponentProcess(String name, List<String> hosted, Path dir, HarnessSpec spec, Map<String, Map<String, Integer>> ports,
            ChildJvm jvm) {
        this.name = name;
        this.hosted = List.copyOf(hosted);
        this.dir = dir;
        this.spec = spec;
        this.ports = ports;
        this.jvm = jvm;
    }

    String name() {
        return name;
    }

    List<String> hosted() {
        return hosted;
    }

    State state() {
        if (state == State.RUNNING && !process.isAlive()) {
            ended();
        }
        return state;
    }

    long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    /** The client of this JVM's control port, while it runs. */
    RemoteHarness client() {
        RemoteHarness c = client;
        if (c == null || state() != State.RUNNING) {
            throw new HarnessException("process '" + name + "' is not running (" + describeState() + ")");
        }
        return c;
    }

    /** The client for stop and start inside this JVM, while it runs. */
    RemoteHarness lifecycleClient() {
        client();
        return lifecycleClient;
    }

    /** A new client of this JVM's control port, for a call that may wait long (an await). */
    RemoteHarness newClient() {
        client();
        return new RemoteHarness(endpoint, token);
    }

    /** Why this JVM is not running as it should: its start failure, kill or unexpected exit. */
    String failure() {
        return failure;
    }

    boolean killed() {
        return killed;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /**
     * Starts the JVM and waits until its components are ready.
     *
     * @throws HarnessException when it fails to start, exits, or is not ready by {@code deadline}
     */
    void start(long deadlineNanos) {
        long begin = System.nanoTime();
        state = State.STARTING;
        killed = false;
        stopRequested = false;
        failure = null;
        token = Tokens.newToken();
        try {
            StatusFiles.clear(dir);
            Path specFile = dir.resolve("spec.json");
            writeSpec(specFile);
            process = new ProcessBuilder(jvm.command(HarnessMain.class.getName(), specFile))
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw startFailed("cannot start its JVM: " + e.getMessage() + ": check that " + jvm.java() + " runs");
        }
        Process started = process;
        started.onExit().thenRun(() -> {
            if (started == served && !stopRequested && !killed) {
                String why = "process '" + name + "' (pid " + started.pid() + ") exited by itself with code "
                        + started.exitValue() + " while the harness ran: see its output in harness.log";
                problems.add(why);
                HarnessMain.logLine(why);
            }
        });
        Map<String, Object> ready = awaitStatus(deadlineNanos);
        endpoint = String.valueOf(ready.get("endpoint"));
        client = new RemoteHarness(endpoint, token);
        lifecycleClient = new RemoteHarness(endpoint, token);
        served = started;
        state = State.RUNNING;
        HarnessMain.logLine("Process '" + name + "' (pid " + process.pid() + ") ready in "
                + (System.nanoTime() - begin) / 1_000_000 + " ms: " + String.join(", ", hosted));
    }

    private void writeSpec(Path specFile) throws IOException {
        Files.writeString(specFile, ForkSettings.childOfThisJvm("127.0.0.1", 0, token, dir,
                new Placement(name, new java.util.LinkedHashSet<>(hosted), ports)).specJson(spec));
    }

    private Map<String, Object> awaitStatus(long deadlineNanos) {
        try {
            // The JVM times its own components out, and names them with their stacks: give it the
            // time to say so before giving up on it.
            StatusFiles.Start start = StatusFiles.awaitStart(dir, process, OptionalLong.of(deadlineNanos + REPORT_GRACE.toNanos()),
                    STATUS_POLL);
            switch (start.kind()) {
                case READY:
                    return start.report();
                case FAILED:
                    process.waitFor(spec.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    throw startFailed(String.valueOf(start.report().get("error")));
                case EXITED:
                    throw startFailed("its JVM (pid " + process.pid() + ") exited with code " + start.exitCode()
                            + " before it was ready: see harness.log");
                default:
                    destroy();
                    throw startFailed("it did not report ready or failed within the start timeout (" + spec.startTimeout().toMillis()
                            + " ms, counted for the whole harness) and " + REPORT_GRACE.toSeconds() + " s more: raise startTimeout, "
                            + "or see its output in harness.log");
            }
        } catch (IOException e) {
            destroy();
            throw startFailed("cannot read its status in " + dir + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroy();
            throw startFailed("interrupted while waiting for it");
        }
    }

    private HarnessException startFailed(String why) {
        state = State.ENDED;
        failure = why;
        return new HarnessException(why.startsWith("Component '") ? why : "Process '" + name + "' failed to start: " + why);
    }

    /**
     * Asks the JVM to stop its components and exit, and waits; destroys it when it overruns.
     *
     * @param budget how long the JVM may take: its own stop timeouts, level by level, plus a margin
     */
    void stop(Duration budget) {
        Process p = process;
        if (p == null || !p.isAlive()) {
            ended();
            return;
        }
        stopRequested = true;
        RemoteHarness c = lifecycleClient;
        if (c == null) {
            destroy();
        } else {
            try {
                c.shutdown();
            } catch (HarnessException e) {
                // It may be on its way out already; the wait below tells.
            }
        }
        try {
            if (!p.waitFor(budget.toMillis(), TimeUnit.MILLISECONDS)) {
                problems.add("process '" + name + "' (pid " + p.pid() + ") did not exit within " + budget.toMillis()
                        + " ms of its shutdown: killed");
                destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroy();
        }
        ended();
        readStopReport();
    }

    /** Crash simulation: SIGKILL, no stop asked. */
    void kill() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            throw new HarnessException("process '" + name + "' is not running (" + describeState() + "): nothing to kill");
        }
        killed = true;
        destroy();
        ended();
        HarnessMain.logLine("Process '" + name + "' (pid " + p.pid() + ") killed");
    }

    private void destroy() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void ended() {
        if (state == State.ENDED) {
            return;
        }
        state = State.ENDED;
        for (RemoteHarness c : new RemoteHarness[] {client, lifecycleClient}) {
            if (c != null) {
                c.close();
            }
        }
        client = null;
        lifecycleClient = null;
        Process p = process;
        if (failure == null && !stopRequested && p != null) {
            failure = killed ? "its JVM (pid " + p.pid() + ") was killed through the kill op"
                    : "its JVM (pid " + p.pid() + ") exited by itself with code " + exitCode(p);
        }
    }

    private static String exitCode(Process p) {
        try {
            return String.valueOf(p.waitFor(1, TimeUnit.SECONDS) ? p.exitValue() : "(still running)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(unknown)";
        }
    }

    private void readStopReport() {
        try {
            Map<String, Object> stopped = StatusFiles.read(dir, StatusFiles.STOPPED);
            if (stopped != null && stopped.get("problems") instanceof List) {
                ((List<?>) stopped.get("problems")).forEach(p -> problems.add(String.valueOf(p)));
            }
        } catch (IOException e) {
            problems.add("cannot read the stop report of process '" + name + "' in " + dir + ": " + e);
        }
    }

    /** Overruns and leaks its JVM reported when it stopped, and its own overruns. */
    List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    String describeState() {
        State s = state();
        if (s == State.ENDED && failure != null) {
            return failure;
        }
        return switch (s) {
            case NEW -> "not started yet";
            case STARTING -> "starting";
            case RUNNING -> "running, pid " + pid();
            case ENDED -> "stopped";
        };
    }
}
