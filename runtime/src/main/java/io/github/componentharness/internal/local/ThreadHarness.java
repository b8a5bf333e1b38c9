package io.github.componentharness.internal.local;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentSpec;
import io.github.componentharness.Fault;
import io.github.componentharness.HarnessException;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.HarnessTimeoutException;
import io.github.componentharness.Isolation;
import io.github.componentharness.Status;
import io.github.componentharness.internal.faults.FaultTable;
import io.github.componentharness.internal.faults.Link;
import io.github.componentharness.internal.faults.LinkProxies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Runs a spec's components as threads of this JVM: ordered start with rollback, ordered stop
 * with overrun and leak reports, and start, stop and restart of single components. Lifecycle
 * operations are serialised by one lock; status and state reads never take it.
 */
public final class ThreadHarness implements RunContext.Services {

    private static final System.Logger LOG = System.getLogger("io.github.componentharness");
    /** How long a component asked to stop may take to end on its own before its thread is interrupted. */
    static final Duration INTERRUPT_GRACE = Duration.ofMillis(200);

    private final HarnessSpec spec;
    private final Topology topology;
    private final ComponentClasses classes;
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final PortAllocator ports = new PortAllocator();
    private final ReentrantLock lifecycleLock = new ReentrantLock();
    private final Changes changes = new Changes();
    private final List<StopOutcome> problems = Collections.synchronizedList(new ArrayList<>());
    private final Path workRoot;
    private final boolean temporaryWorkRoot;
    private final Placement placement;
    private final Isolation defaultIsolation;
    /** The application's class path, for the loaders of isolated runs; computed once, when one needs it. */
    private List<java.net.URL> applicationClassPath;
    private volatile boolean closed;
    private volatile ComponentRun.Transitions transitions = (instance, status) -> { };
    /** The faults in force and the proxies that apply them; {@code null} when the spec has faults off. */
    private final FaultTable faults;
    private final LinkProxies links;

    /**
     * Prepares every instance: classes loaded and checked, ports reserved, outputs opened.
     * Nothing runs yet; {@link #startAll()} starts it.
     */
    public ThreadHarness(HarnessSpec spec, ClassLoader loader) {
        this(spec, loader, null, Isolation.SHARED);
    }

    /**
     * Prepares the instances that {@code placement} (when not {@code null}) hosts, on the ports it
     * gives; dependencies on instances hosted elsewhere count as met (the coordinator starts this
     * JVM after them).
     *
     * @param defaultIsolation the isolation of components for which the spec declares none
     */
    public ThreadHarness(HarnessSpec spec, ClassLoader loader, Placement placement, Isolation defaultIsolation) {
        this.spec = spec;
        this.placement = placement;
        this.defaultIsolation = defaultIsolation;
        this.topology = Topology.of(spec);
        this.classes = ComponentClasses.load(spec, loader);
        this.faults = spec.faults() ? new FaultTable(spec) : null;
        this.links = spec.faults() ? new LinkProxies(faults) : null;
        if (placement != null && faults != null) {
            placement.faults().forEach(faults::apply);
        }
        OutputRouter.acquire();
        try {
            this.temporaryWorkRoot = spec.workDir().isEmpty();
            this.workRoot = temporaryWorkRoot ? Files.createTempDirectory("harness-") : spec.workDir().get();
            for (ComponentSpec c : topology.startOrder()) {
                List<String> dependencies = new ArrayList<>();
                for (String d : c.dependsOn()) {
                    spec.component(d).orElseThrow().instanceNames().stream().filter(this::hosted).forEach(dependencies::add);
                }
                for (String name : c.instanceNames()) {
                    if (!hosted(name)) {
                        continue;
                    }
                    if (placement == null) {
                        ports.allocate(name, c.ports());
                    } else {
                        ports.assign(name, placement.ports().getOrDefault(name, Map.of()));
                    }
                    ComponentOutput output = new ComponentOutput(name, spec.logDir().orElse(null));
                    instances.put(name, new Instance(name, c, dependencies, ports.ports(name), output));
                }
            }
        } catch (IOException | RuntimeException e) {
            releaseResources();
            throw e instanceof HarnessException ? (HarnessException) e
                    : new HarnessException("cannot prepare the harness: " + e, e);
        }
    }

