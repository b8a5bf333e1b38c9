package io.github.componentharness.maven;

import java.nio.file.Path;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What every goal of the plugin shares: the skip switches and where a harness keeps its files. */
abstract class AbstractHarnessMojo extends AbstractMojo {

    /**
     * Skips the goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "harness.skip", defaultValue = "false")
    protected boolean skip;

    /**
     * Skips the goal, as failsafe skips its ITs on it: no ITs, so no harness.
     *
     * @since 0.1.0
     */
    @Parameter(property = "skipITs", defaultValue = "false")
    protected boolean skipITs;

    /**
     * Skips the goal only where the build's failsafe skips its ITs on it: before
     * maven-failsafe-plugin 3.6.0, which made {@code -DskipTests} skip unit tests only.
     *
     * @since 0.1.0
     */
    @Parameter(property = "skipTests", defaultValue = "false")
    protected boolean skipTests;

    /**
     * Skips the goal, as it skips every test.
     *
     * @since 0.1.0
     */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    protected boolean mavenTestSkip;

    /**
     * Names the harness, and its directory {@code target/harness/<harnessId>}. Defaults to the
     * execution id, so {@code start} and {@code stop} in one {@code <execution>} find each other;
     * set it on both when they are in different executions.
     *
     * @since 0.1.0
     */
    @Parameter(property = "harness.id", defaultValue = "${mojoExecution.executionId}")
    protected String harnessId;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    protected MojoExecution mojoExecution;

    protected boolean skipped() {
        java.util.Optional<SkipRules.Decision> decision = SkipRules.decide(skip, mavenTestSkip, skipITs, skipTests, failsafe());
        decision.ifPresent(d -> getLog().info((d.skip() ? "Skipping the harness (" : "Not skipping the harness (") + d.reason() + ")"));
        return decision.map(SkipRules.Decision::skip).orElse(false);
    }

    /** The build's maven-failsafe-plugin, as SkipRules needs it: plugin and execution configuration alike. */
    private SkipRules.Failsafe failsafe() {
        for (org.apache.maven.model.Plugin p : project.getBuildPlugins()) {
            if ("maven-failsafe-plugin".equals(p.getArtifactId())) {
                java.util.List<Object> configurations = new java.util.ArrayList<>();
                configurations.add(p.getConfiguration());
                p.getExecutions().forEach(e -> configurations.add(e.getConfiguration()));
                Boolean skipTests = null;
                boolean skip = false;
                for (Object configuration : configurations) {
                    if (configuration instanceof org.codehaus.plexus.util.xml.Xpp3Dom) {
                        org.codehaus.plexus.util.xml.Xpp3Dom dom = (org.codehaus.plexus.util.xml.Xpp3Dom) configuration;
                        String value = value(dom, "skipTests");
                        if ("true".equals(value) || "false".equals(value)) {
                            skipTests = Boolean.valueOf(value);
                        }
                        skip |= "true".equals(value(dom, "skipITs")) || "true".equals(value(dom, "skip"));
                    }
                }
                return new SkipRules.Failsafe(p.getVersion(), skipTests, skip);
            }
        }
        return new SkipRules.Failsafe(null, null, false);
    }

    /** A configuration child's value, {@code null} when it is absent or an expression left unresolved. */
    private static String value(org.codehaus.plexus.util.xml.Xpp3Dom configuration, String name) {
        org.codehaus.plexus.util.xml.Xpp3Dom child = configuration.getChild(name);
        return child == null || child.getValue() == null ? null : child.getValue().trim().toLowerCase(java.util.Locale.ROOT);
    }

    protected Path harnessDir() {
        return Path.of(project.getBuild().getDirectory(), "harness", harnessId);
    }

    protected String registryKey() {
        return ForkRegistry.key(project.getBasedir().getAbsolutePath(), harnessId);
    }
}
