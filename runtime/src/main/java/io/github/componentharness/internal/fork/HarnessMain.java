package io.github.componentharness.internal.fork;

import io.github.componentharness.Harness;
import io.github.componentharness.HarnessException;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.Isolation;
import io.github.componentharness.internal.control.ControlServer;
import io.github.componentharness.internal.json.Json;
import io.github.componentharness.internal.local.ComponentStartException;
import io.github.componentharness.internal.local.FileTrees;
import io.github.componentharness.internal.local.StartTimeoutException;
import io.github.componentharness.internal.local.ThreadDumps;
import io.github.componentharness.internal.spec.InvalidSpecException;
import io.github.componentharness.internal.local.ThreadHarness;
import io.github.componentharness.internal.process.ChildJvm;
import io.github.componentharness.internal.process.Coordinator;
import java.io.IOException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a spec in its own JVM: {@code java -cp <classpath> io.github.componentharness.internal.fork.HarnessMain spec.json}.
 * The Maven plugin forks it with a {@code fork} section in the spec (control port, status files,
 * the Maven process to watch); without one it runs the spec as a service until SIGTERM. With
 * mode {@code processes} it is the coordinator, and starts one JVM like itself per process,
 * each running this class with a {@code placement} in its {@code fork} section.
 *
 * <p>Exit codes: 0 stopped cleanly (SIGTERM included), 1 failed to start, 2 bad arguments, 3 its
 * parent went away.
 */
public final class HarnessMain {

    static final int FAILED_TO_START = 1;
    static final int BAD_ARGUMENTS = 2;
    static final int PARENT_GONE = 3;
    /** The control port stopped serving and could not be bound again: the harness stopped rather than run half-alive. */
    static final int CONTROL_PORT_FAILED = 4;

    private final HarnessSpec spec;
    private final ForkSettings fork;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopDone = new CountDownLatch(1);
    private volatile boolean exitingOnPurpose;
    private volatile Host host;
    private volatile ControlServer controlPort;
    /** The thread starting the components, while it does: SIGTERM or a lost parent interrupts it to cancel the start. */
    private volatile Thread starter;
    private volatile boolean binding;
    private volatile String parentGone;
    private final AtomicBoolean parentGoneOnce = new AtomicBoolean();
    /** Counted down once ready or failed is written: a lost parent waits for it before the JVM ends. */
    private final CountDownLatch startReported = new CountDownLatch(1);
    /** A processes folder this JVM made for itself (a service in process mode), deleted at the end. */
    private volatile Path ownProcessesDir;
    private volatile boolean terminated;
    private volatile Throwable controlPortFailure;
    private volatile Thread stdinWatchdog;

