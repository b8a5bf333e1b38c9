package io.github.componentharness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One declared component: its class (a {@link Component} or a class with a {@code main}),
 * ports, configuration, replica count, dependencies, and how its readiness and stop are found.
 * Immutable; made through {@link HarnessSpec.Builder#component} or
 * {@link HarnessSpec.Builder#mainClass}.
 */
public final class ComponentSpec {

    /** What the declared class is. */
    public enum Kind {
        /** A {@link Component}: made with its no-arg constructor, run by {@link Component#run}. */
        COMPONENT,
        /** Any class with {@code public static void main(String[])}: the main runs as the instance's body. */
        MAIN
    }

    /** One readiness probe: all of a component's probes must hold before it counts as RUNNING. */
    public record ReadyWhen(Probe probe, String target) {
        /** How a probe checks. */
        public enum Probe {
            /** A TCP connection to the instance's port of that name succeeds. */
            PORT,
            /** A line of the instance's output matches the regular expression. */
            LOG,
            /** A GET of the URL answers 2xx. */
            HTTP
        }

        public ReadyWhen {
            Objects.requireNonNull(probe, "probe");
        }

        @Override
        public String toString() {
            return "readyWhen " + probe.name().toLowerCase(java.util.Locale.ROOT) + " '" + target + "'";
        }
    }

    /**
     * How a main-class instance is asked to stop before its shutdown hooks run: a main called with
     * {@code args}, the component's own main class unless another is named.
     */
    public record Stop(String mainClass, List<String> args) {
        public Stop {
            args = List.copyOf(args);
        }

        /** The main class to call, {@code declared} unless this names another. */
        public String mainClassOr(String declared) {
            return mainClass == null ? declared : mainClass;
        }
    }

    private final String name;
    private final Kind kind;
    private final String className;
    private final Class<?> componentClass;
    private final List<String> args;
    private final Map<String, String> systemProperties;
    private final List<ReadyWhen> readyWhen;
    private final Stop stop;
    private final Isolation isolation;
    private final List<String> ports;
    private final Map<String, String> config;
    private final int replicas;
    private final List<String> dependsOn;
    private final String process;

    private ComponentSpec(Builder b) {
        this.name = b.name;
        this.kind = b.kind;
        this.className = b.className;
        this.args = List.copyOf(b.args);
        this.systemProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.systemProperties));
        this.readyWhen = List.copyOf(b.readyWhen);
        this.stop = b.stop;
        this.isolation = b.isolation;
        this.componentClass = b.componentClass;
        this.ports = List.copyOf(b.ports);
        this.config = Collections.unmodifiableMap(new LinkedHashMap<>(b.config));
        this.replicas = b.replicas;
        this.dependsOn = List.copyOf(b.dependsOn);
        this.process = b.process;
    }

    /** The declared name; replicas run as {@code name-1} … {@code name-n}. */
    public String name() {
        return name;
    }

    /** Whether the class is a {@link Component} or a class with a {@code main}. */
    public Kind kind() {
        return kind;
    }

    /** The fully qualified name of the {@link Component} class, or of the main class. */
    public String className() {
        return className;
    }

    /** Arguments of a main-class component's {@code main}; placeholders are resolved per instance. */
    public List<String> args() {
        return args;
    }

    /**
     * System properties that this component's instances, and the threads they start, see in place
     * of the JVM's; placeholders are resolved per instance.
     */
    public Map<String, String> systemProperties() {
        return systemProperties;
    }

    /** Readiness probes, all of which must hold; empty when the component's own signal is enough. */
    public List<ReadyWhen> readyWhen() {
        return readyWhen;
    }

    /** How a main-class instance is asked to stop, when declared. */
    public Optional<Stop> stop() {
        return Optional.ofNullable(stop);
    }

    /** This component's isolation, when declared; else the harness-wide one applies. */
    public Optional<Isolation> isolation() {
        return Optional.ofNullable(isolation);
    }

    /** The class itself when the spec was built from one in this JVM, else empty (as after JSON). */
    public Optional<Class<?>> componentClass() {
        return Optional.ofNullable(componentClass);
    }

    /** The declared port names, each allocated a loopback port per instance. */
    public List<String> ports() {
        return ports;
    }

    /** Configuration values as declared, in text form; see {@link ComponentContext#config}. */
    public Map<String, String> config() {
        return config;
    }

    public int replicas() {
        return replicas;
    }

    /** Declared names this component depends on: all their instances start before any of its own. */
    public List<String> dependsOn() {
        return dependsOn;
    }

    /**
     * In process mode, the JVM that hosts every instance of this component, shared with the other
     * components naming the same process; when empty, each instance gets a JVM of its own.
     * Thread mode ignores it.
     */
    public Optional<String> process() {
        return Optional.ofNullable(process);
    }

    /** The process-mode JVM that hosts {@code instance}: its {@link #process()}, else the instance itself. */
    public String processOf(String instance) {
        return process != null ? process : instance;
    }

    /** The instance names: {@code [name]} without replicas, else {@code name-1} … {@code name-n}. */
    public List<String> instanceNames() {
        if (replicas == 1) {
            return List.of(name);
        }
        List<String> names = new ArrayList<>(replicas);
        for (int i = 1; i <= replicas; i++) {
            names.add(name + "-" + i);
        }
        return names;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ComponentSpec)) {
            return false;
        }
        ComponentSpec other = (ComponentSpec) o;
        return name.equals(other.name) && kind == other.kind && Objects.equals(className, other.className)
                && ports.equals(other.ports) && config.equals(other.config) && replicas == other.replicas
                && dependsOn.equals(other.dependsOn) && Objects.equals(process, other.process) && args.equals(other.args)
                && systemProperties.equals(other.systemProperties) && readyWhen.equals(other.readyWhen)
                && Objects.equals(stop, other.stop) && isolation == other.isolation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, className, ports, config, replicas, dependsOn, process, args, systemProperties, readyWhen,
                stop, isolation);
    }

    @Override
    public String toString() {
        return "component '" + name + "' (" + (kind == Kind.MAIN ? "main class " : "") + className + ")";
    }

    static Builder builder(String name, Kind kind, String className, Class<?> componentClass) {
        return new Builder(name, kind, className, componentClass);
    }

    /** Declares one component's ports, configuration, replicas, dependencies, readiness and stop. */
    public static final class Builder {
        private final String name;
        private final Kind kind;
        private final String className;
        private final Class<?> componentClass;
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final List<ReadyWhen> readyWhen = new ArrayList<>();
        private Stop stop;
        private Isolation isolation;
        private final List<String> ports = new ArrayList<>();
        private final Map<String, String> config = new LinkedHashMap<>();
        private int replicas = 1;
        private final List<String> dependsOn = new ArrayList<>();
        private String process;

        private Builder(String name, Kind kind, String className, Class<?> componentClass) {
            this.name = name;
            this.kind = kind;
            this.className = className;
            this.componentClass = componentClass;
        }

        /** Declares port names; each instance gets its own free loopback port for each. */
        public Builder ports(String... portNames) {
            ports.addAll(Arrays.asList(portNames));
            return this;
        }

        /** Runs {@code count} instances, named {@code name-1} … {@code name-count}. */
        public Builder replicas(int count) {
            this.replicas = count;
            return this;
        }

        /** Starts after every instance of each named component is ready, and stops before them. */
        public Builder dependsOn(String... componentNames) {
            dependsOn.addAll(Arrays.asList(componentNames));
            return this;
        }

        /**
         * In process mode, runs this component's instances in the JVM called {@code processName},
         * together with every other component that names it.
         */
        public Builder process(String processName) {
            this.process = processName;
            return this;
        }

        /** Sets a configuration value; it is kept in text form, as a POM would give it. */
        public Builder config(String key, Object value) {
            config.put(key, value == null ? null : String.valueOf(value));
            return this;
        }

        /** Sets several configuration values. */
        public Builder config(Map<String, ?> values) {
            values.forEach(this::config);
            return this;
        }

        /** Adds arguments for a main-class component's {@code main}; placeholders such as {@code {port:http}} allowed. */
        public Builder args(String... arguments) {
            args.addAll(Arrays.asList(arguments));
            return this;
        }

        /** Sets a system property that only this component's instances see; placeholders allowed. */
        public Builder systemProperty(String key, Object value) {
            systemProperties.put(key, value == null ? null : String.valueOf(value));
            return this;
        }

        /** Ready only once a TCP connection to this instance's port {@code portName} succeeds. */
        public Builder readyWhenPort(String portName) {
            readyWhen.add(new ReadyWhen(ReadyWhen.Probe.PORT, portName));
            return this;
        }

        /** Ready only once a line of the instance's output matches {@code regex} (found anywhere in the line). */
        public Builder readyWhenLog(String regex) {
            readyWhen.add(new ReadyWhen(ReadyWhen.Probe.LOG, regex));
            return this;
        }

        /** Ready only once a GET of {@code url} answers 2xx; placeholders such as {@code {port:http}} allowed. */
        public Builder readyWhenHttp(String url) {
            readyWhen.add(new ReadyWhen(ReadyWhen.Probe.HTTP, url));
            return this;
        }

        /**
         * Stops a main-class instance by calling its main class's {@code main} with {@code arguments}
         * (as {@code -tcpShutdown} does for H2) before its shutdown hooks run.
         */
        public Builder stopArgs(String... arguments) {
            stop = new Stop(stop == null ? null : stop.mainClass(), Arrays.asList(arguments));
            return this;
        }

        /** Calls the {@code main} of {@code mainClassName} instead of the component's own to stop it. */
        public Builder stopMainClass(String mainClassName) {
            stop = new Stop(mainClassName, stop == null ? List.of() : stop.args());
            return this;
        }

        /** Overrides the harness-wide isolation for this component. */
        public Builder isolation(Isolation isolation) {
            this.isolation = isolation;
            return this;
        }

        ComponentSpec build() {
            return new ComponentSpec(this);
        }
    }
}
