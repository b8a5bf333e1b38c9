package io.github.componentharness.maven;

import io.github.componentharness.HarnessException;
import io.github.componentharness.ComponentSpec;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.Isolation;
import io.github.componentharness.internal.local.ComponentClasses;
import io.github.componentharness.internal.spec.Durations;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the plugin's configuration into a validated {@link HarnessSpec}, with the runtime's own
 * checks, before anything is forked: a user learns about a typo in seconds, not after a JVM
 * start.
 */
final class SpecFactory {

    private SpecFactory() {
    }

    /**
     * Builds the spec.
     *
     * @throws HarnessException listing every problem, each with its fix
     */
    static HarnessSpec build(List<ComponentConfig> components, String mode, String startTimeout, String stopTimeout,
            boolean failOnLeak, Path logDir, Path workDir) {
        return build(components, mode, startTimeout, stopTimeout, failOnLeak, logDir, workDir, null);
    }

    /**
     * Builds the spec.
     *
     * @param isolation the plugin-wide {@code <isolation>}, or {@code null} for the forked harness's default
     * @throws HarnessException listing every problem, each with its fix
     */
    static HarnessSpec build(List<ComponentConfig> components, String mode, String startTimeout, String stopTimeout,
            boolean failOnLeak, Path logDir, Path workDir, String isolation) {
        return build(components, mode, startTimeout, stopTimeout, failOnLeak, logDir, workDir, isolation, false);
    }

    /**
     * Builds the spec.
     *
     * @param faults the plugin's {@code <faults>}: proxies on the links between instances
     * @throws HarnessException listing every problem, each with its fix
     */
    static HarnessSpec build(List<ComponentConfig> components, String mode, String startTimeout, String stopTimeout,
            boolean failOnLeak, Path logDir, Path workDir, String isolation, boolean faults) {
        if (components == null || components.isEmpty()) {
            throw new HarnessException("Invalid harness spec: no <components> configured: declare at least one <component> "
                    + "with a <name> and a <className> (or a <mainClass>)");
        }
        List<String> problems = new ArrayList<>();
        for (ComponentConfig c : components) {
            boolean component = c.getClassName() != null && !c.getClassName().isBlank();
            boolean main = c.getMainClass() != null && !c.getMainClass().isBlank();
            if (component == main) {
                problems.add("component '" + c.getName() + "' has " + (main ? "both a <className> and a <mainClass>"
                        : "neither a <className> nor a <mainClass>") + ": give a <className> for a Component class, or a "
                        + "<mainClass> for a class with a main");
            }
        }
        io.github.componentharness.internal.spec.SpecValidation.throwIfAny(problems);
        HarnessSpec.Builder b = HarnessSpec.builder()
                .mode(mode(mode))
                .startTimeout(duration("startTimeout", startTimeout))
                .stopTimeout(duration("stopTimeout", stopTimeout))
                .failOnLeak(failOnLeak)
                .faults(faults)
                .logDir(logDir)
                .workDir(workDir);
        if (isolation != null) {
            b.isolation(isolation("<isolation>", isolation));
        }
        for (ComponentConfig c : components) {
            java.util.function.Consumer<ComponentSpec.Builder> configurer = spec -> {
                spec.ports(c.getPorts().toArray(String[]::new));
                spec.dependsOn(c.getDependsOn().toArray(String[]::new));
                spec.replicas(c.getReplicas());
                c.getConfig().forEach(spec::config);
                if (c.getProcess() != null) {
                    spec.process(c.getProcess());
                }
                spec.args(c.getArgs().toArray(String[]::new));
                c.getSystemProperties().forEach(spec::systemProperty);
                if (c.getReadyWhen() != null) {
                    c.getReadyWhen().ports().forEach(spec::readyWhenPort);
                    c.getReadyWhen().logs().forEach(spec::readyWhenLog);
                    c.getReadyWhen().urls().forEach(spec::readyWhenHttp);
                }
                if (c.getStop() != null) {
                    spec.stopArgs(c.getStop().getArgs().toArray(String[]::new));
                    if (c.getStop().getMainClass() != null) {
                        spec.stopMainClass(c.getStop().getMainClass());
                    }
                }
                if (c.getIsolation() != null) {
                    spec.isolation(isolation("<isolation> of component '" + c.getName() + "'", c.getIsolation()));
                }
            };
            if (c.getMainClass() != null && !c.getMainClass().isBlank()) {
                b.mainClass(c.getName(), c.getMainClass(), configurer);
            } else {
                b.component(c.getName(), c.getClassName(), configurer);
            }
        }
        return b.build();
    }

    /**
     * Loads each component class from the classpath the harness will run with, to find a
     * missing class or a class that is no component before forking.
     */
    static void checkClasses(HarnessSpec spec, List<Path> classpath) {
        List<URL> urls = new ArrayList<>();
        for (Path p : classpath) {
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new HarnessException("bad classpath element " + p + ": " + e.getMessage());
            }
        }
        // Parent: the plugin's own loader, so Component is the class the checks compare with.
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), SpecFactory.class.getClassLoader())) {
            ComponentClasses.load(spec, loader);
        } catch (java.io.IOException e) {
            throw new HarnessException("cannot close the class loader that checked the components: " + e.getMessage());
        }
    }

    static Isolation isolation(String where, String text) {
        try {
            return Isolation.of(text);
        } catch (HarnessException e) {
            throw new HarnessException("Invalid " + where + " '" + text + "': use instance (a class loader per instance, "
                    + "statics not shared, as in process mode) or shared (one set of classes for all)");
        }
    }

    static HarnessSpec.Mode mode(String text) {
        try {
            return HarnessSpec.Mode.of(text);
        } catch (HarnessException e) {
            throw new HarnessException("Invalid <mode> '" + text + "': use threads (every component a thread of one JVM) "
                    + "or processes (a JVM per component, or per <process>)");
        }
    }

    static Duration duration(String parameter, String text) {
        try {
            return Durations.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new HarnessException("Invalid <" + parameter + "> '" + text + "': use a duration such as 30s, 500ms, 2m or PT30S");
        }
    }
}
