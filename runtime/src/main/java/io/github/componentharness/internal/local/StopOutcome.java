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
        StringBuilder out = new StringBuilder();
        if (overrun != null) {
            out.append("component '").append(component).append("' did not stop within the stop timeout; its threads:\n")
                    .append(overrun);
        }
        if (!leaks.isEmpty()) {
            out.append("component '").append(component).append("' leaked ").append(leaks.size())
                    .append(leaks.size() == 1 ? " thread" : " threads")
                    .append(" still running after it stopped (stop them before run() returns):\n");
            leaks.forEach(out::append);
        }
        return out.toString();
    }
}
