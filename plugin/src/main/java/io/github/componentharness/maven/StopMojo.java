package io.github.componentharness.maven;

import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Stops the harness that {@code harness:start} forked: components stop in reverse dependency
 * order, and the goal returns only once the harness JVM has exited, so agents such as JaCoCo
 * have written their data. A harness that overruns its stop timeout is destroyed. Components
 * that overran or leaked threads are reported; a harness that died during the tests fails the
 * build, naming a component that called {@code System.exit}.
 *
 * @since 0.1.0
 */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class StopMojo extends AbstractHarnessMojo {

    /**
     * Fails the build when a component left a thread running.
     *
     * @since 0.1.0
     */
    @Parameter(property = "harness.failOnLeak", defaultValue = "false")
    protected boolean failOnLeak;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        ForkedHarness fork = ForkRegistry.remove(registryKey());
        if (fork == null) {
            getLog().info("No harness '" + harnessId + "' is running in this build: nothing to stop");
            return;
        }
        ForkedHarness.StopResult result;
        long begin = System.nanoTime();
        try {
            result = fork.stop();
        } catch (InterruptedException e) {
            fork.kill();
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("Interrupted while stopping the harness", e);
        }
        getLog().debug("Harness acknowledged the shutdown after " + result.replyMillis() + " ms, exited "
                + result.exitMillis() + " ms later");
        result.problems().forEach(p -> getLog().warn(p.report().stripTrailing()));
        java.nio.file.Path timeline = fork.config().harnessDir().resolve(io.github.componentharness.internal.fork.StatusFiles.TIMELINE);
        String logs = "Harness logs: " + fork.config().harnessDir()
                + (java.nio.file.Files.isRegularFile(timeline) ? "; timeline: " + timeline : "");
        if (result.diedBefore() || result.exitReport() != null || (result.exitCode() != 0 && !result.destroyed())) {
            throw new MojoFailureException("The harness JVM died during the integration tests with exit code " + result.exitCode()
                    + (result.exitReport() == null ? "" : ".\n" + result.exitReport().strip()) + "\n" + result.logTail() + "\n" + logs);
        }
        if (result.destroyed()) {
            getLog().warn("The harness JVM did not exit within stopTimeout; it was destroyed.\n" + result.logTail());
        }
        if (failOnLeak && !result.leaks().isEmpty()) {
            throw new MojoFailureException("failOnLeak: " + result.leaks().stream().map(p -> p.report().stripTrailing())
                    .collect(Collectors.joining("\n")) + "\n" + logs);
        }
        getLog().info("Harness stopped in " + (System.nanoTime() - begin) / 1_000_000 + " ms. " + logs);
    }
}
