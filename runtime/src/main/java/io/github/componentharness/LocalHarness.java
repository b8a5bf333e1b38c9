package io.github.componentharness;

import io.github.componentharness.internal.local.ComponentRun;
import io.github.componentharness.internal.local.StopOutcome;
import io.github.componentharness.internal.local.ThreadHarness;
import io.github.componentharness.internal.state.AwaitProbe;
import io.github.componentharness.internal.state.StateReader;
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

    /** How often a wait re-reads fields and getters, which announce no change. */
    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();

    private final ThreadHarness harness;

    private LocalHarness(ThreadHarness harness) {
        this.harness = harness;
    }

    static LocalHarness start(HarnessSpec spec) {
        Objects.requireNonNull(spec, "spec");
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ThreadHarness harness = new ThreadHarness(spec, loader != null ? loader : LocalHarness.class.getClassLoader());
        harness.startAll();
        return new LocalHarness(harness);
    }

    /** The engine behind this harness, for the control port in this package. */
    ThreadHarness engine() {
        return harness;
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
        Component instance = harness.run(component).component();
        if (!type.isInstance(instance)) {
            throw new HarnessException("component '" + component + "' is a " + instance.getClass().getName() + ", not a "
                    + type.getName());
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
        return harness.status();
    }

    @Override
    public Status status(String component) {
        return harness.status(component);
    }

    @Override
    public Optional<String> failure(String component) {
        ComponentRun run = harness.currentRun(component);
        if (run == null || run.status() != Status.FAILED) {
            return Optional.empty();
        }
        return Optional.of(ThreadHarness.describe(run.lifecycle().failure()));
    }

    @Override
    public Object state(String component, String key) {
        ComponentRun run = harness.run(component);
        return StateReader.read(component, run.component(), run.published(), key);
    }

    @Override
    public Map<String, Object> snapshot(String component) {
        ComponentRun run = harness.run(component);
        return StateReader.snapshot(run.component(), run.published());
    }

    @Override
    public Object await(String component, String key, Predicate<Object> predicate, Duration timeout) {
        Objects.requireNonNull(predicate, "predicate");
        return awaitValue(new AwaitProbe(this, component, key, (value, present) -> present && predicate.test(value),
                "the predicate", timeout));
    }

    @Override
    public Object await(String component, String key, Condition condition, Duration timeout) {
        Objects.requireNonNull(condition, "condition");
        return awaitValue(new AwaitProbe(this, component, key, condition::test, condition.toString(), timeout));
    }

    private Object awaitValue(AwaitProbe probe) {
        while (true) {
            long seen = harness.changes().version();
            if (probe.check()) {
                return probe.value();
            }
            long left = probe.nanosLeft();
            if (left <= 0) {
                throw probe.timedOut();
            }
            try {
                harness.changes().awaitChange(seen, Math.min(left, POLL_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HarnessException("interrupted while awaiting a state value", e);
            }
        }
    }

    @Override
    public int port(String component, String portName) {
        return harness.port(component, portName);
    }

    @Override
    public void stop(String component) {
        harness.stop(component);
    }

    @Override
    public void start(String component) {
        harness.start(component);
    }

    @Override
    public void restart(String component) {
        harness.restart(component);
    }

    @Override
    public void close() {
        harness.close();
    }
}
