package io.github.componentharness.internal.local;

import io.github.componentharness.ComponentSpec;
import java.util.List;
import java.util.Map;

/**
 * One component instance of a harness, as it stays across restarts: name, declaration, the
 * instances it depends on, its ports and its output. Each start makes a new {@link ComponentRun}.
 */
final class Instance {

    private final String name;
    private final ComponentSpec spec;
    private final List<String> dependencies;
    private final Map<String, Integer> ports;
    private final ComponentOutput output;
    private volatile ComponentRun run;
    private int runs;

    Instance(String name, ComponentSpec spec, List<String> dependencies, Map<String, Integer> ports, ComponentOutput output) {
        this.name = name;
        this.spec = spec;
        this.dependencies = List.copyOf(dependencies);
        this.ports = ports;
        this.output = output;
    }

    String name() {
        return name;
    }

    ComponentSpec spec() {
        return spec;
    }

    /** Instance names this one depends on: every instance of each declared dependency. */
    List<String> dependencies() {
        return dependencies;
    }

    Map<String, Integer> ports() {
        return ports;
    }

    ComponentOutput output() {
        return output;
    }

    /** The current run, or {@code null} before the first start. */
    ComponentRun run() {
        return run;
    }

    /** The number of the next run, counting from 1. */
    synchronized int nextRunNumber() {
        return ++runs;
    }

    void run(ComponentRun next) {
        this.run = next;
    }
}
