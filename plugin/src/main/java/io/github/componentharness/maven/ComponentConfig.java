package io.github.componentharness.maven;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code <component>} of the plugin's {@code <components>}, as Maven maps it from the POM.
 *
 * <pre>{@code
 * <component>
 *   <name>worker</name>
 *   <className>com.example.Worker</className>
 *   <replicas>3</replicas>
 *   <ports><port>http</port></ports>
 *   <dependsOn><name>broker</name></dependsOn>
 *   <config><queueSize>100</queueSize></config>
 *   <process>workers</process>   <!-- mode processes: one JVM for all three -->
 * </component>
 * }</pre>
 */
public class ComponentConfig {

    /** The component's name; replicas run as {@code name-1} … {@code name-n}. */
    private String name;

    /** The fully qualified name of its {@code io.github.componentharness.Component} class. */
    private String className;

    /** Port names, each allocated a free loopback port per instance. */
    private List<String> ports = new ArrayList<>();

    /** Configuration values, read by the component through {@code ctx.config(key)}. */
    private Map<String, String> config = new LinkedHashMap<>();

    /** How many instances to run; 1 by default. */
    private int replicas = 1;

    /** Names of the components that must be ready before this one starts. */
    private List<String> dependsOn = new ArrayList<>();

    /**
     * In mode {@code processes}, the JVM its instances share with every component naming the same
     * process; without one each instance gets a JVM of its own.
     */
    private String process;

    public ComponentConfig() {
    }

    ComponentConfig(String name, String className) {
        this.name = name;
        this.className = className;
    }

    public String getName() {
        return name;
    }

    public String getClassName() {
        return className;
    }

    public List<String> getPorts() {
        return ports == null ? List.of() : ports;
    }

    public Map<String, String> getConfig() {
        return config == null ? Map.of() : config;
    }

    public int getReplicas() {
        return replicas;
    }

    public List<String> getDependsOn() {
        return dependsOn == null ? List.of() : dependsOn;
    }

    public String getProcess() {
        return process;
    }

    ComponentConfig ports(String... names) {
        ports.addAll(List.of(names));
        return this;
    }

    ComponentConfig process(String name) {
        this.process = name;
        return this;
    }

    ComponentConfig dependsOn(String... names) {
        dependsOn.addAll(List.of(names));
        return this;
    }

    ComponentConfig replicas(int count) {
        replicas = count;
        return this;
    }

    ComponentConfig config(String key, String value) {
        config.put(key, value);
        return this;
    }
}