    /** How many dependency levels a spec's components form: a harness stops one level at a time. */
    public static int levels(HarnessSpec spec) {
        return Topology.of(spec).deepestLevel() + 1;
    }

    /** How many dependency levels the instances of this engine span: its stop takes one stop timeout each. */
    public int levels() {
        return (int) instances.values().stream().map(i -> topology.level(i.spec().name())).distinct().count();
    }

    public HarnessSpec spec() {
        return spec;
    }

    private boolean hosted(String instance) {
        return placement == null || placement.hosted().contains(instance);
    }

    /**
     * Starts every instance as soon as all it depends on is running, so independent components
     * start in parallel, and returns once all are running.
     *
     * @throws HarnessException when one fails or is not ready within the start timeout; what had
     *     started has been stopped again, in reverse order, and this harness is closed
     */
    public void startAll() {
        lifecycleLock.lock();
        try {
            long deadline = System.nanoTime() + spec.startTimeout().toNanos();
            List<Instance> waiting = new ArrayList<>(instances.values());
            List<Instance> launched = new ArrayList<>();
            try {
                while (true) {
                    long seen = changes.version();
                    for (Instance i : new ArrayList<>(waiting)) {
                        if (dependenciesRunning(i)) {
                            launch(i);
                            waiting.remove(i);
                            launched.add(i);
                        }
                    }
                    for (Instance i : launched) {
                        checkStarting(i, waiting);
                    }
                    if (waiting.isEmpty() && launched.stream().allMatch(i -> i.run().status() == Status.RUNNING)) {
                        return;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw notReady(launched, waiting, spec.startTimeout());
                    }
                    changes.awaitChange(seen, left);
                }
            } catch (HarnessException | InterruptedException e) {
                throw rollBack(e);
            }
        } finally {
            lifecycleLock.unlock();
        }
    }

    private boolean dependenciesRunning(Instance i) {
        return i.dependencies().stream().allMatch(d -> {
            ComponentRun run = instances.get(d).run();
            return run != null && run.status() == Status.RUNNING;
        });
    }

    private void launch(Instance i) {
        int number = i.nextRunNumber();
        boolean isolated = spec.isolationOf(i.spec(), defaultIsolation) == Isolation.INSTANCE;
        ClassLoader loader = isolated ? new InstanceClassLoader(i.name(), applicationClassPath(), classes.loader())
                : classes.loader();
        ComponentRun run = new ComponentRun(i, number, ctx -> classes.create(i.spec(), i.name(), loader, ctx::resolve,
                spec.stopTimeout()),
                loader, isolated, this, changes::changed, (instance, status) -> transitions.entered(instance, status));
        i.run(run);
        ports.release(i.name());
        run.launch();
    }

    /** Throws when a launched instance can no longer become ready. */
    private void checkStarting(Instance i, List<Instance> waiting) {
        ComponentRun.Lifecycle lc = i.run().lifecycle();
        if (lc.status() == Status.FAILED) {
            throw new ComponentStartException(i.name(), "Component '" + i.name() + "' failed to start: " + describe(lc.failure())
                    + notStarted(waiting) + "; see its log for details, fix the cause and run again", lc.failure());
        }
        boolean main = i.spec().kind() == ComponentSpec.Kind.MAIN;
        Integer exit = i.run().exitStatus();
        if (lc.status() == Status.STOPPED && exit != null) {
            throw new ComponentStartException(i.name(), "Component '" + i.name() + "' called System.exit(" + exit + ") while the "
                    + "harness was starting" + notStarted(waiting) + ": see its log for why it ended", null);
        }
        if (lc.status() == Status.STOPPED && !lc.becameReady()) {
            throw new ComponentStartException(i.name(), main
                    ? "Component '" + i.name() + "' ended before it was ready: its main returned and no non-daemon thread of "
                            + "it lives" + probeReport(i) + notStarted(waiting) + "; a server's main must keep serving, check its "
                            + "args and its log"
                    : "Component '" + i.name() + "' returned from run() before calling ctx.ready()" + notStarted(waiting)
                            + ": call ctx.ready() once it serves, and return only once ctx.stopping()", null);
        }
        if (lc.status() == Status.STOPPED) {
            throw new ComponentStartException(i.name(), "Component '" + i.name() + "' stopped by itself while the harness was starting"
                    + notStarted(waiting) + ": return from run() only once ctx.stopping()", null);
        }
    }

