package io.github.componentharness.internal.local;

import io.github.componentharness.Component;
import io.github.componentharness.HarnessException;
import io.github.componentharness.Status;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import io.github.componentharness.internal.state.StaticFields;

/**
 * One run of one component instance on its own thread, in its own thread group. One-shot:
 * status only moves forward, and a restart makes a new run with a new component instance.
 * Status reads never block: it lives in an immutable snapshot behind a volatile field.
 */
public final class ComponentRun {

    /** After the component's thread ends, its other threads get this long to end too. */
    private static final Duration LEAK_GRACE = Duration.ofMillis(200);

    /** Status and, for {@code FAILED}, the cause; replaced whole on every transition. */
    public record Lifecycle(Status status, Throwable failure, boolean becameReady) {
    }

    private final Instance instance;
    private final Function<RunContext, Component> factory;
    private final ClassLoader loader;
    private final boolean isolated;
    private volatile Component component;
    private volatile Readiness readiness;
    private volatile boolean readyAsked;
    /** The status an isolated instance passed to {@code System.exit}, once it did. */
    private volatile Integer exitStatus;
    private final RunContext context;
    private final ThreadGroup group;
    private final Thread thread;
    private final Runnable onChange;
    private final Transitions transitions;

    /** Hears every status an instance enters, as it enters it (the timeline draws them). */
    public interface Transitions {
        void entered(String instance, Status status);
    }
    private final Map<String, Object> published = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Deque<AutoCloseable> closeOnStop = new ArrayDeque<>();
    private final CountDownLatch stopAsked = new CountDownLatch(1);
    private final Object lifecycleLock = new Object();
    private volatile Lifecycle lifecycle = new Lifecycle(Status.NEW, null, false);
    private final Object outcomeLock = new Object();
    private StopOutcome outcome;

    /**
     * @param factory makes the component object, on the component's own thread: a constructor or
     *     static initialiser that blocks or throws is that component's failure, never the harness's
     * @param loader the component class's loader, the thread's context class loader
     * @param isolated whether {@code loader} is this run's own, to be closed once its threads are gone
     */
    ComponentRun(Instance instance, int runNumber, Function<RunContext, Component> factory, ClassLoader loader,
            boolean isolated, RunContext.Services services, Runnable onChange, Transitions transitions) {
        this.transitions = transitions;
        this.instance = instance;
        this.factory = factory;
        this.loader = loader;
        this.isolated = isolated;
        this.onChange = onChange;
        this.context = new RunContext(instance, runNumber, this, services);
        this.group = new ThreadGroup("harness-" + instance.name()) {
            @Override
            public void uncaughtException(Thread t, Throwable e) {
                // A thread that called System.exit ends quietly, as in a JVM of its own; the exit
                // itself is logged once, and the JVM's default handler (a test's) never sees it.
                if (!(e instanceof InstanceExits.InstanceExit)) {
                    super.uncaughtException(t, e);
                }
            }
        };
        this.thread = new Thread(group, this::body, "harness-" + instance.name());
        this.thread.setContextClassLoader(loader);
        // As a JVM's main thread: whatever starts it (a daemon worker of the control port on a
        // restart), its threads inherit this, and a main class lives while non-daemon threads do.
        this.thread.setDaemon(false);
        if (isolated) {
            InstanceExits.register(loader, this::exited);
        }
    }

    public String name() {
        return instance.name();
    }

    /** The component object, or {@code null} while it is being created (or when that failed). */
    public Component component() {
        return component;
    }

    /** Where its state is read: the component object, or a main class's static fields. */
    public Object stateTarget() {
        Component c = component;
        return c instanceof MainClassBody ? new StaticFields(((MainClassBody) c).mainClass()) : c;
    }

    /** The status it passed to {@code System.exit}, if it did (isolated instances only). */
    Integer exitStatus() {
        return exitStatus;
    }

