package io.github.componentharness;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A running set of components, seen from a test. The same interface serves an in-process
 * {@link LocalHarness} and, through the control port, a harness in another JVM, so a test body
 * runs unchanged against either.
 *
 * <p>Components are named by instance: {@code broker}, or {@code worker-1} … {@code worker-n}
 * for replicas. State values are what the component publishes or exposes as fields and
 * getters, in their JSON form: integral numbers as {@code Long}, other numbers as
 * {@code Double}, text as {@code String}, collections as {@code List} and objects, records and
 * maps as {@code Map}. Methods may be called from any thread.
 */
public interface Harness extends AutoCloseable {

    /**
     * Starts every component of {@code spec} in this JVM, in dependency order, and returns once
     * all are ready.
     *
     * @throws HarnessException when the spec is invalid, or a component fails or is not ready
     *     within the start timeout; components already started have been stopped again
     */
    static LocalHarness start(HarnessSpec spec) {
        return LocalHarness.start(spec);
    }

    /** The status of every component instance, in start order. */
    Map<String, Status> status();

    /** The status of one component instance. */
    Status status(String component);

    /** Why a {@code FAILED} component failed (exception type, message and causes), else empty. */
    Optional<String> failure(String component);

    /**
     * A state value: published under {@code key}, else a field or no-arg getter of that name on
     * the component; a dotted path such as {@code stats.processed} reaches into nested objects.
     *
     * @throws HarnessException when the component or key is unknown
     */
    Object state(String component, String key);

    /** Every published value and every field with a JSON form, by name. */
    Map<String, Object> snapshot(String component);

    /**
     * Waits until {@code predicate} accepts the state value, testing it on the caller's side.
     *
     * @return the value that was accepted
     * @throws HarnessTimeoutException when the timeout passes first, with the last value seen
     * @throws HarnessException at once when the component is {@code FAILED}
     */
    Object await(String component, String key, Predicate<Object> predicate, Duration timeout);

    /**
     * Waits until {@code condition} holds for the state value, checked on the harness's side.
     *
     * @return the value for which the condition held
     * @throws HarnessTimeoutException when the timeout passes first, with the last value seen
     * @throws HarnessException at once when the component is {@code FAILED}
     */
    Object await(String component, String key, Condition condition, Duration timeout);

    /** The loopback port allocated to {@code component} under {@code portName}. */
    int port(String component, String portName);

    /**
     * Stops one component, leaving the others running: fault injection.
     *
     * @throws HarnessException when it does not stop within the stop timeout (with its stacks)
     */
    void stop(String component);

    /**
     * Starts a fresh instance of a stopped or failed component and waits until it is ready.
     *
     * @throws HarnessException when it is running already, a component it depends on is not
     *     running, or it fails or is not ready within the start timeout
     */
    void start(String component);

    /** Stops one component, then starts a fresh instance of it. */
    void restart(String component);

    /** Stops every component in reverse dependency order; see the implementation for reports. */
    @Override
    void close();
}
