package io.github.componentharness.internal.spec;

import io.github.componentharness.ComponentSpec;
import io.github.componentharness.HarnessException;
import io.github.componentharness.HarnessSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a declared component set for every mistake at once, so a user fixes them in one go. */
public final class SpecValidation {

    /** Names end up in thread names, file names and property keys: keep them plain. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private SpecValidation() {
    }

    public static void check(List<ComponentSpec> components, List<String> duplicateNames, HarnessSpec.Mode mode,
            Duration startTimeout, Duration stopTimeout) {
        List<String> problems = new ArrayList<>();
        if (components.isEmpty()) {
            problems.add("no components declared: declare at least one");
        }
        for (String duplicate : new LinkedHashSet<>(duplicateNames)) {
            problems.add("component '" + duplicate + "' is declared more than once: give each component its own name");
        }
        checkTimeout("startTimeout", startTimeout, problems);
        checkTimeout("stopTimeout", stopTimeout, problems);

        Map<String, String> instanceOwners = new HashMap<>();
        for (ComponentSpec c : components) {
            checkComponent(c, problems);
            if (c.replicas() >= 1 && c.name() != null) {
                for (String instance : c.instanceNames()) {
                    String owner = instanceOwners.putIfAbsent(instance, c.name());
                    if (owner != null && !owner.equals(c.name())) {
                        problems.add("instance name '" + instance + "' is used by both '" + owner + "' and '" + c.name()
                                + "': rename one of them");
                    }
                }
            }
        }
        Set<String> names = new LinkedHashSet<>();
        components.forEach(c -> names.add(c.name()));
        for (ComponentSpec c : components) {
            for (String dependency : c.dependsOn()) {
                if (dependency == null || !names.contains(dependency)) {
                    problems.add("component '" + c.name() + "' depends on unknown component '" + dependency
                            + "' (known: " + String.join(", ", names) + "): fix its dependsOn");
                } else if (dependency.equals(c.name())) {
                    problems.add("component '" + c.name() + "' depends on itself: remove it from its dependsOn");
                }
            }
        }
        Map<String, List<String>> instancePorts = new LinkedHashMap<>();
        for (ComponentSpec c : components) {
            if (c.name() != null && c.replicas() >= 1) {
                c.instanceNames().forEach(i -> instancePorts.put(i, c.ports()));
            }
        }
        for (ComponentSpec c : components) {
            if (c.name() != null && !c.name().isBlank()) {
                checkAdoption(c, problems);
                Placeholders.check(c, instancePorts, problems);
            }
        }
        checkProcesses(components, instanceOwners, problems);
        if (problems.isEmpty()) {
            findCycle(components).ifPresent(problems::add);
        }
        if (problems.isEmpty() && mode == HarnessSpec.Mode.PROCESSES) {
            findProcessCycle(components).ifPresent(problems::add);
        }
        throwIfAny(problems);
    }

    private static void checkProcesses(List<ComponentSpec> components, Map<String, String> instanceOwners,
            List<String> problems) {
        for (ComponentSpec c : components) {
            String process = c.process().orElse(null);
            if (process == null || c.name() == null) {
                continue;
            }
            if (!NAME.matcher(process).matches()) {
                problems.add("component '" + c.name() + "' names process '" + process + "', but a process name may only "
                        + "hold letters, digits, '.', '_' and '-', and must start with a letter or digit: rename it");
            }
            String owner = instanceOwners.get(process);
            ComponentSpec ownerSpec = components.stream().filter(o -> o.name() != null && o.name().equals(owner))
                    .findFirst().orElse(null);
            if (ownerSpec != null && !process.equals(ownerSpec.process().orElse(null))) {
                problems.add("component '" + c.name() + "' names process '" + process + "', which is also the name of "
                        + "component instance '" + process + "' in a process of its own: rename the process");
            }
        }
    }

    /**
     * In process mode each process starts once everything its components depend on runs in other
     * processes; two processes that depend on each other could never start.
     */
    private static java.util.Optional<String> findProcessCycle(List<ComponentSpec> components) {
        Map<String, ComponentSpec> byName = new HashMap<>();
        components.forEach(c -> byName.put(c.name(), c));
        Map<String, List<String>> edges = new LinkedHashMap<>();
        for (ComponentSpec c : components) {
            for (String instance : c.instanceNames()) {
                String from = c.processOf(instance);
                List<String> targets = edges.computeIfAbsent(from, k -> new ArrayList<>());
                for (String d : c.dependsOn()) {
                    ComponentSpec dependency = byName.get(d);
                    for (String other : dependency.instanceNames()) {
                        String to = dependency.processOf(other);
                        if (!to.equals(from) && !targets.contains(to)) {
                            targets.add(to);
                        }
                    }
                }
            }
        }
        Set<String> done = new HashSet<>();
        for (String start : edges.keySet()) {
            String cycle = visit(start, edges, new ArrayList<>(), new HashSet<>(), done);
            if (cycle != null) {
                return java.util.Optional.of("processes depend on each other: " + cycle + " (a process starts once "
                        + "what its components depend on runs): put these components in one process, or in separate ones");
            }
        }
        return java.util.Optional.empty();
    }

