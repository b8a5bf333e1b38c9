package io.github.componentharness.internal.faults;

/**
 * What one instance reaches one port of a peer through, when faults are on: the unit a fault hits.
 *
 * @param from the instance that connects
 * @param to the peer instance
 * @param port the name of the peer's port
 */
public record Link(String from, String to, String port) {

    /** {@code broker.backend}: the peer end, as {@code to} names it. */
    public String target() {
        return to + "." + port;
    }

    @Override
    public String toString() {
        return from + " -> " + target();
    }
}
