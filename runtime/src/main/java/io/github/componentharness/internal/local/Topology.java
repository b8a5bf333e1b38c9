package io.github.componentharness.internal.local;

import io.github.componentharness.ComponentSpec;
import io.github.componentharness.HarnessSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The declared components in start order (dependencies first, otherwise declaration order) and
 * each one's level: 0 for no dependencies, else one more than its deepest dependency. Stop
 * goes level by level from the deepest, so everything stops before what it depends on.
 */
final class Topology {

    private final List<ComponentSpec> startOrder;
    private final Map<String, Integer> levels;

    private Topology(List<ComponentSpec> startOrder, Map<String, Integer> levels) {
        this.startOrder = startOrder;
        this.levels = levels;
    }

    /** Orders a validated spec, which has no cycles. */
    static Topology of(HarnessSpec spec) {
        Map<String, ComponentSpec> pending = new LinkedHashMap<>();
        spec.components().forEach(c -> pending.put(c.name(), c));
        List<ComponentSpec> order = new ArrayList<>();
        Map<String, Integer> levels = new HashMap<>();
        while (!pending.isEmpty()) {
            ComponentSpec next = pending.values().stream()
                    .filter(c -> c.dependsOn().stream().allMatch(levels::containsKey))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("dependency cycle among " + pending.keySet()));
            int level = next.dependsOn().stream().mapToInt(levels::get).map(l -> l + 1).max().orElse(0);
            levels.put(next.name(), level);
            order.add(next);
            pending.remove(next.name());
        }
        return new Topology(List.copyOf(order), levels);
    }

    List<ComponentSpec> startOrder() {
        return startOrder;
    }

    int level(String componentName) {
        return levels.get(componentName);
    }

    int deepestLevel() {
        return levels.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
