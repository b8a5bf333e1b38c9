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

    /** Honoured as failsafe honours it: no ITs, so no harness. */
    @Parameter(property = "skipITs", defaultValue = "false")
    protected boolean skipITs;

    /** Honoured as failsafe honours it. */
    @Parameter(property = "skipTests", defaultValue = "false")
    protected boolean skipTests;

    /** Honoured as failsafe honours it. */
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
        if (skip || skipITs || skipTests || mavenTestSkip) {
            getLog().info("Skipping the harness (" + (skip ? "harness.skip" : skipITs ? "skipITs" : skipTests ? "skipTests"
                    : "maven.test.skip") + ")");
            return true;
        }
        return false;
    }

    protected Path harnessDir() {
        return Path.of(project.getBuild().getDirectory(), "harness", harnessId);
    }

    protected String registryKey() {
        return ForkRegistry.key(project.getBasedir().getAbsolutePath(), harnessId);
    }
}
