package io.github.componentharness.internal.fork;

import io.github.componentharness.Harness;
import io.github.componentharness.internal.local.Changes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What runs a spec's components inside a harness JVM: the thread engine ({@link ThreadHost}), or
 * a process-mode coordinator that runs them in JVMs of their own. {@link HarnessMain} and the
 * control port speak to either through this, never asking which one it is.
 */
public interface Host extends AutoCloseable {

    /** Starts every component in dependency order; on failure, what started is stopped again. */
    void startAll();

    /** The components, as tests see them. */
    Harness harness();

    /**
     * Where this JVM announces state changes, so the control port checks awaits itself; empty
     * when the components run in other JVMs, which check awaits of their own.
     */
    Optional<Changes> changes();

    /**
     * The JSON form of {@code component.key} when it can be read without running any code of the
     * component's (see {@code StateReader.readPlain}) and without waiting on another JVM, else
     * {@link io.github.componentharness.internal.state.StateReader#NOT_PLAIN}: the control port's
     * serving thread answers such reads itself, and hands every other one to a worker.
     */
    default Object plainState(String component, String key) {
        return io.github.componentharness.internal.state.StateReader.NOT_PLAIN;
    }

    /** Thread stacks of one component, or of everything this host runs for {@code null}. */
    String threads(String component);

    /**
     * Each instance's status as this JVM knows it without asking another JVM: cheap enough to
     * sample every 100 ms for the timeline and the start's progress, and never held up by a
     * component JVM that is busy stopping.
     */
    default java.util.Map<String, io.github.componentharness.Status> statusAtHand() {
        return harness().status();
    }

    /**
     * Hands every status an instance enters to {@code listener} as it happens, where this host
     * can; returns {@code false} where it cannot (statuses must then be sampled).
     */
    default boolean onTransition(io.github.componentharness.internal.local.ComponentRun.Transitions listener) {
        return false;
    }

    /**
     * The network faults of this harness, for whoever records them (the log, the timeline); empty
     * when the spec has faults off.
     */
    default Optional<io.github.componentharness.internal.faults.FaultTable> faultTable() {
        return Optional.empty();
    }

    /** Overruns, leaks and lost JVMs so far, as records. */
    List<Reports.Problem> problems();

    /** The longest the whole stop may take, from the spec: every dependency level's stop timeout and its slack. */
    Duration stopBudget();

    /** How the ready line describes what runs: {@code 5 components}, or {@code 5 components in 3 processes}. */
    String summary();

    /** Stops everything, deepest dependency level first. */
    @Override
    void close();
}
