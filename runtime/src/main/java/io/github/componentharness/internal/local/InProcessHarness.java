package io.github.componentharness.internal.local;

import io.github.componentharness.Condition;
import io.github.componentharness.Fault;
import io.github.componentharness.Harness;
import io.github.componentharness.HarnessException;
import io.github.componentharness.Status;
import io.github.componentharness.internal.state.AwaitProbe;
import io.github.componentharness.internal.state.StateReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The {@link Harness} operations on a {@link ThreadHarness}: what {@code LocalHarness} offers
 * in a test, and what a process-mode JVM serves on its control port.
 */
public final class InProcessHarness implements Harness {

    /** How often a wait re-reads fields and getters, which announce no change. */
    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();

    private final ThreadHarness engine;

    public InProcessHarness(ThreadHarness engine) {
        this.engine = engine;
    }

    public ThreadHarness engine() {
        return engine;
    }

    @Override
    public Map<String, Status> status() {
        return engine.status();
    }

    @Override
    public Status status(String component) {
        return engine.status(component);
    }

    @Override
    public Optional<String> failure(String component) {
        ComponentRun run = engine.currentRun(component);
        if (run == null || run.status() != Status.FAILED) {
            return Optional.empty();
        }
        return Optional.of(ThreadHarness.describe(run.lifecycle().failure()));
    }

    @Override
    public Object state(String component, String key) {
        ComponentRun run = engine.run(component);
        return StateReader.read(component, run.stateTarget(), run.published(), key);
    }

    @Override
    public Map<String, Object> snapshot(String component) {
        ComponentRun run = engine.run(component);
        return StateReader.snapshot(run.stateTarget(), run.published());
    }

    @Override
    public String threads(String component) {
        return engine.threads(component);
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
            long seen = engine.changes().version();
            if (probe.check()) {
                return probe.value();
            }
            long left = probe.nanosLeft();
            if (left <= 0) {
                throw probe.timedOut();
            }
            try {
                engine.changes().awaitChange(seen, Math.min(left, POLL_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HarnessException("interrupted while awaiting a state value", e);
            }
        }
    }

    @Override
    public int port(String component, String portName) {
        return engine.port(component, portName);
    }

    @Override
    public void stop(String component) {
        engine.stop(component);
    }

    @Override
    public void start(String component) {
        engine.start(component);
    }

    @Override
    public void restart(String component) {
        engine.restart(component);
    }

    @Override
    public void kill(String component) {
        engine.status(component);
        throw new HarnessException("kill needs process mode: component '" + component + "' is a thread of this JVM, and "
                + "killing that would kill every component; use stop, or run with mode processes");
    }

    @Override
    public void fault(Fault fault) {
        engine.fault(fault);
    }

    @Override
    public List<Fault> faults() {
        return engine.faults();
    }

    @Override
    public void close() {
        engine.close();
    }
}