    private synchronized List<java.net.URL> applicationClassPath() {
        if (applicationClassPath == null) {
            applicationClassPath = ApplicationClassPath.of(classes.loader());
        }
        return applicationClassPath;
    }

    private HarnessTimeoutException notReady(List<Instance> launched, List<Instance> waiting, Duration timeout) {
        List<Instance> slow = launched.stream().filter(i -> i.run().status() != Status.RUNNING).toList();
        StringBuilder message = new StringBuilder();
        for (Instance i : slow) {
            message.append(message.length() == 0 ? "" : "; ").append("Component '").append(i.name())
                    .append("' was not ready within ").append(format(timeout)).append(" (status ")
                    .append(i.run().status()).append(")").append(probeReport(i));
        }
        boolean probed = slow.stream().anyMatch(i -> !i.run().readinessReport().isEmpty());
        message.append(notStarted(waiting)).append(probed
                ? ": check that its readyWhen describes how it serves (port, log line, URL) and its log for why it does not; "
                : ": a component must call ctx.ready() once it serves; ").append("if it needs longer, raise startTimeout.");
        for (Instance i : slow) {
            message.append("\nThreads of '").append(i.name()).append("':\n")
                    .append(ThreadDumps.stacks(ThreadDumps.liveThreads(i.run().group())));
        }
        HarnessTimeoutException e = new StartTimeoutException(slow.isEmpty() ? null : slow.get(0).name(), message.toString());
        slow.forEach(i -> i.run().fail(new HarnessTimeoutException("not ready within " + format(timeout))));
        return e;
    }

    /** {@code , readyWhen port 'tcp' (127.0.0.1:4242): connection refused}, or empty without probes. */
    private static String probeReport(Instance i) {
        String report = i.run() == null ? "" : i.run().readinessReport();
        return report.isEmpty() ? "" : ", " + report;
    }

    private static String notStarted(List<Instance> waiting) {
        return waiting.isEmpty() ? "" : " (not started, as they depend on it: "
                + waiting.stream().map(Instance::name).collect(Collectors.joining(", ")) + ")";
    }

    private HarnessException rollBack(Exception cause) {
        HarnessException failure = cause instanceof HarnessException ? (HarnessException) cause
                : new HarnessException("interrupted while starting the harness", cause);
        // The stop waits for components, so it runs with the interrupt cleared; the flag is
        // restored for the caller after.
        boolean interrupted = Thread.interrupted() || cause instanceof InterruptedException;
        try {
            close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return failure;
    }

    /**
     * Stops one instance and waits up to the stop timeout.
     *
     * @throws HarnessException when it overruns, with its threads' stacks
     */
    public void stop(String name) {
        Instance instance = instance(name);
        lifecycleLock.lock();
        try {
            checkOpen();
            StopOutcome outcome = stopLevel(List.of(instance)).get(0);
            if (outcome != null && outcome.overrun() != null) {
                throw new HarnessException(outcome.report().stripTrailing()
                        + "\nMake it return from run() once ctx.stopping(), or register what blocks it with ctx.onStop.");
            }
        } finally {
            lifecycleLock.unlock();
        }
    }

    /** Starts a fresh run of a stopped or failed instance and waits until it is ready. */
    public void start(String name) {
        Instance instance = instance(name);
        lifecycleLock.lock();
        try {
            checkOpen();
            ComponentRun current = instance.run();
            if (current != null && !current.status().isTerminal()) {
                throw new HarnessException("Component '" + name + "' is " + current.status() + " already: stop it first, "
                        + "or restart it");
            }
            for (String d : instance.dependencies()) {
                ComponentRun dependency = instances.get(d).run();
                Status status = dependency == null ? Status.NEW : dependency.status();
                if (status != Status.RUNNING) {
                    throw new HarnessException("Component '" + name + "' depends on '" + d + "', which is " + status
                            + ": start '" + d + "' first");
                }
            }
            if (current != null) {
                recordStop(current, awaitQuietly(current, spec.stopTimeout()));
            }
            launch(instance);
            long deadline = System.nanoTime() + spec.startTimeout().toNanos();
            try {
                while (true) {
                    long seen = changes.version();
                    checkStarting(instance, List.of());
                    if (instance.run().status() == Status.RUNNING) {
                        return;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw notReady(List.of(instance), List.of(), spec.startTimeout());
                    }
                    changes.awaitChange(seen, left);
                }
            } catch (HarnessException | InterruptedException e) {
                instance.run().fail(e);
                stopLevel(List.of(instance));
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    throw new HarnessException("interrupted while starting component '" + name + "'", e);
                }
                throw (HarnessException) e;
            }
        } finally {
            lifecycleLock.unlock();
        }
    }

