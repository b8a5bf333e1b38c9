package io.github.componentharness;

import io.github.componentharness.internal.control.HarnessLocator;
import io.github.componentharness.internal.control.RemoteHarness;
import java.time.Duration;
import java.util.List;
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

    /**
     * Connects to the harness of this module: the one whose endpoint and token the system
     * properties {@code harness.endpoint} and {@code harness.token} give, else the one
     * {@code harness:start} described in {@code target/harness/<execution-id>/harness.properties}
     * under the working directory.
     *
     * @throws HarnessException when none is found, or several are (then name one with
     *     {@link #connect(String)})
     */
    static Harness connect() {
        HarnessLocator.Location at = HarnessLocator.inWorkingDirectory().locate();
        return connect(at.endpoint(), at.token());
    }

    /** Connects to the harness that the {@code harness:start} execution with this id started. */
    static Harness connect(String executionId) {
        HarnessLocator.Location at = HarnessLocator.inWorkingDirectory().locate(executionId);
        return connect(at.endpoint(), at.token());
    }

    /**
     * Connects to a control port. Connecting is lazy: a harness that is not there shows on the
     * first call, as an exception naming the endpoint.
     */
    static Harness connect(String endpoint, String token) {
        return new RemoteHarness(endpoint, token);
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
     * @throws NoSuchStateException when the key does not resolve (yet)
     * @throws HarnessException when the component is unknown, or the value cannot be read or sent
     */
    Object state(String component, String key);

    /** Every published value and every field with a JSON form, by name. */
    Map<String, Object> snapshot(String component);

    /**
     * The stacks of one component instance's threads, in {@code jstack}'s form; for
     * {@code null}, of every thread of the harness (in process mode, of every JVM).
     */
    String threads(String component);

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

    /**
     * Stops one component, then starts a fresh instance of it. In process mode the component's
     * JVM is replaced, with every component it hosts.
     */
    void restart(String component);

    /**
     * Crash simulation: kills the JVM that hosts {@code component} at once (SIGKILL), without
     * asking anything to stop; its components turn {@code FAILED}. {@link #start} brings them
     * back in a fresh JVM.
     *
     * @throws HarnessException in thread mode, where the component shares its JVM with the others
     */
    void kill(String component);

    /**
     * Sets or heals a network fault on links between instances (see {@link Fault}); the harness
     * must run with {@link HarnessSpec.Builder#faults(boolean) faults} on. It holds until healed,
     * across restarts of either end.
     *
     * @throws HarnessException when faults are off or the fault names no link (an unknown
     *     instance, component or port); nothing changed then
     */
    void fault(Fault fault);

    /** The faults in force, one per link and kind, each naming {@code instance} to {@code instance.port}. */
    List<Fault> faults();

    /** Cuts the links from {@code from} to {@code to}: open connections are reset, and new ones once accepted. */
    default void partition(String from, String to) {
        fault(Fault.partition(from, to));
    }

    /** Delays data on the links from {@code from} to {@code to}, both ways, by {@code latency} ± {@code jitter}. */
    default void delay(String from, String to, Duration latency, Duration jitter) {
        fault(Fault.delay(from, to, latency, jitter));
    }

    /** Accepts connections and data on the links from {@code from} to {@code to}, and delivers nothing until healed. */
    default void blackhole(String from, String to) {
        fault(Fault.blackhole(from, to));
    }

    /** Caps each direction of each connection on the links from {@code from} to {@code to} at {@code bytesPerSecond}. */
    default void bandwidth(String from, String to, long bytesPerSecond) {
        fault(Fault.bandwidth(from, to, bytesPerSecond));
    }

    /** Clears the faults of the links from {@code from} to {@code to}. */
    default void heal(String from, String to) {
        fault(Fault.heal(from, to));
    }

    /** Clears the faults of every link from {@code from}. */
    default void heal(String from) {
        fault(Fault.heal(from));
    }

    /** Clears every fault. */
    default void heal() {
        fault(Fault.healAll());
    }

    /**
     * Releases this handle. For a {@link LocalHarness}: stops every component in reverse
     * dependency order. For a connected harness: closes the connection only; the harness runs on.
     */
    @Override
    void close();
}