    HarnessMain(HarnessSpec spec, ForkSettings fork) {
        this.spec = spec;
        this.fork = fork;
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java -cp <classpath> " + HarnessMain.class.getName() + " spec.json");
            System.exit(BAD_ARGUMENTS);
        }
        HarnessMain main;
        try {
            String json = Files.readString(Path.of(args[0]));
            Map<String, Object> root = Json.readObject(json);
            // Before anything reads them: Maven's -D user properties, as failsafe's booter sets them.
            Map<String, String> properties = ForkSettings.systemProperties(root);
            properties.forEach(System::setProperty);
            INHERITED_PROPERTIES.putAll(properties);
            main = new HarnessMain(HarnessSpec.fromJson(json), ForkSettings.fromJson(root.get(ForkSettings.KEY)));
        } catch (IOException | RuntimeException e) {
            System.err.println("Cannot read the harness spec " + args[0] + ": " + e.getMessage());
            System.exit(BAD_ARGUMENTS);
            return;
        }
        main.exitWith(main.run());
    }

    /** Draws the run's timeline beside the status files; a picture less is no failure. */
    private void drawTimeline(Host h, String title) {
        Timeline t = timeline;
        if (t == null || h == null) {
            return;
        }
        try {
            t.stop(h::statusAtHand);
            writeStatus(dir -> StatusFiles.writeText(dir, StatusFiles.TIMELINE, t.svg(title)));
        } catch (RuntimeException e) {
            System.err.println("Cannot draw the timeline: " + e);
        }
    }

    /**
     * Writes each instance's status every half second while the start runs, so the plugin can
     * say which components are ready and which still start.
     */
    private Thread startProgress(Host host, long begin) {
        Map<String, Long> startedAt = new java.util.HashMap<>();
        Thread writer = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        long now = (System.nanoTime() - begin) / 1_000_000;
                        Map<String, String> statuses = new java.util.LinkedHashMap<>();
                        host.statusAtHand().forEach((name, status) -> {
                            statuses.put(name, status.name());
                            if (status == io.github.componentharness.Status.STARTING) {
                                startedAt.putIfAbsent(name, now);
                            }
                        });
                        Map<String, Long> starting = new java.util.LinkedHashMap<>();
                        statuses.forEach((name, status) -> {
                            if (status.equals("STARTING") && startedAt.containsKey(name)) {
                                starting.put(name, now - startedAt.get(name));
                            }
                        });
                        writeStatus(dir -> StatusFiles.write(dir, new StatusFiles.Progress(now, statuses, starting)));
                    } catch (RuntimeException unknownYet) {
                        // A progress line less: the ready or failed report says it all.
                    }
                    Thread.sleep(500);
                }
            } catch (InterruptedException startDone) {
                // The start ended: ready or failed is reported in full.
            }
        }, "harness-progress");
        writer.setDaemon(true);
        writer.start();
        return writer;
    }

    /** The system properties this JVM's spec set: a coordinator hands them on to its component JVMs. */
    public static final Map<String, String> INHERITED_PROPERTIES = new java.util.concurrent.ConcurrentHashMap<>();

    private volatile Timeline timeline;
    /** The host while it starts, so a failed start can still draw what happened. */
    private volatile Host failedHost;

    int run() {
        // Teardown is armed before anything runs: a component constructor that blocks, or a
        // parent that dies during the start, must never leave this JVM behind.
        Runtime.getRuntime().addShutdownHook(new Thread(this::onJvmShutdown, "harness-shutdown"));
        starter = Thread.currentThread();
        stopOnSigterm();
        startWatchdogs();
        int instances = fork.placement() != null ? fork.placement().hosted().size()
                : spec.components().stream().mapToInt(c -> c.instanceNames().size()).sum();
        say("Harness starting: " + instances + (instances == 1 ? " component" : " components"));
        long begin = System.nanoTime();
        Map<String, Map<String, Integer>> ports;
        try {
            Host host = fork.placement() == null && spec.mode() == HarnessSpec.Mode.PROCESSES
                    ? new Coordinator(spec, processesDir(), ChildJvm.likeThisOne())
                    : new ThreadHost(new ThreadHarness(spec, HarnessMain.class.getClassLoader(), fork.placement(),
                            Isolation.INSTANCE));
            timeline = new Timeline(begin);
            timeline.record(host);
            Timeline drawn = timeline;
            // Component JVMs of process mode apply faults; the coordinator records them, once.
            host.faultTable().filter(table -> fork.placement() == null).ifPresent(table -> table.listen((fault, links) -> {
                logLine("Fault: " + fault + " (" + describe(links) + ")");
                drawn.fault(fault, links.stream().map(io.github.componentharness.internal.faults.Link::from).toList());
            }));
            failedHost = host;
            Thread progress = startProgress(host, begin);
            try {
                host.startAll();
            } finally {
                progress.interrupt();
            }
            this.host = host;
            if (fork.token() != null) {
                binding = true;
                controlPort = ControlServer.start(host, fork.controlHost(), fork.controlPort(), fork.token(), () -> {
                    stopAll("shutdown requested");
                    stopped.countDown();
                }, failure -> {
                    controlPortFailure = failure;
                    stopped.countDown();
                });
                binding = false;
            }
            ports = portsByInstance();
            starter = null;
            writeStatus(dir -> StatusFiles.write(dir, new Reports.Ready(ProcessHandle.current().pid(),
                    controlPort == null ? null : controlPort.endpoint(), (System.nanoTime() - begin) / 1_000_000, ports,
                    host.stopBudget().toMillis())));
            startReported.countDown();
        } catch (Throwable e) {
            starter = null;
            Thread.interrupted();
            drawTimeline(failedHost, "Harness start failed");
            Reports.Failed failed = failure(e);
            reportFailed(failed, e);
            startReported.countDown();
            if (failed.kind() == Reports.FailureKind.CANCELLED) {
                say("Harness start cancelled: " + failed.error());
                return terminated ? 0 : PARENT_GONE;
            }
            return FAILED_TO_START;
        }
        say("Harness ready: " + host.summary() + (controlPort == null ? "" : ", control port " + controlPort.endpoint()));
        sayPorts(ports);
        awaitStopped();
        if (controlPortFailure != null) {
            stopAll("the control port failed and could not be bound again: " + controlPortFailure);
            say("Harness exiting: its control port failed, so no IT could reach it");
            return CONTROL_PORT_FAILED;
        }
        stopAll(terminated ? "SIGTERM" : "shutdown requested");
        say("Harness exiting");
        return 0;
    }

    /** The failed report for what ended the start: typed by where it came from, never by its text. */
    private Reports.Failed failure(Throwable e) {
        long pid = ProcessHandle.current().pid();
        String message = e instanceof HarnessException ? e.getMessage() : String.valueOf(e);
        if (terminated || parentGone != null) {
            return new Reports.Failed(pid, Reports.FailureKind.CANCELLED, null,
                    terminated ? "SIGTERM during the start" : parentGone);
        }
        if (e instanceof InvalidSpecException) {
            return new Reports.Failed(pid, Reports.FailureKind.CONFIGURATION, null, message);
        }
        if (e instanceof ComponentStartException) {
            return new Reports.Failed(pid, Reports.FailureKind.COMPONENT, ((ComponentStartException) e).component(), message);
        }
        if (e instanceof StartTimeoutException) {
            return new Reports.Failed(pid, Reports.FailureKind.TIMEOUT, ((StartTimeoutException) e).component(), message);
        }
        if (binding) {
            return new Reports.Failed(pid, Reports.FailureKind.BIND, null, message);
        }
        return new Reports.Failed(pid, Reports.FailureKind.HARNESS, null, message);
    }

    /**
     * Each instance this JVM answers for, in its harness's order, with its ports. Asked once: in
     * process mode every status call goes to every component JVM.
     */
    private Map<String, Map<String, Integer>> portsByInstance() {
        Map<String, Map<String, Integer>> ports = new LinkedHashMap<>();
        Harness harness = host.harness();
        for (String instance : harness.status().keySet()) {
            Map<String, Integer> own = new LinkedHashMap<>();
            spec.components().stream().filter(c -> c.instanceNames().contains(instance)).findFirst()
                    .ifPresent(c -> c.ports().forEach(p -> own.put(p, harness.port(instance, p))));
            ports.put(instance, own);
        }
        return ports;
    }

    private void reportFailed(Reports.Failed failed, Throwable cause) {
        System.err.println("Harness failed to start: " + failed.error());
        cause.printStackTrace();
        writeStatus(dir -> StatusFiles.write(dir, failed));
    }

    private interface StatusWrite {
        void to(Path dir) throws IOException;
    }

    private void writeStatus(StatusWrite write) {
        if (fork.statusDir() == null) {
            return;
        }
        try {
            write.to(fork.statusDir());
        } catch (IOException e) {
            System.err.println("Cannot write a status file in " + fork.statusDir() + ": " + e);
        }
    }

    private void awaitStopped() {
        while (true) {
            try {
                stopped.await();
                return;
            } catch (InterruptedException e) {
                // Only the latch ends the wait: every way out goes through it.
            }
        }
    }

    /**
     * Stops every component once, whoever asks first (the control port, the watchdogs, a JVM
     * shutdown), and records how that went. Later callers wait until that stop is done, so none
     * halts the JVM in the middle of it.
     */
    void stopAll(String why) {
        Host h = host;
        if (h == null) {
            return;
        }
        if (!stopping.compareAndSet(false, true)) {
            try {
                stopDone.await(h.stopBudget().plus(HarnessProcess.EXIT_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            stopComponents(h, why);
        } finally {
            stopDone.countDown();
        }
    }

    private void stopComponents(Host h, String why) {
        say("Harness stopping: " + why);
        long begin = System.nanoTime();
        String error = null;
        try {
            h.close();
        } catch (RuntimeException e) {
            error = e.getMessage();
            System.err.println(e.getMessage());
        }
        long componentsStopped = System.nanoTime();
        drawTimeline(h, "Harness run, stopped: " + why);
        List<Reports.Problem> found = h.problems();
        Map<String, String> status = new LinkedHashMap<>();
        h.harness().status().forEach((name, s) -> status.put(name, s.name()));
        Reports.Stopped report = new Reports.Stopped(why, status, found, error);
        writeStatus(dir -> StatusFiles.write(dir, report));
        found.forEach(p -> System.err.println(p.report()));
        // Last: on the shutdown op this runs on the control port's own thread, which closing interrupts.
        if (controlPort != null) {
            controlPort.close();
        }
        deleteOwnProcessesDir();
        say("Harness stopped in " + (System.nanoTime() - begin) / 1_000_000 + " ms (components: "
                + (componentsStopped - begin) / 1_000_000 + " ms)");
    }

    /** A line of harness.log from this JVM, named by its process in process mode. */
    private void say(String line) {
        logLine((fork.placement() == null ? "" : "process '" + fork.placement().process() + "': ") + line);
    }

    /**
     * A line of harness.log, with the milliseconds since the harness JVM started, so slow steps
     * show; component JVMs count from the same moment, so their lines read in order.
     */
    public static void logLine(String line) {
        System.out.println("[" + (System.currentTimeMillis() - ChildJvm.clockOrigin()) + " ms] " + line);
    }

    /** {@code 2 links: worker-1 -> broker.frontend, worker-1 -> broker.backend}, the first few named. */
    private static String describe(List<io.github.componentharness.internal.faults.Link> links) {
        String named = links.stream().limit(6).map(Object::toString).collect(java.util.stream.Collectors.joining(", "));
        return links.size() + (links.size() == 1 ? " link" : " links") + (links.isEmpty() ? "" : ": " + named)
                + (links.size() > 6 ? ", …" : "");
    }

    /** Where to reach each component: a service has no ready.json, and a log reader wants them too. */
    private void sayPorts(Map<String, Map<String, Integer>> ports) {
        StringBuilder line = new StringBuilder();
        ports.forEach((instance, own) -> own.forEach((name, port) -> line.append(line.length() == 0 ? "" : ", ")
                .append(instance).append('.').append(name).append('=').append(port)));
        if (line.length() > 0) {
            say("Ports: " + line);
        }
    }

    /** Where a coordinator keeps its component JVMs' specs and status files: owner-only, as they hold tokens. */
    private Path processesDir() {
        try {
            if (fork.statusDir() != null) {
                Path dir = fork.statusDir().resolve("processes");
                OwnerOnlyFiles.ownerOnlyFolder(dir);
                return dir;
            }
            ownProcessesDir = Files.createTempDirectory("harness-processes-");
            OwnerOnlyFiles.ownerOnlyFolder(ownProcessesDir);
            return ownProcessesDir;
        } catch (IOException e) {
            throw new HarnessException("cannot create a directory for the component processes: " + e.getMessage(), e);
        }
    }

    private void deleteOwnProcessesDir() {
        Path dir = ownProcessesDir;
        if (dir != null) {
            try {
                FileTrees.deleteIfExists(dir);
            } catch (IOException e) {
                System.err.println("Cannot delete " + dir + ": " + e);
            }
        }
    }

    /**
     * SIGTERM is how a service is asked to stop: stop in order and exit 0, rather than let the
     * JVM end with 143 through its shutdown hooks; during the start, it cancels the start, which
     * stops again what had started. Where the JDK offers no signal handling, the shutdown hook
     * still stops everything.
     */
    private void stopOnSigterm() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> {
                terminated = true;
                cancelStart();
                stopped.countDown();
            });
        } catch (Throwable unsupported) {
            System.err.println("SIGTERM will end the harness through its shutdown hook: " + unsupported);
        }
    }

    /** Interrupts a start in progress; it stops what it started and reports itself cancelled. */
    private void cancelStart() {
        Thread t = starter;
        if (t != null) {
            t.interrupt();
        }
    }

    private void startWatchdogs() {
        if (isDebugged()) {
            System.out.println("A debugger is attached: the harness does not watch its parent process");
            return;
        }
        if (fork.watchStdin()) {
            stdinWatchdog = daemon("harness-stdin-watchdog", () -> {
                // A channel, not System.in: an interrupt ends its read. A thread left blocked in a
                // native read makes the JVM wait 300 ms before it exits.
                try (FileChannel in = new FileInputStream(FileDescriptor.in).getChannel()) {
                    ByteBuffer buffer = ByteBuffer.allocate(64);
                    while (in.read(buffer) != -1) {
                        buffer.clear();
                    }
                } catch (ClosedByInterruptException exiting) {
                    return;
                } catch (IOException closed) {
                    // The same as the end of the stream.
                }
                parentGone("its standard input closed (Maven ended or was killed)");
            });
        }
        if (fork.parentPid() > 0) {
            daemon("harness-parent-watchdog", () -> {
                while (true) {
                    Optional<ProcessHandle> parent = ProcessHandle.of(fork.parentPid());
                    boolean alive = parent.isPresent() && parent.get().isAlive() && parent.get().info().startInstant()
                            .map(Instant::toEpochMilli).map(t -> fork.parentStartMillis() == 0
                                    || Math.abs(t - fork.parentStartMillis()) < 1000).orElse(true);
                    if (!alive) {
                        parentGone("its parent process " + fork.parentPid() + " is gone");
                        return;
                    }
                    try {
                        TimeUnit.MILLISECONDS.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
    }

    private void parentGone(String why) {
        // Both watchdogs may see it; the first one ends the JVM.
        if (!parentGoneOnce.compareAndSet(false, true)) {
            return;
        }
        System.err.println("Threads when the parent went away:");
        System.err.print(ThreadDumps.stacks(Thread.getAllStackTraces().keySet()));
        parentGone = why;
        cancelStart();
        long budget = host == null ? spec.stopTimeout().plus(ThreadHost.LEVEL_SLACK).toMillis() : host.stopBudget().toMillis();
        Thread stopper = daemon("harness-parent-gone", () -> stopAll(why));
        try {
            stopper.join(Math.max(1000, budget));
            // A start in progress rolls back and writes its failed report before the JVM ends.
            startReported.await(Math.max(1000, budget), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exitingOnPurpose = true;
        releaseStdin();
        // Exit, not halt, so agents' shutdown hooks (JaCoCo writes its data in one) run; halt only
        // if they do not finish in time.
        daemon("harness-exit", () -> System.exit(PARENT_GONE));
        try {
            Thread.sleep(HarnessProcess.EXIT_MARGIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(PARENT_GONE);
    }

    /** A JVM shutdown: SIGTERM, Ctrl-C, or a component calling System.exit. */
    private void onJvmShutdown() {
        if (!exitingOnPurpose) {
            List<Thread> exiting = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t != Thread.currentThread() && ThreadDumps.inSystemExit(t)).toList();
            if (!exiting.isEmpty()) {
                String report = "System.exit was called by thread '" + exiting.get(0).getName() + "'"
                        + groupOf(exiting.get(0)) + ":\n" + ThreadDumps.stack(exiting.get(0));
                System.err.println(report);
                try {
                    if (fork.statusDir() != null) {
                        StatusFiles.writeText(fork.statusDir(), StatusFiles.EXIT, report);
                    }
                } catch (IOException e) {
                    System.err.println("Cannot record the exit: " + e);
                }
            }
        }
        stopAll(exitingOnPurpose ? "done" : "the JVM is shutting down");
        stopped.countDown();
        releaseStdin();
    }

    private static String groupOf(Thread t) {
        ThreadGroup g = t.getThreadGroup();
        for (; g != null; g = g.getParent()) {
            if (g.getName().startsWith("harness-")) {
                return " of component '" + g.getName().substring("harness-".length()) + "'";
            }
        }
        return "";
    }

    private void exitWith(int code) {
        exitingOnPurpose = true;
        releaseStdin();
        System.exit(code);
    }

    private void releaseStdin() {
        Thread watchdog = stdinWatchdog;
        if (watchdog != null && watchdog != Thread.currentThread()) {
            watchdog.interrupt();
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static boolean isDebugged() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream().anyMatch(a -> a.contains("jdwp"));
    }
}
