package io.github.componentharness.internal.process;

import io.github.componentharness.ComponentSpec;
import io.github.componentharness.Condition;
import io.github.componentharness.Fault;
import io.github.componentharness.Harness;
import io.github.componentharness.HarnessException;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.Status;
import io.github.componentharness.internal.control.RemoteHarness;
import io.github.componentharness.internal.faults.FaultTable;
import io.github.componentharness.internal.fork.HarnessProcess;
import io.github.componentharness.internal.fork.Host;
import io.github.componentharness.internal.fork.Reports;
import io.github.componentharness.internal.local.Changes;
import io.github.componentharness.internal.local.PortAllocator;
import io.github.componentharness.internal.local.ThreadDumps;
import io.github.componentharness.internal.state.AwaitProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Process mode: runs each process of a spec (a declared process group, or else one component
 * instance) in a JVM of its own, in dependency order, and answers for all of them as one
 * {@link Harness}, routing each call to the JVM that hosts the component. Ports are allocated
 * here, for every instance, so each JVM knows where its peers listen.
 */
public final class Coordinator implements Harness, Host {

    private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();
    /** A component JVM applies a fault at once: one that does not answer within this is reported, not waited for. */
    private static final Duration FAULT_FORWARD_TIMEOUT = Duration.ofSeconds(5);

    private final HarnessSpec spec;
    private final Map<String, ComponentProcess> processes = new LinkedHashMap<>();
    private final Map<String, ComponentProcess> hostOf = new LinkedHashMap<>();
    private final Map<String, Set<String>> dependsOn = new LinkedHashMap<>();
    private final Map<String, Integer> levels = new LinkedHashMap<>();
    private final PortAllocator ports = new PortAllocator();
    private final ReentrantLock lifecycleLock = new ReentrantLock();
    private volatile boolean closed;
    /** The faults in force, for status and for JVMs that start later; each JVM applies them to its own links. */
    private final FaultTable faults;
    /** Faults change under this lock, not the lifecycle lock: a heal must get through while a component JVM stops. */
    private final Object faultLock = new Object();
    private long faultVersion;
    /** The fault version each process's JVM was started with, by process name. */
    private final Map<String, Long> faultVersionAtStart = new java.util.concurrent.ConcurrentHashMap<>();

    /** Plans the processes and reserves every port; nothing runs until {@link #startAll()}. */
    public Coordinator(HarnessSpec spec, Path processesDir, ChildJvm jvm) {
        this.spec = spec;
        this.faults = spec.faults() ? new FaultTable(spec) : null;
        Map<String, List<String>> hosted = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> allPorts = new LinkedHashMap<>();
        for (ComponentSpec c : spec.components()) {
            for (String instance : c.instanceNames()) {
                ports.allocate(instance, c.ports());
                allPorts.put(instance, ports.ports(instance));
                hosted.computeIfAbsent(c.processOf(instance), k -> new ArrayList<>()).add(instance);
            }
        }
        hosted.forEach((name, instances) -> {
            ComponentProcess p = new ComponentProcess(name, instances, processesDir.resolve(name), spec, allPorts, jvm,
                    () -> faultsAtStart(name));
            processes.put(name, p);
            instances.forEach(i -> hostOf.put(i, p));
        });
        for (ComponentSpec c : spec.components()) {
            for (String instance : c.instanceNames()) {
                Set<String> needs = dependsOn.computeIfAbsent(c.processOf(instance), k -> new java.util.LinkedHashSet<>());
                for (String d : c.dependsOn()) {
                    ComponentSpec dependency = spec.component(d).orElseThrow();
                    dependency.instanceNames().stream().map(dependency::processOf)
                            .filter(p -> !p.equals(c.processOf(instance))).forEach(needs::add);
                }
            }
        }
        processes.keySet().forEach(this::level);
    }

    private int level(String process) {
        Integer known = levels.get(process);
        if (known != null) {
            return known;
        }
        int level = dependsOn.get(process).stream().mapToInt(this::level).map(l -> l + 1).max().orElse(0);
        levels.put(process, level);
        return level;
    }

