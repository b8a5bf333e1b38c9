package io.github.componentharness;

/**
 * Where a component is in its lifecycle. Every transition moves forward:
 * {@code NEW → STARTING → RUNNING → STOPPING → STOPPED}, and {@code FAILED} may follow any state.
 * A restart runs a fresh instance with a fresh lifecycle rather than rewinding this one.
 */
public enum Status {
    /** Declared, thread not started yet. */
    NEW,
    /** Thread started, {@link ComponentContext#ready()} not called yet. */
    STARTING,
    /** Called {@link ComponentContext#ready()}: serving. */
    RUNNING,
    /** Asked to stop; its thread has not ended yet. */
    STOPPING,
    /** Its thread has ended without a failure. */
    STOPPED,
    /** {@code run} threw, or the component never became ready; see {@link Harness#failure}. */
    FAILED;

    /** Whether this status can never change again for the same component instance. */
    public boolean isTerminal() {
        return this == STOPPED || this == FAILED;
    }
}
