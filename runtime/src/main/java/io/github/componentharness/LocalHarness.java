package io.github.componentharness;

import io.github.componentharness.internal.local.InProcessHarness;
import io.github.componentharness.internal.local.StopOutcome;
import io.github.componentharness.internal.local.ThreadHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A harness running its components as threads of this JVM, made by {@link Harness#start}.
 * Besides the {@link Harness} operations it gives direct access to the component objects.
 *
 * <p>{@link #close()} stops the components in reverse dependency order. A component that does
 * not stop within the stop timeout is reported with its thread stacks and the others stop all
 * the same; a thread still alive in a component's thread group after it stopped is reported as a
 * leak, and fails {@code close()} when the spec sets {@code failOnLeak}.
 */
public final class LocalHarness implements Harness {

    private final ThreadHarness harness;
    private final InProcessHarness operations;

    private LocalHarness(ThreadHarness harness) {
        this.harness = harness;
        this.operations = new InProcessHarness(harness);
    }

    static LocalHarness start(HarnessSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (spec.mode() != HarnessSpec.Mode.THREADS) {
            throw new HarnessException("Harness.start runs components as threads of this JVM, but the spec asks for mode "
                    + spec.mode().configName() + ": run it with HarnessMain or the Maven plugin, or build the spec "
                    + "with mode THREADS for a test in this JVM");
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ThreadHarness harness = new ThreadHarness(spec, loader != null ? loader : LocalHarness.class.getClassLoader());
        harness.startAll();
        return new LocalHarness(harness);
    }

    /** The engine behind this harness, for the control port in this package. */
    ThreadHarness engine() {
        return harness;
    }

    /** The operations behind this harness, for the control port in this package. */
    InProcessHarness operations() {
        return operations;
    }

    /** The spec this harness runs. */
    public HarnessSpec spec() {
        return harness.spec();
    }

    /**
     * The component object of the current run of {@code component}, to read its variables
     * directly. After a restart this is a new object.
     *
     * @throws HarnessException when the component is unknown, never started, or not a {@code type}
     */
    public <T> T component(String component, Class<T> type) {
        ComponentSpec declared = harness.spec().components().stream()
                .filter(c -> c.instanceNames().contains(component)).findFirst().orElse(null);
        if (declared != null && declared.kind() == ComponentSpec.Kind.MAIN) {
            throw new HarnessException("component '" + component + "' runs the main class " + declared.className()
                    + ", which has no object: read its static fields with state(\"" + component + "\", key)");
        }
        Component instance = harness.run(component).component();
        if (instance == null) {
            throw new HarnessException("component '" + component + "' has no object: it is still being created, or its "
                    + "constructor failed (see status and failure)");
        }
        if (!type.isInstance(instance)) {
            boolean isolated = instance.getClass().getName().equals(type.getName());
            throw new HarnessException("component '" + component + "' is a " + instance.getClass().getName() + ", not a "
                    + type.getName() + (isolated ? " of this class loader: it is isolated, with classes of its own; declare it "
                    + "with isolation SHARED to hold its object" : ""));
        }
        return type.cast(instance);
    }

    /**
     * Reports of components that did not stop in time or left threads running, so far: one
     * entry per component and stop, with thread names and stacks.
     */
    public List<String> problems() {
        return harness.problems().stream().map(StopOutcome::report).toList();
    }

    @Override
    public Map<String, Status> status() {
        return operations.status();
    }

    @Override
    public Status status(String component) {
        return operations.status(component);
    }

    @Override
    public Optional<String> failure(String component) {
        return operations.failure(component);
    }

    @Override
    public Object state(String component, String key) {
        return operations.state(component, key);
    }

    @Override
    public Map<String, Object> snapshot(String component) {
        return operations.snapshot(component);
    }

    @Override
    public String threads(String component) {
        return operations.threads(component);
    }

    @Override
    public Object await(String component, String key, Predicate<Object> predicate, Duration timeout) {
        return operations.await(component, key, predicate, timeout);
    }

    @Override
    public Object await(String component, String key, Condition condition, Duration timeout) {
        return operations.await(component, key, condition, timeout);
    }

    @Override
    public int port(String component, String portName) {
        return operations.port(component, portName);
    }

    @Override
    public void stop(String component) {
        operations.stop(component);
    }

    @Override
    public void start(String component) {
        operations.start(component);
    }

    @Override
    public void restart(String component) {
        operations.restart(component);
    }

    /**
     * Refused: every component of a {@code LocalHarness} shares this JVM. Kill needs process mode.
     *
     * @throws HarnessException always (after checking that the component exists)
     */
    @Override
    public void kill(String component) {
        operations.kill(component);
    }

    @Override
    public void fault(Fault fault) {
        operations.fault(fault);
    }

    @Override
    public List<Fault> faults() {
        return operations.faults();
    }

    @Override
    public void close() {
        operations.close();
    }
}
