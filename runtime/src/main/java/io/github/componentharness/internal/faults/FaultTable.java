package io.github.componentharness.internal.faults;

import io.github.componentharness.ComponentSpec;
import io.github.componentharness.Fault;
import io.github.componentharness.HarnessException;
import io.github.componentharness.HarnessSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The faults in force on every link of a spec, by link: names checked against the spec, changes
 * handed to listeners (the proxies, the log, the timeline). Links need no proxy yet to carry a
 * fault: a proxy made later starts with the link's state.
 */
public final class FaultTable {

    /** Told of every change, after it is in the table. */
    public interface Listener {
        /** {@code links} now have the states the table gives; {@code fault} is what changed them. */
        void applied(Fault fault, List<Link> links);
    }

    /** What a fault gets from a harness without proxies. */
    public static final String FAULTS_OFF = "network faults are off for this harness: set <faults>true</faults> in the "
            + "harness-maven-plugin's configuration (HarnessSpec.Builder.faults(true) for Harness.start), so that "
            + "components reach their peers through the harness's proxies";

    private final Map<String, List<String>> instancesOfComponent = new LinkedHashMap<>();
    private final Map<String, List<String>> portsOfInstance = new LinkedHashMap<>();
    private final Map<Link, LinkState> states = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public FaultTable(HarnessSpec spec) {
        for (ComponentSpec c : spec.components()) {
            instancesOfComponent.put(c.name(), c.instanceNames());
            c.instanceNames().forEach(i -> portsOfInstance.put(i, c.ports()));
        }
    }

    public void listen(Listener listener) {
        listeners.add(listener);
    }

    /** The state of one link, {@link LinkState#CLEAR} without faults. */
    public LinkState state(Link link) {
        return states.getOrDefault(link, LinkState.CLEAR);
    }

    /**
     * Sets or heals {@code fault} on every link it names.
     *
     * @return the links it changed
     * @throws HarnessException when it names an unknown instance, component or port, or no link;
     *     nothing changed then
     */
    public List<Link> apply(Fault fault) {
        List<Link> links;
        synchronized (this) {
            links = links(fault);
            for (Link link : links) {
                LinkState now = fault.kind() == Fault.Kind.HEAL ? LinkState.CLEAR : state(link).with(fault);
                if (now.clear()) {
                    states.remove(link);
                } else {
                    states.put(link, now);
                }
            }
        }
        for (Listener l : listeners) {
            l.applied(fault, links);
        }
        return links;
    }

    /** The faults in force, one per link, kind and direction, ordered by link. */
    public List<Fault> inForce() {
        List<Fault> all = new ArrayList<>();
        states.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(Link::toString)))
                .forEach(e -> all.addAll(e.getValue().asFaults(e.getKey())));
        return all;
    }

    /** The instances {@code from} names: itself, or every replica of a component. */
    public List<String> instances(String name, String role) {
        if (portsOfInstance.containsKey(name)) {
            return List.of(name);
        }
        List<String> replicas = instancesOfComponent.get(name);
        if (replicas != null) {
            return replicas;
        }
        throw new HarnessException("unknown instance or component '" + name + "' as '" + role + "' of a fault (known: "
                + String.join(", ", known()) + ")");
    }

    private List<Link> links(Fault fault) {
        if (fault.from() == null) {
            return states.keySet().stream().sorted(Comparator.comparing(Link::toString)).toList();
        }
        List<String> from = instances(fault.from(), "from");
        if (fault.to() == null) {
            return states.keySet().stream().filter(l -> from.contains(l.from())).sorted(Comparator.comparing(Link::toString))
                    .toList();
        }
        Map<String, List<String>> targets = targets(fault.to());
        List<Link> links = new ArrayList<>();
        for (String f : from) {
            targets.forEach((instance, ports) -> {
                if (!instance.equals(f)) {
                    ports.forEach(p -> links.add(new Link(f, instance, p)));
                }
            });
        }
        if (links.isEmpty()) {
            throw new HarnessException("the fault " + fault + " names no link: an instance reaches its own ports directly, "
                    + "and a fault needs a peer with a declared port");
        }
        return links;
    }

    /** The peer ports {@code to} names, by instance: all ports of an instance or component, or one. */
    private Map<String, List<String>> targets(String to) {
        Map<String, List<String>> targets = new LinkedHashMap<>();
        if (portsOfInstance.containsKey(to) || instancesOfComponent.containsKey(to)) {
            for (String instance : instances(to, "to")) {
                List<String> ports = portsOfInstance.get(instance);
                if (ports.isEmpty()) {
                    throw new HarnessException("'" + to + "' declares no ports, so nothing reaches it through a link: name a "
                            + "component with ports as 'to' of a fault");
                }
                targets.put(instance, ports);
            }
            return targets;
        }
        int dot = to.lastIndexOf('.');
        String name = dot < 0 ? to : to.substring(0, dot);
        if (dot < 0 || !(portsOfInstance.containsKey(name) || instancesOfComponent.containsKey(name))) {
            throw new HarnessException("unknown instance or component '" + name + "' as 'to' of a fault: name an instance, "
                    + "a component or instance.port (known: " + String.join(", ", known()) + ")");
        }
        String port = to.substring(dot + 1);
        for (String instance : instances(name, "to")) {
            List<String> declared = portsOfInstance.get(instance);
            if (!declared.contains(port)) {
                throw new HarnessException("'" + name + "' has no port '" + port + "' (declared: "
                        + (declared.isEmpty() ? "none" : String.join(", ", declared)) + ")");
            }
            targets.put(instance, List.of(port));
        }
        return targets;
    }

    private Set<String> known() {
        Set<String> known = new LinkedHashSet<>(instancesOfComponent.keySet());
        known.addAll(portsOfInstance.keySet());
        return known;
    }
}
