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
 * <component>
 *   <name>db</name>
 *   <mainClass>org.h2.tools.Server</mainClass>   <!-- any main, instead of a className -->
 *   <args><arg>-tcp</arg><arg>-tcpPort</arg><arg>{port:tcp}</arg></args>
 *   <ports><port>tcp</port></ports>
 *   <readyWhen><port>tcp</port></readyWhen>
 *   <stop><args><arg>-tcpShutdown</arg><arg>tcp://127.0.0.1:{port:tcp}</arg></args></stop>
 * </component>
 * }</pre>
 */
public class ComponentConfig {

    /** The component's name; replicas run as {@code name-1} … {@code name-n}. */
    private String name;

    /** The fully qualified name of its {@code io.github.componentharness.Component} class; or give a mainClass. */
    private String className;

    /**
     * Instead of a className: a class with {@code public static void main(String[])}, run unchanged
     * as the component's body.
     */
    private String mainClass;

    /** The main's arguments; placeholders {@code {port:NAME}}, {@code {workDir}}, {@code {name}} ... allowed. */
    private List<String> args = new ArrayList<>();

    /** System properties that only this component's instances see; placeholders allowed. */
    private Map<String, String> systemProperties = new LinkedHashMap<>();

    /** Probes that must all hold before the component counts as ready: port, log, http. */
    private ReadyWhenConfig readyWhen;

    /** How a main-class component is asked to stop before its shutdown hooks run. */
    private StopConfig stop;

    /** {@code instance} (a class loader per instance: statics not shared) or {@code shared}; overrides the plugin's. */
    private String isolation;

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

    public String getMainClass() {
        return mainClass;
    }

    public List<String> getArgs() {
        return args == null ? List.of() : args;
    }

    public Map<String, String> getSystemProperties() {
        return systemProperties == null ? Map.of() : systemProperties;
    }

    public ReadyWhenConfig getReadyWhen() {
        return readyWhen;
    }

    public StopConfig getStop() {
        return stop;
    }

    public String getIsolation() {
        return isolation;
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

    ComponentConfig mainClass(String name) {
        this.mainClass = name;
        return this;
    }

    ComponentConfig args(String... values) {
        args.addAll(List.of(values));
        return this;
    }

    ComponentConfig systemProperty(String key, String value) {
        systemProperties.put(key, value);
        return this;
    }

    ComponentConfig readyWhen(ReadyWhenConfig probes) {
        this.readyWhen = probes;
        return this;
    }

    ComponentConfig isolation(String value) {
        this.isolation = value;
        return this;
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