    /** The processes, each with the instances it hosts, in start order. */
    public Map<String, List<String>> processes() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        processes.values().stream().sorted((a, b) -> levels.get(a.name()) - levels.get(b.name()))
                .forEach(p -> all.put(p.name(), p.hosted()));
        return all;
    }

    /**
     * Starts every process once the processes it depends on are ready, independent ones in
     * parallel, and returns once all are ready.
     *
     * @throws HarnessException when one fails or is not ready within the start timeout; what had
     *     started has been stopped again, in reverse order
     */
    @Override
    public void startAll() {
        lifecycleLock.lock();
        ExecutorService launcher = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "harness-process-launcher");
            t.setDaemon(true);
            return t;
        });
        try {
            long deadline = System.nanoTime() + spec.startTimeout().toNanos();
            ExecutorCompletionService<ComponentProcess> started = new ExecutorCompletionService<>(launcher);
            List<ComponentProcess> waiting = new ArrayList<>(processes.values());
            int running = 0;
            int launched = 0;
            while (running < processes.size()) {
                for (ComponentProcess p : new ArrayList<>(waiting)) {
                    if (dependsOn.get(p.name()).stream().allMatch(d -> processes.get(d).state() == ComponentProcess.State.RUNNING)) {
                        waiting.remove(p);
                        launched++;
                        for (String instance : p.hosted()) {
                            ports.release(instance);
                        }
                        started.submit(() -> {
                            startProcess(p, deadline);
                            return p;
                        });
                    }
                }
                if (launched == running) {
                    throw new IllegalStateException("no process can start: " + waiting);
                }
                Future<ComponentProcess> done = started.take();
                try {
                    done.get();
                    running++;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    throw cause instanceof HarnessException ? (HarnessException) cause
                            : new HarnessException("cannot start a process: " + cause, cause);
                }
            }
        } catch (HarnessException | InterruptedException e) {
            HarnessException failure = e instanceof HarnessException ? (HarnessException) e
                    : new HarnessException("interrupted while starting the processes", e);
            launcher.shutdownNow();
            try {
                close();
            } catch (RuntimeException closing) {
                failure.addSuppressed(closing);
            }
            throw failure;
        } finally {
            launcher.shutdownNow();
            lifecycleLock.unlock();
        }
    }

    /** Stops every process, deepest level first, independent ones in parallel. */
    @Override
    public void close() {
        lifecycleLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            int deepest = levels.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            for (int level = deepest; level >= 0; level--) {
                int l = level;
                List<Thread> stoppers = new ArrayList<>();
                for (ComponentProcess p : processes.values()) {
                    if (levels.get(p.name()) == l) {
                        Thread t = new Thread(p::stop, "harness-process-stopper");
                        t.start();
                        stoppers.add(t);
                    }
                }
                for (Thread t : stoppers) {
                    joinUninterruptibly(t);
                }
            }
        } finally {
            ports.close();
            lifecycleLock.unlock();
        }
        List<Reports.Problem> leaks = problems().stream().filter(p -> p.kind() == Reports.ProblemKind.LEAK).toList();
        if (spec.failOnLeak() && !leaks.isEmpty()) {
            throw new HarnessException("failOnLeak: " + leaks.stream().map(Reports.Problem::report)
                    .collect(java.util.stream.Collectors.joining()).stripTrailing());
        }
    }

    /**
     * Processes stop level by level, those of one level in parallel, each within the budget it
     * published and the margin its stopper gives it.
     */
    @Override
    public Duration stopBudget() {
        int deepest = levels.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        Duration total = Duration.ZERO;
        for (int level = deepest; level >= 0; level--) {
            int l = level;
            total = total.plus(processes.values().stream().filter(p -> levels.get(p.name()) == l)
                    .map(p -> p.stopBudget().plus(HarnessProcess.EXIT_MARGIN)).max(Duration::compareTo).orElse(Duration.ZERO));
        }
        return total;
    }

    @Override
    public Harness harness() {
        return this;
    }

    /** Empty: each component JVM checks the awaits on its own components. */
    @Override
    public Optional<Changes> changes() {
        return Optional.empty();
    }

    @Override
    public String summary() {
        int count = hostOf.size();
        return count + (count == 1 ? " component" : " components") + " in " + processes.size() + " processes";
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Overruns and leaks reported by the processes that stopped so far. */
    @Override
    public List<Reports.Problem> problems() {
        return processes.values().stream().flatMap(p -> p.problems().stream()).toList();
    }

    private ComponentProcess host(String component) {
        ComponentProcess p = hostOf.get(component);
        if (p != null) {
            return p;
        }
        String hint = spec.component(String.valueOf(component)).filter(c -> c.replicas() > 1)
                .map(c -> " ('" + component + "' has replicas: name one of " + String.join(", ", c.instanceNames()) + ")")
                .orElse("");
        throw new HarnessException("unknown component '" + component + "'" + hint + " (known: "
                + String.join(", ", hostOf.keySet()) + ")");
    }

    @Override
    public Map<String, Status> status() {
        Map<String, Status> all = new LinkedHashMap<>();
        for (ComponentProcess p : processes.values()) {
            Map<String, Status> inside = null;
            if (p.state() == ComponentProcess.State.RUNNING) {
                try {
                    inside = p.query(RemoteHarness::status);
                } catch (HarnessException gone) {
                    inside = null;
                }
            }
            for (String instance : p.hosted()) {
                all.put(instance, inside != null && inside.containsKey(instance) ? inside.get(instance) : outside(p));
            }
        }
        return all;
    }

    @Override
    public Status status(String component) {
        ComponentProcess p = host(component);
        if (p.state() == ComponentProcess.State.RUNNING) {
            try {
                return p.query(c -> c.status(component));
            } catch (HarnessException gone) {
                // It ended in the meantime: the state below says how.
            }
        }
        return outside(p);
    }

    /** The status of a component whose JVM is not running. */
    /** Each instance's status from its JVM's state alone: no query, so nothing waits on a busy JVM. */
    @Override
    public Map<String, Status> statusAtHand() {
        Map<String, Status> all = new LinkedHashMap<>();
        for (ComponentProcess p : processes.values()) {
            for (String instance : p.hosted()) {
                all.put(instance, outside(p));
            }
        }
        return all;
    }

    private static Status outside(ComponentProcess p) {
        return switch (p.state()) {
            case NEW -> Status.NEW;
            case STARTING -> Status.STARTING;
            case RUNNING -> Status.RUNNING;
            case ENDED -> p.failure() == null ? Status.STOPPED : Status.FAILED;
        };
    }

    @Override
    public Optional<String> failure(String component) {
        ComponentProcess p = host(component);
        if (p.state() == ComponentProcess.State.RUNNING) {
            try {
                return p.query(c -> c.failure(component));
            } catch (HarnessException gone) {
                // It ended in the meantime.
            }
        }
        return Optional.ofNullable(p.state() == ComponentProcess.State.ENDED ? p.failure() : null);
    }

    @Override
    public Object state(String component, String key) {
        return running(component).query(c -> c.state(component, key));
    }

    @Override
    public Map<String, Object> snapshot(String component) {
        return running(component).query(c -> c.snapshot(component));
    }

    private ComponentProcess running(String component) {
        ComponentProcess p = host(component);
        if (p.state() != ComponentProcess.State.RUNNING) {
            throw new HarnessException("component '" + component + "' is " + outside(p) + ": its process '" + p.name()
                    + "' is not running (" + p.describeState() + ")");
        }
        return p;
    }

    @Override
    public Object await(String component, String key, Predicate<Object> predicate, Duration timeout) {
        Objects.requireNonNull(predicate, "predicate");
        return new AwaitProbe(this, component, key, (value, present) -> present && predicate.test(value),
                "the predicate", timeout).poll(POLL_NANOS);
    }

    /** Awaits in the JVM hosting the component, over a connection of its own so other calls go on. */
    @Override
    public Object await(String component, String key, Condition condition, Duration timeout) {
        running(component);
        try (RemoteHarness own = host(component).newClient()) {
            return own.await(component, key, condition, timeout);
        }
    }

    @Override
    public int port(String component, String portName) {
        host(component);
        Integer port = ports.ports(component).get(portName);
        if (port == null) {
            Set<String> declared = ports.ports(component).keySet();
            throw new HarnessException("component '" + component + "' has no port '" + portName + "' (declared: "
                    + (declared.isEmpty() ? "none" : String.join(", ", declared)) + "): declare it in the component's ports");
        }
        return port;
    }

    /** Every instance's ports, by instance and port name. */
    public Map<String, Map<String, Integer>> ports() {
        Map<String, Map<String, Integer>> all = new LinkedHashMap<>();
        hostOf.keySet().forEach(i -> all.put(i, ports.ports(i)));
        return all;
    }

    /** Stops the component inside its JVM, which keeps running. */
    @Override
    public void stop(String component) {
        ComponentProcess p = host(component);
        underLifecycleLock(() -> {
            if (p.state() == ComponentProcess.State.RUNNING) {
                p.lifecycleClient().stop(component);
            }
        });
    }

    /** Starts the component in its running JVM, or a fresh JVM when that is not running. */
    @Override
    public void start(String component) {
        ComponentProcess p = host(component);
        underLifecycleLock(() -> {
            if (p.state() == ComponentProcess.State.RUNNING) {
                p.lifecycleClient().start(component);
            } else {
                launch(p);
            }
        });
    }

    /** Replaces the JVM hosting the component, with every component in it. */
    @Override
    public void restart(String component) {
        ComponentProcess p = host(component);
        underLifecycleLock(() -> {
            p.stop();
            launch(p);
        });
    }

    @Override
    public void kill(String component) {
        ComponentProcess p = host(component);
        underLifecycleLock(p::kill);
    }

    /**
     * Checks and records the fault here, then hands it to every running JVM, which applies it to
     * the links of the instances it hosts; a JVM that starts later starts with the faults in force.
     * Serialised with other faults, not with lifecycle operations: a JVM that starts meanwhile gets
     * the faults set during its start once it runs ({@link #startProcess}).
     */
    @Override
    public void fault(Fault fault) {
        if (faults == null) {
            throw new HarnessException(FaultTable.FAULTS_OFF);
        }
        checkOpen();
        synchronized (faultLock) {
            faults.apply(fault);
            faultVersion++;
            List<String> missed = new ArrayList<>();
            for (ComponentProcess p : processes.values()) {
                if (p.state() == ComponentProcess.State.RUNNING) {
                    try {
                        p.query(c -> {
                            c.fault(fault, FAULT_FORWARD_TIMEOUT);
                            return null;
                        });
                    } catch (HarnessException e) {
                        // A JVM that ended meanwhile starts with the table's faults if it starts again.
                        if (p.state() == ComponentProcess.State.RUNNING) {
                            missed.add("process '" + p.name() + "': " + e.getMessage());
                        }
                    }
                }
            }
            if (!missed.isEmpty()) {
                throw new HarnessException("the fault " + fault + " is recorded, but not every component JVM applied it ("
                        + String.join("; ", missed) + "); a JVM that starts again starts with it");
            }
        }
    }

    /** The faults a process's JVM starts with, noting their version so a fault set during its start reaches it too. */
    private List<Fault> faultsAtStart(String process) {
        synchronized (faultLock) {
            faultVersionAtStart.put(process, faultVersion);
            return faults();
        }
    }

    /** Starts a process's JVM and, once it runs, hands it any fault set while it started. */
    private void startProcess(ComponentProcess p, long deadlineNanos) {
        p.start(deadlineNanos);
        if (faults == null) {
            return;
        }
        synchronized (faultLock) {
            if (faultVersionAtStart.getOrDefault(p.name(), -1L) == faultVersion) {
                return;
            }
            List<Fault> now = faults();
            p.query(c -> {
                c.fault(Fault.healAll(), FAULT_FORWARD_TIMEOUT);
                now.forEach(f -> c.fault(f, FAULT_FORWARD_TIMEOUT));
                return null;
            });
            faultVersionAtStart.put(p.name(), faultVersion);
        }
    }

    @Override
    public List<Fault> faults() {
        return faults == null ? List.of() : faults.inForce();
    }

    @Override
    public Optional<FaultTable> faultTable() {
        return Optional.ofNullable(faults);
    }

    /** Lifecycle operations run one at a time, and not once the harness is closed. */
    private void underLifecycleLock(Runnable operation) {
        lifecycleLock.lock();
        try {
            checkOpen();
            operation.run();
        } finally {
            lifecycleLock.unlock();
        }
    }

    private void launch(ComponentProcess p) {
        for (String needed : dependsOn.get(p.name())) {
            ComponentProcess d = processes.get(needed);
            if (d.state() != ComponentProcess.State.RUNNING) {
                throw new HarnessException("process '" + p.name() + "' hosts components that depend on process '" + needed
                        + "', which is not running (" + d.describeState() + "): start " + String.join(", ", d.hosted())
                        + " first");
            }
        }
        startProcess(p, System.nanoTime() + spec.startTimeout().toNanos());
    }

    /**
     * Thread stacks of one component (from its JVM), or for {@code null} of every JVM: the
     * coordinator's, then each running component JVM's whole.
     */
    @Override
    public String threads(String component) {
        if (component != null) {
            return running(component).query(c -> c.threads(component));
        }
        StringBuilder all = new StringBuilder("=== coordinator (pid " + ProcessHandle.current().pid() + ")\n")
                .append(ThreadDumps.stacks(Thread.getAllStackTraces().keySet()));
        for (ComponentProcess p : processes.values()) {
            all.append("\n=== process '").append(p.name()).append("' (").append(p.describeState()).append(")\n");
            if (p.state() == ComponentProcess.State.RUNNING) {
                try {
                    all.append(p.<String>query(c -> c.threads(null)));
                } catch (HarnessException gone) {
                    all.append("(no answer: ").append(gone.getMessage()).append(")\n");
                }
            }
        }
        return all.toString();
    }

    /** The pid of each running process, by process name. */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        processes.values().forEach(p -> pids.put(p.name(), p.pid()));
        return pids;
    }

    private void checkOpen() {
        if (closed) {
            throw new HarnessException("the harness is closed: start a new one");
        }
    }

    @Override
    public String toString() {
        return "Coordinator" + processes.values().stream().map(ComponentProcess::name).collect(Collectors.joining(", ", "[", "]"));
    }

}
