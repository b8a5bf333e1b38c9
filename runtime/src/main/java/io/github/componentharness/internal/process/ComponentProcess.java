package io.github.componentharness.internal.process;

import io.github.componentharness.HarnessException;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.internal.control.RemoteHarness;
import io.github.componentharness.internal.control.Tokens;
import io.github.componentharness.internal.fork.ForkSettings;
import io.github.componentharness.internal.fork.HarnessMain;
import io.github.componentharness.internal.fork.HarnessProcess;
import io.github.componentharness.internal.fork.OwnerOnlyFiles;
import io.github.componentharness.internal.fork.Reports;
import io.github.componentharness.internal.local.ComponentStartException;
import io.github.componentharness.internal.local.StartTimeoutException;
import io.github.componentharness.internal.fork.StatusFiles;
import io.github.componentharness.internal.local.Placement;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

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
    private final java.util.function.Supplier<List<io.github.componentharness.Fault>> faults;
    private volatile State state = State.NEW;
    private volatile HarnessProcess process;
    /** The JVM that became ready: only its exit, unasked, is news. */
    private volatile HarnessProcess served;
    private volatile RemoteHarness client;
    /** Stops and starts wait long; on a client of their own they never hold up queries about this JVM. */
    private volatile RemoteHarness lifecycleClient;
    private volatile String endpoint;
    private volatile String token;
    private volatile String failure;
    private volatile boolean killed;
    private volatile boolean stopRequested;
    static final int QUERIES_IN_FLIGHT = 4;
    private final Semaphore queries = new Semaphore(QUERIES_IN_FLIGHT);
    private final List<Reports.Problem> problems = java.util.Collections.synchronizedList(new ArrayList<>());

    /**
     * @param faults the network faults in force, read as the JVM starts so its links start with them
     */
    ComponentProcess(String name, List<String> hosted, Path dir, HarnessSpec spec, Map<String, Map<String, Integer>> ports,
            ChildJvm jvm, java.util.function.Supplier<List<io.github.componentharness.Fault>> faults) {
        this.faults = faults;
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
        HarnessProcess p = process;
        return p == null ? -1 : p.pid();
    }

    /** The longest this JVM's stop may take, as it published it (its components' levels). */
    Duration stopBudget() {
        HarnessProcess p = process;
        return p == null ? HarnessProcess.stopBudget(spec) : p.stopBudget();
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

    /**
     * A query to this JVM's control port on its shared client, of which at most
     * {@link #QUERIES_IN_FLIGHT} wait at once: a JVM that hangs gets a fast "not answering" for
     * the rest, rather than holding every thread of the coordinator's control port.
     */
    <T> T query(Function<RemoteHarness, T> call) {
        RemoteHarness c = client();
        if (!queries.tryAcquire()) {
            throw new HarnessException("process '" + name + "' (pid " + pid() + ") is not answering: " + QUERIES_IN_FLIGHT
                    + " queries about it are still waiting; try again later, or see its thread stacks in harness.log");
        }
        try {
            return call.apply(c);
        } finally {
            queries.release();
        }
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
    /** Whether this JVM hosts the instance named by {@code harness.debugComponent}. */
    private boolean debugged() {
        String component = System.getProperty(ChildJvm.DEBUG_COMPONENT);
        return component != null && System.getProperty(ChildJvm.DEBUG_AGENT) != null
                && (hosted.contains(component) || name.equals(component));
    }

    private List<String> withDebugger(List<String> command) {
        if (!debugged()) {
            return command;
        }
        List<String> withAgent = new java.util.ArrayList<>(command);
        withAgent.addAll(1, List.of(System.getProperty(ChildJvm.DEBUG_AGENT).trim().split("\\s+")));
        return withAgent;
    }

    void start(long deadlineNanos) {
        long begin = System.nanoTime();
        state = State.STARTING;
        killed = false;
        stopRequested = false;
        failure = null;
        token = Tokens.newToken();
        try {
            Path specFile = dir.resolve("spec.json");
            writeSpec(specFile);
            process = HarnessProcess.start(new ProcessBuilder(withDebugger(jvm.command(HarnessMain.class.getName(), specFile)))
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT), dir, token, spec);
        } catch (IOException e) {
            throw startFailed("cannot start its JVM: " + e.getMessage() + ": check that " + jvm.java() + " runs");
        }
        HarnessProcess started = process;
        started.process().onExit().thenRun(() -> {
            if (started == served && !stopRequested && !killed) {
                String why = "process '" + name + "' (pid " + started.pid() + ") exited by itself with code "
                        + started.process().exitValue() + " while the harness ran: see its output in harness.log";
                problems.add(new Reports.Problem(name, Reports.ProblemKind.PROCESS, why));
                HarnessMain.logLine(why);
            }
        });
        Reports.Ready ready = awaitReady(deadlineNanos);
        endpoint = ready.endpoint();
        client = new RemoteHarness(endpoint, token);
        lifecycleClient = new RemoteHarness(endpoint, token);
        served = started;
        state = State.RUNNING;
        HarnessMain.logLine("Process '" + name + "' (pid " + started.pid() + ") ready in "
                + (System.nanoTime() - begin) / 1_000_000 + " ms: " + String.join(", ", hosted));
    }

    /** Holds the token: owner-only, as the plugin's own spec.json. */
    private void writeSpec(Path specFile) throws IOException {
        OwnerOnlyFiles.write(specFile, ForkSettings.childOfThisJvm("127.0.0.1", 0, token, dir,
                new Placement(name, new java.util.LinkedHashSet<>(hosted), ports, faults.get())).specJson(spec, HarnessMain.INHERITED_PROPERTIES));
    }

    private Reports.Ready awaitReady(long deadlineNanos) {
        try {
            // The JVM times its own components out, and names them with their stacks: give it the
            // time to say so before giving up on it.
            // A JVM held by a debugger may take as long as the person at the debugger likes.
            StatusFiles.Start start = process.awaitStart(debugged() ? OptionalLong.empty()
                    : OptionalLong.of(deadlineNanos + REPORT_GRACE.toNanos()), STATUS_POLL);
            switch (start.kind()) {
                case READY:
                    return start.ready();
                case FAILED:
                    process.process().waitFor(spec.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    throw childFailed(start.failed());
                case EXITED:
                    throw startFailed("its JVM (pid " + process.pid() + ") exited with code " + start.exitCode()
                            + " before it was ready: see harness.log");
                default:
                    process.killNow();
                    throw startFailed("it did not report ready or failed within the start timeout (" + spec.startTimeout().toMillis()
                            + " ms, counted for the whole harness) and " + REPORT_GRACE.toSeconds() + " s more: raise startTimeout, "
                            + "or see its output in harness.log");
            }
        } catch (IOException e) {
            process.killNow();
            throw startFailed("cannot read its status in " + dir + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.killNow();
            throw startFailed("interrupted while waiting for it");
        }
    }

    /** The component JVM's own failure, passed on as the same kind of failure, in its own words. */
    private HarnessException childFailed(Reports.Failed failed) {
        state = State.ENDED;
        failure = failed.error();
        switch (failed.kind()) {
            case COMPONENT:
                return new ComponentStartException(failed.component(), failed.error(), null);
            case TIMEOUT:
                return new StartTimeoutException(failed.component(), failed.error());
            default:
                return new HarnessException("Process '" + name + "' failed to start: " + failed.error());
        }
    }

    private HarnessException startFailed(String why) {
        state = State.ENDED;
        failure = why;
        return new HarnessException("Process '" + name + "' failed to start: " + why);
    }

    /** Asks the JVM to stop its components and exit, and waits its published budget; kills it when it overruns. */
    void stop() {
        HarnessProcess p = process;
        if (p == null || !p.isAlive()) {
            ended();
            return;
        }
        stopRequested = true;
        try {
            HarnessProcess.Stop stop = p.stop();
            if (stop.destroyed()) {
                problems.add(new Reports.Problem(name, Reports.ProblemKind.PROCESS, "process '" + name + "' (pid " + p.pid()
                        + ") did not exit within its stop budget of " + stopBudget().toMillis() + " ms and "
                        + HarnessProcess.EXIT_MARGIN.toSeconds() + " s more: killed"));
            }
            if (stop.report() != null) {
                problems.addAll(stop.report().problems());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.killNow();
        }
        ended();
    }

    /** Crash simulation: SIGKILL, no stop asked. */
    void kill() {
        HarnessProcess p = process;
        if (p == null || !p.isAlive()) {
            throw new HarnessException("process '" + name + "' is not running (" + describeState() + "): nothing to kill");
        }
        killed = true;
        p.killNow();
        ended();
        HarnessMain.logLine("Process '" + name + "' (pid " + p.pid() + ") killed");
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
        HarnessProcess p = process;
        if (failure == null && !stopRequested && p != null) {
            failure = killed ? "its JVM (pid " + p.pid() + ") was killed through the kill op"
                    : "its JVM (pid " + p.pid() + ") exited by itself with code " + exitCode(p.process());
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

    /** Overruns and leaks its JVM reported when it stopped, and its own overruns. */
    List<Reports.Problem> problems() {
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
