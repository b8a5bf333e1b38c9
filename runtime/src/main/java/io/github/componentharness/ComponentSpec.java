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
 * One declared component: its class, ports, configuration, replica count and dependencies.
 * Immutable; made through {@link HarnessSpec.Builder#component}.
 */
public final class ComponentSpec {

    private final String name;
    private final String className;
    private final Class<?> componentClass;
    private final List<String> ports;
    private final Map<String, String> config;
    private final int replicas;
    private final List<String> dependsOn;
    private final String process;

    private ComponentSpec(Builder b) {
        this.name = b.name;
        this.className = b.className;
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

    /** The fully qualified name of the {@link Component} class. */
    public String className() {
        return className;
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
        return name.equals(other.name) && className.equals(other.className) && ports.equals(other.ports)
                && config.equals(other.config) && replicas == other.replicas && dependsOn.equals(other.dependsOn)
                && Objects.equals(process, other.process);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, className, ports, config, replicas, dependsOn, process);
    }

    @Override
    public String toString() {
        return "component '" + name + "' (" + className + ")";
    }

    static Builder builder(String name, String className, Class<?> componentClass) {
        return new Builder(name, className, componentClass);
    }

    /** Declares one component's ports, configuration, replicas and dependencies. */
    public static final class Builder {
        private final String name;
        private final String className;
        private final Class<?> componentClass;
        private final List<String> ports = new ArrayList<>();
        private final Map<String, String> config = new LinkedHashMap<>();
        private int replicas = 1;
        private final List<String> dependsOn = new ArrayList<>();
        private String process;

        private Builder(String name, String className, Class<?> componentClass) {
            this.name = name;
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

        ComponentSpec build() {
            return new ComponentSpec(this);
        }
    }
}
