package io.github.componentharness.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Starts the harness as {@code harness:start} does and keeps it running until Ctrl-C, printing
 * the control endpoint and every port: for exploring a system by hand.
 *
 * @since 0.1.0
 */
@Mojo(name = "run", threadSafe = true, requiresDependencyResolution = ResolutionScope.TEST)
public class RunMojo extends StartMojo {

    /** Run by hand, not around ITs: only {@code harness.skip} skips it. */
    @Override
    protected boolean skipped() {
        if (skip) {
            getLog().info("Skipping the harness (harness.skip)");
        }
        return skip;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        ForkedHarness fork = startHarness();
        getLog().info("Harness running: " + components(fork.ports().size()) + "; press Ctrl-C to stop");
        getLog().info("  harness.endpoint = " + fork.endpoint());
        getLog().info("  harness.token    = see " + fork.config().propertiesFile());
        PropertiesExport.of(fork).forEach((k, v) -> {
            if (k.startsWith("harness.port.")) {
                getLog().info("  " + k + " = " + v);
            }
        });
        try {
            int code = fork.waitForExit();
            ForkRegistry.remove(registryKey());
            getLog().info("Harness ended with exit code " + code);
        } catch (InterruptedException e) {
            fork.kill();
            Thread.currentThread().interrupt();
        } finally {
            fork.closeEcho();
        }
    }
}
