package io.github.componentharness;

/**
 * One unit of the system under test. The harness creates an instance through its public no-arg
 * constructor and calls {@link #run} on the component's own thread, {@code harness-<name>}, in a
 * thread group of its own.
 *
 * <p>A well-behaved component binds its ports, calls {@link ComponentContext#ready()} once it
 * serves, and returns from {@code run} soon after {@link ComponentContext#stopping()} turns true.
 * Returning without being asked to stop ends it as {@code STOPPED}; throwing ends it as
 * {@code FAILED}. Every thread it starts must have ended when {@code run} returns, or the harness
 * reports it as a leak.
 */
@FunctionalInterface
public interface Component {

    /**
     * Runs the component until it is asked to stop.
     *
     * @param ctx the component's view of the harness: configuration, ports, lifecycle, state
     * @throws Exception any failure; the component then turns {@code FAILED} with this cause
     */
    void run(ComponentContext ctx) throws Exception;
}