    /** Throws one exception listing every problem, each with its fix; does nothing for none. */
    public static void throwIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems.size() == 1 ? "Invalid harness spec: " + problems.get(0)
                    : "Invalid harness spec:\n  - " + String.join("\n  - ", problems));
        }
    }

    private static void checkTimeout(String name, Duration value, List<String> problems) {
        if (value == null || value.isZero() || value.isNegative()) {
            problems.add(name + " must be positive, not " + value + ": set it to, say, 30s");
        }
    }

    private static void checkComponent(ComponentSpec c, List<String> problems) {
        String name = c.name();
        if (name == null || name.isBlank()) {
            problems.add("a component has a blank name" + (c.className() == null ? "" : " (class " + c.className() + ")")
                    + ": give it a name");
            return;
        }
        if (!NAME.matcher(name).matches()) {
            problems.add("component name '" + name + "' may only hold letters, digits, '.', '_' and '-', "
                    + "and must start with a letter or digit: rename it");
        }
        if (c.className() == null || c.className().isBlank()) {
            problems.add("component '" + name + "' has no " + (c.kind() == ComponentSpec.Kind.MAIN ? "mainClass" : "className")
                    + ": name its " + (c.kind() == ComponentSpec.Kind.MAIN ? "main class" : "Component class"));
        }
        if (c.replicas() < 1) {
            problems.add("component '" + name + "' has replicas " + c.replicas() + ": use 1 or more");
        }
        Set<String> seen = new HashSet<>();
        for (String port : c.ports()) {
            if (port == null || port.isBlank()) {
                problems.add("component '" + name + "' has a blank port name: name every port");
            } else if (!seen.add(port)) {
                problems.add("component '" + name + "' declares port '" + port + "' twice: declare each port once");
            }
        }
        c.config().forEach((key, value) -> {
            if (key == null || key.isBlank()) {
                problems.add("component '" + name + "' has a blank config key: name every config value");
            } else if (value == null) {
                problems.add("component '" + name + "' has no value for config '" + key + "': give it one or remove it");
            }
        });
    }

    /** What only main classes take, and probes that name what is not there. */
    private static void checkAdoption(ComponentSpec c, List<String> problems) {
        String where = "component '" + c.name() + "'";
        if (c.kind() == ComponentSpec.Kind.COMPONENT) {
            if (!c.args().isEmpty()) {
                problems.add(where + " has args, but only a mainClass takes them: a Component reads ctx.config(key)");
            }
            if (c.stop().isPresent()) {
                problems.add(where + " has a stop command, but only a mainClass takes one: a Component returns from run() "
                        + "once ctx.stopping()");
            }
        }
        c.systemProperties().forEach((key, value) -> {
            if (key == null || key.isBlank() || value == null) {
                problems.add(where + " has a system property without " + (value == null ? "a value" : "a name") + ": "
                        + "give each a name and a value");
            }
        });
        for (ComponentSpec.ReadyWhen probe : c.readyWhen()) {
            String target = probe.target();
            if (target == null || target.isBlank()) {
                problems.add(where + " has an empty " + probe + ": give it a port name, a regular expression or a URL");
                continue;
            }
            switch (probe.probe()) {
                case PORT -> {
                    if (!c.ports().contains(target)) {
                        problems.add(where + " has readyWhen port '" + target + "', which it does not declare (declared: "
                                + (c.ports().isEmpty() ? "none" : String.join(", ", c.ports())) + "): declare it in its ports");
                    }
                }
                case LOG -> {
                    try {
                        Pattern.compile(target);
                    } catch (java.util.regex.PatternSyntaxException e) {
                        problems.add(where + " has readyWhen log '" + target + "', which is no regular expression: "
                                + e.getDescription());
                    }
                }
                case HTTP -> {
                    if (!target.startsWith("http://") && !target.startsWith("https://")) {
                        problems.add(where + " has readyWhen http '" + target + "': give a URL starting with http://, such as "
                                + "http://127.0.0.1:{port:http}/health");
                    }
                }
                default -> throw new IllegalStateException(probe.toString());
            }
        }
    }

    /** Finds one dependency cycle, written as {@code a -> b -> a}. */
    private static java.util.Optional<String> findCycle(List<ComponentSpec> components) {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        components.forEach(c -> edges.put(c.name(), c.dependsOn()));
        Set<String> done = new HashSet<>();
        for (String start : edges.keySet()) {
            List<String> path = new ArrayList<>();
            String cycle = visit(start, edges, path, new HashSet<>(), done);
            if (cycle != null) {
                return java.util.Optional.of("dependency cycle " + cycle + ": remove one of these dependsOn");
            }
        }
        return java.util.Optional.empty();
    }

    private static String visit(String node, Map<String, List<String>> edges, List<String> path,
            Set<String> onPath, Set<String> done) {
        if (onPath.contains(node)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return String.join(" -> ", cycle);
        }
        if (!done.add(node)) {
            return null;
        }
        path.add(node);
        onPath.add(node);
        for (String next : edges.getOrDefault(node, List.of())) {
            String cycle = visit(next, edges, path, onPath, done);
            if (cycle != null) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        onPath.remove(node);
        return null;
    }
}
