package io.github.componentharness;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A component's view of its harness. One context belongs to one run of one component instance;
 * a restart gets a fresh one. All methods are safe to call from any of the component's threads.
 */
public interface ComponentContext {

    /** The instance name, such as {@code broker} or {@code worker-2} for a replica. */
    String name();

    /**
     * A required configuration value.
     *
     * @throws HarnessException naming the component and the missing key
     */
    String config(String key);

    /**
     * A required configuration value converted to {@code type}: {@code String}, {@code Integer},
     * {@code Long}, {@code Double}, {@code Boolean} or {@code Duration} (ISO-8601 such as
     * {@code PT5S}, or a number with a unit: {@code 500ms}, {@code 5s}, {@code 2m}).
     *
     * @throws HarnessException naming the component and key when missing or not of that type
     */
    <T> T config(String key, Class<T> type);

    /** The configuration value, or {@code defaultValue} when the key is absent. */
    String config(String key, String defaultValue);

    /** The configuration value as an int, or {@code defaultValue} when the key is absent. */
    int config(String key, int defaultValue);

    /** The configuration value as a long, or {@code defaultValue} when the key is absent. */
    long config(String key, long defaultValue);

    /** The configuration value as a double, or {@code defaultValue} when the key is absent. */
    double config(String key, double defaultValue);

    /** The configuration value as a boolean, or {@code defaultValue} when the key is absent. */
    boolean config(String key, boolean defaultValue);

    /** The configuration value as a duration, or {@code defaultValue} when the key is absent. */
    Duration config(String key, Duration defaultValue);

    /**
     * The loopback port allocated to this component under {@code portName}. Ports stay the same
     * across restarts, so peers never need to look them up again.
     *
     * @throws HarnessException when the component declares no such port
     */
    int port(String portName);

    /**
     * A peer's allocated port, for connecting to it.
     *
     * @param component the peer's instance name, such as {@code broker} or {@code worker-1}
     */
    int port(String component, String portName);

    /** Tells the harness this component serves; the components that depend on it may start. */
    void ready();

    /** Whether the harness has asked this component to stop. Poll it in the component's loop. */
    boolean stopping();

    /**
     * Blocks until the harness asks this component to stop; for components whose work runs on
     * threads they manage themselves.
     *
     * @throws InterruptedException when the component's thread is interrupted, as stop does
     */
    void awaitStop() throws InterruptedException;

    /**
     * Registers a resource to close when stop is asked, before the thread is interrupted: closing
     * a server socket or a queue unblocks a thread waiting in I/O. Closed in reverse order of
     * registration, on the thread that asked for the stop.
     */
    void onStop(AutoCloseable resource);

    /**
     * Publishes a state value under {@code key}. A published value takes precedence over a field
     * or getter of the same name. Publishing a live object (such as an {@code AtomicLong}) once
     * is enough: it is read whenever state is queried.
     */
    void publish(String key, Object value);

    /** A directory of this run's own, created on first call and empty then. */
    Path workDir();

    /** A logger whose lines are tagged with this component's name and go to its log. */
    System.Logger log();
}