    /** What the readiness probes found last, or empty without probes. */
    String readinessReport() {
        Readiness r = readiness;
        return r == null ? "" : r.report();
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    public Status status() {
        return lifecycle.status();
    }

    /** The value published under {@code key}, or {@code absent} when none is. */
    public Object published(String key, Object absent) {
        synchronized (published) {
            return published.containsKey(key) ? published.get(key) : absent;
        }
    }

    /** A copy of what the component published, safe to read while it publishes more. */
    public Map<String, Object> published() {
        synchronized (published) {
            return new LinkedHashMap<>(published);
        }
    }

    ThreadGroup group() {
        return group;
    }

    void launch() {
        OutputRouter.route(group, instance.output());
        transition(Status.STARTING, null);
        try {
            readiness = Readiness.of(instance.spec(), context, instance.output());
        } catch (RuntimeException e) {
            transition(Status.FAILED, e);
            return;
        }
        if (readiness != null) {
            readiness.open();
            Thread prober = new Thread(this::probe, "readiness-" + instance.name());
            prober.setDaemon(true);
            prober.start();
        }
        thread.start();
    }

    /**
     * Checks the probes until all hold and the component signalled ready, then marks it RUNNING;
     * ends as soon as the run is no longer starting. Probes are network calls: polled, backing off
     * from 5 to 100 ms.
     */
    private void probe() {
        long pauseMillis = 5;
        Readiness r = readiness;
        while (lifecycle.status() == Status.STARTING && !stopRequested()) {
            if (r.holds() && readyAsked) {
                transition(Status.RUNNING, null);
                return;
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                return;
            }
            pauseMillis = Math.min(100, pauseMillis * 2);
        }
    }

    private void body() {
        Throwable failure = null;
        try {
            Map<String, String> properties = new LinkedHashMap<>();
            instance.spec().systemProperties().forEach((k, v) -> properties.put(k, context.resolve(v)));
            InstanceProperties.register(group, properties, isolated);
            component = factory.apply(context);
            component.run(context);
        } catch (Throwable t) {
            failure = t;
        }
        Integer exit = exitStatus;
        if (exit != null) {
            // Ended as its own JVM would have: stopped, or failed with the status it gave.
            if (exit == 0) {
                transition(Status.STOPPED, null);
            } else {
                transition(Status.FAILED, new HarnessException("component '" + instance.name() + "' called System.exit(" + exit
                        + "): it ended, as its own JVM would have; see its log for why"));
            }
            return;
        }
        if (failure != null && !stopRequested()) {
            context.log().log(System.Logger.Level.ERROR, "failed", failure);
            transition(Status.FAILED, failure);
        } else {
            if (failure != null) {
                // The interrupt is how a blocked component is told to stop: not worth a line.
                System.Logger.Level level = failure instanceof InterruptedException ? System.Logger.Level.DEBUG
                        : System.Logger.Level.INFO;
                context.log().log(level, "ended with an exception while stopping: " + failure);
            } else if (!stopRequested()) {
                context.log().log(System.Logger.Level.WARNING, component instanceof MainClassBody
                        ? "its main and every non-daemon thread it started ended without being asked to stop"
                        : "run() returned without being asked to stop");
            }
            transition(Status.STOPPED, null);
        }
    }

    /**
     * An isolated instance called {@code System.exit}: it stops (its stop runs on a thread of its
     * own, hooks included), and its status follows the exit status once its thread ends.
     */
    private void exited(int status) {
        Component c = component;
        if (c instanceof MainClassBody && ((MainClassBody) c).isStopper(Thread.currentThread())) {
            // A stop command that ends as a command-line tool does: its status is not the server's.
            return;
        }
        if (exitStatus != null) {
            return;
        }
        exitStatus = status;
        context.log().log(status == 0 ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                "called System.exit(" + status + "): it stops, as its own JVM would; the harness and the others go on");
        requestStop();
    }

    /** The component's own signal; with probes, it is RUNNING once they hold too. */
    void markReady() {
        readyAsked = true;
        if (readiness == null && lifecycle.status() == Status.STARTING) {
            transition(Status.RUNNING, null);
        }
    }

    /** Marks the run FAILED with {@code cause} (as when it never got ready) and asks it to stop. */
    void fail(Throwable cause) {
        transition(Status.FAILED, cause);
        requestStop();
    }

    boolean stopRequested() {
        return stopAsked.getCount() == 0;
    }

    void awaitStopRequest() throws InterruptedException {
        stopAsked.await();
    }

    void closeOnStop(AutoCloseable resource) {
        boolean closeNow;
        synchronized (closeOnStop) {
            closeNow = stopRequested();
            if (!closeNow) {
                closeOnStop.push(resource);
            }
        }
        if (closeNow) {
            closeQuietly(resource);
        }
    }

    void publish(String key, Object value) {
        published.put(key, value);
        onChange.run();
    }

    /**
     * Asks the component to stop: {@code stopping()} turns true and the resources registered
     * with {@code onStop} are closed. Returns without waiting; see {@link #interruptIfRunning}.
     */
    void requestStop() {
        List<AutoCloseable> toClose;
        synchronized (closeOnStop) {
            if (stopRequested()) {
                return;
            }
            stopAsked.countDown();
            toClose = new ArrayList<>(closeOnStop);
            closeOnStop.clear();
        }
        Status now = lifecycle.status();
        if (now == Status.STARTING || now == Status.RUNNING) {
            transition(Status.STOPPING, null);
        }
        toClose.forEach(this::closeQuietly);
    }

    /**
     * Waits up to {@code grace} for the component's thread to end on its own, then interrupts
     * it. The grace matters for jeromq: a thread interrupted inside a jeromq call, closing its
     * context included, breaks the context's internal pipes and leaves its I/O threads behind.
     * A cooperative component ends within the grace and is never interrupted; one blocked in a
     * queue or a sleep is.
     */
    void interruptIfRunning(Duration grace) throws InterruptedException {
        if (component instanceof MainClassBody) {
            // It stops itself: stop main, hooks, then interrupts, on a thread of its own.
            return;
        }
        thread.join(Math.max(1, grace.toMillis()));
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }

    /**
     * Waits for the component's thread to end, up to {@code budget}, then for its other threads
     * briefly. Threads still alive then are reported, with their stacks.
     */
    StopOutcome awaitStopped(Duration budget) throws InterruptedException {
        synchronized (outcomeLock) {
            if (outcome == null) {
                outcome = waitForThreads(budget);
                release(outcome);
            }
            return outcome;
        }
    }

    /** Whether {@link #awaitStopped} has reported on this run already. */
    boolean stopReported() {
        synchronized (outcomeLock) {
            return outcome != null;
        }
    }

    /** Lets go of what the run held once its threads are gone; leaked threads keep their loader and properties. */
    private void release(StopOutcome outcome) {
        Readiness r = readiness;
        if (r != null) {
            r.close();
        }
        if (!outcome.clean() || !ThreadDumps.liveThreads(group).isEmpty()) {
            return;
        }
        InstanceProperties.unregister(group);
        if (isolated) {
            InstanceExits.unregister(loader);
        }
        if (isolated && loader instanceof java.io.Closeable) {
            try {
                ((java.io.Closeable) loader).close();
            } catch (java.io.IOException e) {
                context.log().log(System.Logger.Level.DEBUG, "cannot close its class loader", e);
            }
        }
    }

    private StopOutcome waitForThreads(Duration budget) throws InterruptedException {
        if (ThreadDumps.inSystemExit(thread)) {
            // The JVM is ending because this thread asked it to; the shutdown hook that stops the
            // harness would wait for this thread in vain, and the caller is reported as such.
            return new StopOutcome(instance.name(), null, List.of());
        }
        thread.join(Math.max(1, budget.toMillis()));
        if (thread.isAlive()) {
            return new StopOutcome(instance.name(), ThreadDumps.stacks(ThreadDumps.liveThreads(group)), List.of());
        }
        long graceEnd = System.nanoTime() + LEAK_GRACE.toNanos();
        List<String> leaks = new ArrayList<>();
        for (Thread t : ThreadDumps.liveThreads(group)) {
            long left = graceEnd - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(t, left);
            }
            if (t.isAlive()) {
                leaks.add(ThreadDumps.stack(t));
            }
        }
        return new StopOutcome(instance.name(), null, leaks);
    }

    private void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            context.log().log(System.Logger.Level.WARNING, "closing " + resource + " on stop failed", e);
        }
    }

    private void transition(Status to, Throwable cause) {
        synchronized (lifecycleLock) {
            Lifecycle from = lifecycle;
            if (from.status().isTerminal() || (to != Status.FAILED && to.ordinal() <= from.status().ordinal())) {
                return;
            }
            lifecycle = new Lifecycle(to, cause, from.becameReady() || to == Status.RUNNING);
        }
        transitions.entered(instance.name(), to);
        onChange.run();
    }
}
