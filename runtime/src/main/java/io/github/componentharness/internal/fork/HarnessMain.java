package io.github.componentharness.internal.fork;

import io.github.componentharness.Harness;
import io.github.componentharness.HarnessException;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.internal.control.ControlServer;
import io.github.componentharness.internal.json.Json;
import io.github.componentharness.internal.local.Changes;
import io.github.componentharness.internal.local.InProcessHarness;
import io.github.componentharness.internal.local.StopOutcome;
import io.github.componentharness.internal.local.ThreadDumps;
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
import java.util.function.Function;
import java.util.function.Supplier;

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
    private volatile Harness harness;
    private volatile Supplier<List<String>> problems = List::of;
    private volatile ControlServer controlPort;
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
            main = new HarnessMain(HarnessSpec.fromJson(json), ForkSettings.fromJson(Json.readObject(json).get(ForkSettings.KEY)));
        } catch (IOException | RuntimeException e) {
            System.err.println("Cannot read the harness spec " + args[0] + ": " + e.getMessage());
            System.exit(BAD_ARGUMENTS);
            return;
        }
        main.exitWith(main.run());
    }

    int run() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::onJvmShutdown, "harness-shutdown"));
        stopOnSigterm();
        long begin = System.nanoTime();
        Map<String, Map<String, Integer>> ports;
        try {
            Function<String, String> threadDump;
            Changes changes;
            if (fork.placement() == null && spec.mode() == HarnessSpec.Mode.PROCESSES) {
                Coordinator coordinator = new Coordinator(spec, processesDir(), ChildJvm.likeThisOne());
                coordinator.startAll();
                threadDump = coordinator::threads;
                changes = null;
                problems = coordinator::problems;
                harness = coordinator;
            } else {
                ClassLoader loader = HarnessMain.class.getClassLoader();
                ThreadHarness engine = new ThreadHarness(spec, loader, fork.placement());
                engine.startAll();
                threadDump = engine::threads;
                changes = engine.changes();
                problems = () -> engine.problems().stream().map(StopOutcome::report).toList();
                harness = new InProcessHarness(engine);
            }
            if (fork.token() != null) {
                controlPort = ControlServer.start(harness, changes, fork.controlHost(), fork.controlPort(), fork.token(),
                        threadDump, () -> {
                            stopAll("shutdown requested");
                            stopped.countDown();
                        }, failure -> {
                            controlPortFailure = failure;
                            stopped.countDown();
                        });
            }
            ports = portsByInstance();
            reportReady((System.nanoTime() - begin) / 1_000_000, ports);
        } catch (RuntimeException e) {
            reportFailed(e);
            return FAILED_TO_START;
        }
        startWatchdogs();
        int count = ports.size();
        say("Harness ready: " + count + (count == 1 ? " component" : " components")
                + (harness instanceof Coordinator ? " in " + ((Coordinator) harness).processes().size() + " processes" : "")
                + (controlPort == null ? "" : ", control port " + controlPort.endpoint()));
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

    /**
     * Each instance this JVM answers for, in its harness's order, with its ports. Asked once: in
     * process mode every status call goes to every component JVM.
     */
    private Map<String, Map<String, Integer>> portsByInstance() {
        Map<String, Map<String, Integer>> ports = new LinkedHashMap<>();
        for (String instance : harness.status().keySet()) {
            Map<String, Integer> own = new LinkedHashMap<>();
            spec.components().stream().filter(c -> c.instanceNames().contains(instance)).findFirst()
                    .ifPresent(c -> c.ports().forEach(p -> own.put(p, harness.port(instance, p))));
            ports.put(instance, own);
        }
        return ports;
    }

    private void reportReady(long millis, Map<String, Map<String, Integer>> ports) {
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("pid", ProcessHandle.current().pid());
        ready.put("endpoint", controlPort == null ? null : controlPort.endpoint());
        ready.put("startMillis", millis);
        ready.put("ports", ports);
        writeStatus(StatusFiles.READY, ready);
    }

    private void reportFailed(RuntimeException e) {
        System.err.println("Harness failed to start: " + e.getMessage());
        e.printStackTrace();
        Map<String, Object> failed = new LinkedHashMap<>();
        failed.put("pid", ProcessHandle.current().pid());
        failed.put("error", e.getMessage());
        failed.put("type", e instanceof HarnessException ? "component" : "harness");
        writeStatus(StatusFiles.FAILED, failed);
    }

    private void writeStatus(String name, Map<String, Object> content) {
        if (fork.statusDir() == null) {
            return;
        }
        try {
            StatusFiles.write(fork.statusDir(), name, content);
        } catch (IOException e) {
            System.err.println("Cannot write " + fork.statusDir().resolve(name) + ": " + e);
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
        if (harness == null) {
            return;
        }
        if (!stopping.compareAndSet(false, true)) {
            try {
                stopDone.await(spec.stopTimeout().toMillis() + 5000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            stopComponents(why);
        } finally {
            stopDone.countDown();
        }
    }

    private void stopComponents(String why) {
        say("Harness stopping: " + why);
        long begin = System.nanoTime();
        Map<String, Object> report = new LinkedHashMap<>();
        try {
            harness.close();
        } catch (RuntimeException e) {
            report.put("error", e.getMessage());
            System.err.println(e.getMessage());
        }
        long componentsStopped = System.nanoTime();
        report.put("why", why);
        List<String> found = problems.get();
        report.put("problems", found);
        Map<String, Object> status = new LinkedHashMap<>();
        harness.status().forEach((name, s) -> status.put(name, s.name()));
        report.put("status", status);
        writeStatus(StatusFiles.STOPPED, report);
        found.forEach(System.err::println);
        // Last: on the shutdown op this runs on the control port's own thread, which closing interrupts.
        if (controlPort != null) {
            controlPort.close();
        }
        say("Harness stopped in " + (System.nanoTime() - begin) / 1_000_000 + " ms (components: "
                + (componentsStopped - begin) / 1_000_000 + " ms)");
    }

    /** A line of harness.log from this JVM, named by its process in process mode. */
    private void say(String line) {
        logLine((fork.placement() == null ? "" : "process '" + fork.placement().process() + "': ") + line);
    }

    /** A line of harness.log, with the JVM's uptime, so slow steps show. */
    public static void logLine(String line) {
        System.out.println("[" + ManagementFactory.getRuntimeMXBean().getUptime() + " ms] " + line);
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

    /** Where a coordinator keeps its component JVMs' specs and status files. */
    private Path processesDir() {
        try {
            return fork.statusDir() != null ? fork.statusDir().resolve("processes")
                    : Files.createTempDirectory("harness-processes-");
        } catch (IOException e) {
            throw new HarnessException("cannot create a directory for the component processes: " + e.getMessage(), e);
        }
    }

    /**
     * SIGTERM is how a service is asked to stop: stop in order and exit 0, rather than let the
     * JVM end with 143 through its shutdown hooks. Where the JDK offers no signal handling, the
     * shutdown hook still stops everything.
     */
    private void stopOnSigterm() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> {
                terminated = true;
                stopped.countDown();
            });
        } catch (Throwable unsupported) {
            System.err.println("SIGTERM will end the harness through its shutdown hook: " + unsupported);
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
        System.err.println("Threads when the parent went away:");
        System.err.print(ThreadDumps.stacks(Thread.getAllStackTraces().keySet()));
        Thread stopper = daemon("harness-parent-gone", () -> stopAll(why));
        try {
            stopper.join(Math.max(1000, spec.stopTimeout().toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exitingOnPurpose = true;
        releaseStdin();
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
