package io.github.componentharness.maven;

import io.github.componentharness.HarnessException;
import io.github.componentharness.HarnessSpec;
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
        if (components == null || components.isEmpty()) {
            throw new HarnessException("Invalid harness spec: no <components> configured: declare at least one <component> "
                    + "with a <name> and a <className>");
        }
        HarnessSpec.Builder b = HarnessSpec.builder()
                .mode(mode(mode))
                .startTimeout(duration("startTimeout", startTimeout))
                .stopTimeout(duration("stopTimeout", stopTimeout))
                .failOnLeak(failOnLeak)
                .logDir(logDir)
                .workDir(workDir);
        for (ComponentConfig c : components) {
            b.component(c.getName(), c.getClassName(), spec -> {
                spec.ports(c.getPorts().toArray(String[]::new));
                spec.dependsOn(c.getDependsOn().toArray(String[]::new));
                spec.replicas(c.getReplicas());
                c.getConfig().forEach(spec::config);
                if (c.getProcess() != null) {
                    spec.process(c.getProcess());
                }
            });
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