    public void restart(String name) {
        lifecycleLock.lock();
        try {
            stop(name);
            start(name);
        } finally {
            lifecycleLock.unlock();
        }
    }

    /**
     * Asks every instance of one level to stop at once, then waits for each up to the stop
     * timeout, counted from when it was asked. Overruns and leaks are recorded and logged.
     *
     * @return one outcome per instance, {@code null} for an instance that never ran
     */
    private List<StopOutcome> stopLevel(List<Instance> level) {
        List<ComponentRun> runs = level.stream().map(Instance::run).filter(r -> r != null).toList();
        runs.forEach(ComponentRun::requestStop);
        long deadline = System.nanoTime() + spec.stopTimeout().toNanos();
        long graceEnd = System.nanoTime() + Math.min(INTERRUPT_GRACE.toNanos(), spec.stopTimeout().toNanos() / 2);
        for (ComponentRun run : runs) {
            try {
                run.interruptIfRunning(Duration.ofNanos(Math.max(0, graceEnd - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<StopOutcome> outcomes = new ArrayList<>();
        for (Instance i : level) {
            ComponentRun run = i.run();
            if (run == null) {
                outcomes.add(null);
                continue;
            }
            boolean reported = run.stopReported();
            StopOutcome outcome = awaitQuietly(run, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (!reported) {
                recordStop(run, outcome);
            }
            outcomes.add(outcome);
        }
        return outcomes;
    }

    private StopOutcome awaitQuietly(ComponentRun run, Duration budget) {
        try {
            return run.awaitStopped(budget);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StopOutcome(run.name(), "(not waited for: the stopping thread was interrupted)\n", List.of());
        }
    }

    private void recordStop(ComponentRun run, StopOutcome outcome) {
        if (!outcome.clean() && !problems.contains(outcome)) {
            problems.add(outcome);
            LOG.log(System.Logger.Level.WARNING, outcome.report().stripTrailing());
        }
    }

    /**
     * Stops everything, deepest level first, releases ports and outputs. Returns within the
     * stop timeout per level that overruns, plus a little.
     *
     * @throws HarnessException when {@code failOnLeak} is set and a component leaked a thread
     */
    public void close() {
        lifecycleLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (int level = topology.deepestLevel(); level >= 0; level--) {
                int l = level;
                stopLevel(instances.values().stream().filter(i -> topology.level(i.spec().name()) == l).toList());
            }
        } finally {
            releaseResources();
            lifecycleLock.unlock();
        }
        List<StopOutcome> leaks = problems().stream().filter(p -> !p.leaks().isEmpty()).toList();
        if (spec.failOnLeak() && !leaks.isEmpty()) {
            throw new HarnessException("failOnLeak: " + leaks.stream().map(StopOutcome::report)
                    .collect(Collectors.joining()).stripTrailing());
        }
    }

    private void releaseResources() {
        if (links != null) {
            links.close();
        }
        ports.close();
        for (Instance i : instances.values()) {
            OutputRouter.unroute(i.output());
            try {
                i.output().close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot close the log of component '" + i.name() + "'", e);
            }
        }
        OutputRouter.release();
        if (temporaryWorkRoot && workRoot != null) {
            try {
                FileTrees.deleteIfExists(workRoot);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot delete " + workRoot, e);
            }
        }
    }

    /** Overruns and leaks reported so far. */
    public List<StopOutcome> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new HarnessException("the harness is closed: start a new one");
        }
    }

    /** The current run of an instance, or {@code null} before its first start. */
    public ComponentRun currentRun(String name) {
        return instance(name).run();
    }

    /** The instance called {@code name}, or an error listing the known names. */
    private Instance instance(String name) {
        Instance instance = instances.get(name);
        if (instance != null) {
            return instance;
        }
        String known = String.join(", ", instances.keySet());
        String hint = spec.component(String.valueOf(name)).filter(c -> c.replicas() > 1)
                .map(c -> " ('" + name + "' has replicas: name one of " + String.join(", ", c.instanceNames()) + ")")
                .orElse("");
        throw new HarnessException("unknown component '" + name + "'" + hint + " (known: " + known + ")");
    }

    /** The current run of an instance that has started at least once. */
    public ComponentRun run(String name) {
        ComponentRun run = instance(name).run();
        if (run == null) {
            throw new HarnessException("component '" + name + "' has not started yet");
        }
        return run;
    }

    /** Thread stacks of one instance's thread group, or of every thread in this JVM for {@code null}. */
    public String threads(String name) {
        if (name == null) {
            return ThreadDumps.stacks(Thread.getAllStackTraces().keySet());
        }
        ComponentRun run = run(name);
        return ThreadDumps.stacks(ThreadDumps.liveThreads(run.group()));
    }

    public Map<String, Status> status() {
        Map<String, Status> all = new LinkedHashMap<>();
        instances.forEach((name, i) -> all.put(name, i.run() == null ? Status.NEW : i.run().status()));
        return all;
    }

    public Status status(String name) {
        ComponentRun run = instance(name).run();
        return run == null ? Status.NEW : run.status();
    }

    @Override
    public int port(String component, String portName) {
        if (placement != null && !instances.containsKey(component) && placement.ports().containsKey(component)) {
            Integer port = placement.ports().get(component).get(portName);
            if (port != null) {
                return port;
            }
        }
        Instance instance = instance(component);
        Integer port = instance.ports().get(portName);
        if (port == null) {
            throw new HarnessException("component '" + component + "' has no port '" + portName + "' (declared: "
                    + (instance.ports().isEmpty() ? "none" : String.join(", ", instance.ports().keySet()))
                    + "): declare it in the component's ports");
        }
        return port;
    }

    /**
     * The port {@code from} reaches {@code component}'s port through: with faults on, the proxy
     * of that link (an instance's own ports are never proxied), else the port itself.
     */
    @Override
    public int peerPort(String from, String component, String portName) {
        int port = port(component, portName);
        if (links == null || component.equals(from)) {
            return port;
        }
        return links.port(new Link(from, component, portName), port);
    }

    /** Sets or heals a fault; see {@link io.github.componentharness.Harness#fault}. */
    public void fault(Fault fault) {
        faultTable().orElseThrow(() -> new HarnessException(FaultTable.FAULTS_OFF)).apply(fault);
    }

    public List<Fault> faults() {
        return faults == null ? List.of() : faults.inForce();
    }

    /** The fault table, for whoever records faults; empty when the spec has faults off. */
    public java.util.Optional<FaultTable> faultTable() {
        return java.util.Optional.ofNullable(faults);
    }

    @Override
    public Path workRoot() {
        return workRoot;
    }

    /** Hands every status an instance enters to {@code listener}, from now on. */
    public void onTransition(ComponentRun.Transitions listener) {
        this.transitions = listener;
    }

    /** Signals every status change and publication, so waits need not spin. */
    public Changes changes() {
        return changes;
    }

    /** {@code Type: message; caused by: Type: message}, for failure reports. */
    public static String describe(Throwable t) {
        if (t == null) {
            return "";
        }
        if (t instanceof HarnessException) {
            // The harness's own words, which already name the cause (a constructor or static initialiser).
            return t.getMessage();
        }
        StringBuilder out = new StringBuilder(t.toString());
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            out.append("; caused by: ").append(c);
        }
        return out.toString();
    }

    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
