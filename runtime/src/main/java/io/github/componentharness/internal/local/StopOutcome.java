package io.github.componentharness.internal.local;

import java.util.List;

/**
 * How one component instance stopped.
 *
 * @param component the instance name
 * @param overrun the stacks of its threads when it did not stop in time, else {@code null}
 * @param leaks one entry per thread left alive after it stopped: name and stack
 */
public record StopOutcome(String component, String overrun, List<String> leaks) {

    public boolean clean() {
        return overrun == null && leaks.isEmpty();
    }

    /** The report a user reads, or an empty string for a clean stop. */
    public String report() {
        return (overrun == null ? "" : overrunReport()) + (leaks.isEmpty() ? "" : leakReport());
    }

    /** That it did not stop in time, with its threads' stacks. */
    public String overrunReport() {
        return "component '" + component + "' did not stop within the stop timeout; its threads:\n" + overrun;
    }

    /** Which threads outlived it, with their stacks. */
    public String leakReport() {
        return "component '" + component + "' leaked " + leaks.size() + (leaks.size() == 1 ? " thread" : " threads")
                + " still running after it stopped (stop them before run() returns):\n" + String.join("", leaks);
    }
}
