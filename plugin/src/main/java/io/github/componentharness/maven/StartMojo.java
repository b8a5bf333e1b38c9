package io.github.componentharness.maven;

import io.github.componentharness.HarnessException;
import io.github.componentharness.HarnessSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.toolchain.Toolchain;
import org.apache.maven.toolchain.ToolchainManager;

/**
 * Forks one harness JVM with the project's test classpath, starts every declared component in
 * it on its own thread, in dependency order, and waits until all are ready. Exports
 * {@code harness.endpoint}, {@code harness.token} and {@code harness.port.<component>.<port>} as
 * project properties and in {@code target/harness/<id>/harness.properties}, where
 * {@code Harness.connect()} finds them.
 *
 * @since 0.1.0
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public class StartMojo extends AbstractHarnessMojo {

    /**
     * The components to run: each a {@code <component>} with {@code <name>} and either
     * {@code <className>} (a {@code Component}) or {@code <mainClass>} (any class with a
     * {@code main}, run unchanged, with {@code <args>}); optionally {@code <ports>},
     * {@code <config>}, {@code <replicas>}, {@code <dependsOn>}, {@code <process>},
     * {@code <systemProperties>} (seen by this component's instances only), {@code <readyWhen>}
     * ({@code <port>}, {@code <log>}, {@code <http>} probes that must all hold), {@code <stop>}
     * (a main's {@code <args>}, and another {@code <mainClass>}, that stop a main-class instance)
     * and {@code <isolation>}. Args, system properties, probes, stop args and config values take
     * the placeholders {@code {port:NAME}}, {@code {port:INSTANCE.NAME}}, {@code {workDir}},
     * {@code {name}} and {@code {replica}}.
     *
     * @since 0.1.0
     */
    @Parameter(required = true)
    protected List<ComponentConfig> components;

    /**
     * Time for every component to be ready, such as {@code 30s} or {@code PT30S}; the JVM gets 30 s
     * more to boot.
     *
     * @since 0.1.0
     */
    @Parameter(property = "harness.startTimeout", defaultValue = "30s")
    protected String startTimeout;

    /**
     * Time a component gets to stop once asked; one that overruns is reported with its stacks.
     *
     * @since 0.1.0
     */
    @Parameter(property = "harness.stopTimeout", defaultValue = "10s")
    protected String stopTimeout;

    /**
     * Fails the build at {@code harness:stop} when a component left a thread running.
     *
     * @since 0.1.0
     */
    @Parameter(property = "harness.failOnLeak", defaultValue = "false")
    protected boolean failOnLeak;

    /**
     * {@code threads}: every component on its own thread of one harness JVM, the fastest.
     * {@code processes}: every component instance, or each {@code <process>} group, in a JVM of
     * its own, started like the harness JVM, which then coordinates them and serves the one
     * control port; ITs do not change.
     *
     * @since 0.1.0
     */
    @Parameter(property = "harness.mode", defaultValue = "threads")
    protected String mode;

    /**
     * {@code instance}: each component instance, and each restart of one, loads the application's
     * classes through a class loader of its own, so replicas share no static fields, singletons
     * or system properties, as in process mode. {@code shared}: one set of classes for all
     * instances, cheaper. A component's own {@code <isolation>} overrides this.
     *
     * @since 0.1.0
     */
    @Parameter(property = "harness.isolation", defaultValue = "instance")
    protected String isolation;

    /**
     * Puts a proxy of the harness on every link between instances: each instance reaches each
     * peer port it asks for ({@code ctx.port(peer, name)}, {@code {port:peer.name}}) through a
     * port of its own, so an IT can partition, delay, blackhole or throttle one link
     * ({@code Harness.partition}, {@code delay}, {@code blackhole}, {@code bandwidth},
     * {@code heal}; the wire op {@code fault}) while the rest of the system runs. ITs still get
     * the real ports. No extra process, in both modes. Costs a relay hop per link; off by default.
     *
     * @since 0.1.0
     */
    @Parameter(property = "harness.faults", defaultValue = "false")
    protected boolean faults;

    /**
     * The {@code java} executable for the harness JVM; by default the JDK toolchain's, else the
     * one running Maven.
     *
     * @since 0.1.0
     */
    @Parameter(property = "harness.jvm")
    protected String jvm;

    /**
     * Arguments for the harness JVM, such as {@code -Xmx256m}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "harness.jvmArgs")
    protected String jvmArgs;

    /**
     * More JVM arguments, by default the {@code argLine} property, which JaCoCo's
     * {@code prepare-agent} sets: so the components' coverage is recorded.
     *
     * @since 0.1.0
     */
    @Parameter(property = "harness.argLine", defaultValue = "${argLine}")
    protected String argLine;

    /**
     * System properties for the harness JVM. Maven's user properties ({@code -Dkey=value}) are
     * passed too, over these, as failsafe passes them to its JVM.
     *
     * @since 0.1.0
     */
    @Parameter
    protected Map<String, String> systemPropertyVariables = new LinkedHashMap<>();

    /**
     * Environment variables for the harness JVM, added to Maven's own.
     *
     * @since 0.1.0
     */
    @Parameter
    protected Map<String, String> environmentVariables = new LinkedHashMap<>();

    /**
     * The harness JVM's working directory.
     *
     * @since 0.1.0
     */
    @Parameter(property = "harness.workingDirectory", defaultValue = "${project.basedir}")
    protected File workingDirectory;

    /**
     * Which of the project's classpaths the harness runs with: {@code test}, {@code runtime} or
     * {@code compile}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "harness.classpathScope", defaultValue = "test")
    protected String classpathScope;

    /**
     * More classpath elements (directories or jars) for the harness JVM.
     *
     * @since 0.1.0
     */
    @Parameter
    protected List<String> additionalClasspathElements = new ArrayList<>();

    /**
     * The control port's address. Anything but loopback lets other machines in (with the token).
     *
     * @since 0.1.0
     */
    @Parameter(property = "harness.controlHost", defaultValue = "127.0.0.1")
    protected String controlHost;

    /**
     * The control port's port; 0 for any free one.
     *
     * @since 0.1.0
     */
    @Parameter(property = "harness.controlPort", defaultValue = "0")
    protected int controlPort;

    /**
     * Where the components' logs go, {@code <component>.log} each, beside {@code harness.log}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "harness.logDir")
    protected File logDir;

    /**
     * Runs the harness JVM with a JDWP agent, as {@code maven.failsafe.debug} does for tests:
     * {@code true} (or {@code -Dharness.debug} alone) suspends it until a debugger attaches on
     * port 5005; a port number does the same on that port; JDWP options such as
     * {@code transport=dt_socket,server=y,suspend=n,address=*:8000}, or a whole
     * {@code -agentlib:jdwp=...} argument, are used as given. While it is suspended the start
     * waits without a timeout. In process mode the component JVMs start without the agent.
     *
     * @since 0.1.0
     */
    @Parameter(property = "harness.debug", defaultValue = "false")
    protected String debug;

    /**
     * In mode {@code processes}, the component instance whose JVM runs under the debugger (with
     * {@code harness.debug}'s agent, or the default one on port 5005), instead of the
     * coordinator: {@code -Dharness.debugComponent=worker-2}. The start waits for it without a
     * timeout while it is suspended.
     *
     * @since 0.1.0
     */
    @Parameter(property = "harness.debugComponent")
    protected String debugComponent;

    /**
     * Echoes component output to Maven's console while the harness runs, each line with its
     * {@code [component]} prefix: {@code true} (or {@code -Dharness.showLogs} alone) for every
     * component, or a comma-separated list of instances such as {@code broker,worker-2}. The
     * logs in {@code target/harness/<id>/} are complete either way.
     *
     * @since 0.1.0
     */
    @Parameter(property = "harness.showLogs")
    protected String showLogs;

    @Component
    protected ToolchainManager toolchainManager;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        long begin = System.nanoTime();
        ForkedHarness fork = startHarness();
        getLog().info("Harness ready: " + components(fork.ports().size()) + " in " + (System.nanoTime() - begin) / 1_000_000
                + " ms (" + mode + "), control port " + fork.endpoint());
    }

    /**
     * Maven's user properties ({@code -Dkey=value}), which the harness JVM sets over its
     * {@code systemPropertyVariables} as it starts, as failsafe's booter does for its JVM.
     */
    private Map<String, String> userProperties() {
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        session.getUserProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
        return properties;
    }

    /** Whether {@code debugComponent} names a component JVM of this harness. */
    private boolean debugsComponent(HarnessSpec spec) {
        return debugComponent != null && !debugComponent.isBlank() && spec.mode() == HarnessSpec.Mode.PROCESSES
                && spec.components().stream().anyMatch(c -> c.instanceNames().contains(debugComponent)
                        || debugComponent.equals(c.process().orElse(null)));
    }

    /** {@code harness.debug}'s agent; with {@code debugComponent} alone, the default one. */
    private DebugAgent debugAgent(HarnessSpec spec) {
        if (debugComponent == null || debugComponent.isBlank()) {
            return DebugAgent.of(debug);
        }
        // A -D reaches every module of a reactor: a module it does not fit says so and goes on.
        if (spec.mode() != HarnessSpec.Mode.PROCESSES) {
            getLog().warn("Ignoring debugComponent '" + debugComponent + "': it names a component JVM, which only mode "
                    + "processes has; -Dharness.debug debugs the one harness JVM of mode threads");
            return DebugAgent.of(debug);
        }
        if (spec.components().stream().noneMatch(c -> c.instanceNames().contains(debugComponent)
                || debugComponent.equals(c.process().orElse(null)))) {
            getLog().warn("Ignoring debugComponent '" + debugComponent + "': this harness has no such component instance or "
                    + "process");
            return DebugAgent.of(debug);
        }
        DebugAgent agent = DebugAgent.of(debug);
        return agent != null ? agent : DebugAgent.of("true");
    }

    static String components(int count) {
        return count + (count == 1 ? " component" : " components");
    }

    /** Starts the harness and exports its properties; shared with {@code harness:run}. */
    protected ForkedHarness startHarness() throws MojoExecutionException, MojoFailureException {
        Path dir = harnessDir();
        HarnessSpec spec;
        ForkConfig config;
        try {
            spec = SpecFactory.build(components, mode, startTimeout, stopTimeout, failOnLeak,
                    logDir == null ? dir : logDir.toPath(), dir.resolve("work"), isolation, faults);
            List<Path> classpath = classpath();
            SpecFactory.checkClasses(spec, classpath);
            config = new ForkConfig(javaExecutable(), jvmArguments(), classpath, systemPropertyVariables,
                    environmentVariables, workingDirectory.toPath(), dir, controlHost, controlPort, debugAgent(spec),
                    debugsComponent(spec) ? debugComponent : null, spec.startTimeout(), spec.stopTimeout());
        } catch (HarnessException e) {
            throw new MojoExecutionException("Invalid harness-maven-plugin configuration (execution " + harnessId + "): "
                    + e.getMessage(), e);
        }
        if (config.debug() != null) {
            getLog().info("Harness JVM runs with " + config.debug().argument()
                    + (config.debug().suspends() ? ": it waits for a debugger to attach" : ""));
        }
        getLog().debug("Harness classpath: " + config.classpath());
        long begin = System.nanoTime();
        ForkedHarness fork;
        try {
            fork = ForkedHarness.fork(config, spec, userProperties());
            // Before the wait: Maven ending (or killed) during a start takes the harness along.
            ForkRegistry.register(registryKey(), fork, session);
            try {
                fork.showLogs(showLogs, line -> getLog().info(line));
                fork.awaitReady(line -> getLog().info(line));
            } catch (ForkException | RuntimeException e) {
                ForkRegistry.remove(registryKey());
                fork.kill();
                throw e;
            }
        } catch (ForkException e) {
            if (e.systemUnderTest()) {
                throw new MojoFailureException("The harness did not start: " + e.getMessage(), e);
            }
            throw new MojoExecutionException("The harness did not start: " + e.getMessage(), e);
        }
        getLog().debug("Harness JVM pid " + fork.pid() + " ready after " + (System.nanoTime() - begin) / 1_000_000
                + " ms, its components after " + fork.startMillis() + " ms of that");
        Map<String, String> properties = PropertiesExport.of(fork);
        properties.forEach((k, v) -> {
            project.getProperties().setProperty(k, v);
            // A second execution sets harness.endpoint anew: each execution's stay under its id too.
            project.getProperties().setProperty("harness." + harnessId + "." + k.substring("harness.".length()), v);
        });
        try {
            PropertiesExport.write(config.propertiesFile(), properties);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write " + config.propertiesFile() + ": " + e.getMessage(), e);
        }
        return fork;
    }

    private List<Path> classpath() throws MojoExecutionException {
        List<String> elements;
        try {
            switch (classpathScope) {
                case "test":
                    elements = project.getTestClasspathElements();
                    break;
                case "runtime":
                    elements = project.getRuntimeClasspathElements();
                    break;
                case "compile":
                    elements = project.getCompileClasspathElements();
                    break;
                default:
                    throw new MojoExecutionException("Unknown <classpathScope> '" + classpathScope + "': use test, runtime or compile");
            }
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("Cannot resolve the " + classpathScope + " classpath: " + e.getMessage(), e);
        }
        List<Path> classpath = new ArrayList<>();
        elements.forEach(e -> classpath.add(Path.of(e)));
        additionalClasspathElements.forEach(e -> classpath.add(Path.of(e)));
        boolean hasRuntime = project.getArtifacts().stream().anyMatch(ForkClasspath::isRuntime);
        if (!hasRuntime) {
            Artifact runtime = mojoExecution.getMojoDescriptor().getPluginDescriptor().getArtifacts().stream()
                    .filter(ForkClasspath::isRuntime).findFirst()
                    .orElseThrow(() -> new MojoExecutionException("The plugin's own harness-runtime is missing: reinstall it"));
            classpath.add(runtime.getFile().toPath());
        }
        return classpath;
    }

    private Path javaExecutable() {
        if (jvm != null && !jvm.isBlank()) {
            return Path.of(jvm);
        }
        Toolchain jdk = toolchainManager == null ? null : toolchainManager.getToolchainFromBuildContext("jdk", session);
        if (jdk != null && jdk.findTool("java") != null) {
            return Path.of(jdk.findTool("java"));
        }
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private List<String> jvmArguments() throws MojoExecutionException {
        try {
            return JvmArguments.split(jvmArgs, argLine);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }
}
