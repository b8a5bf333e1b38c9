package io.github.componentharness.maven;

import java.util.Optional;
import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Skips the harness exactly when failsafe skips the ITs it serves: {@code harness.skip},
 * {@code maven.test.skip} and {@code skipITs} always; {@code skipTests} only where the build's
 * failsafe still honours it, that is before 3.6.0 (SUREFIRE-823 made {@code -DskipTests} skip
 * surefire only), or where its configuration sets {@code <skipTests>} itself.
 */
final class SkipRules {

    private static final ComparableVersion DECOUPLED = new ComparableVersion("3.6.0");

    /**
     * What the build says about failsafe: its version (null without failsafe), its own
     * {@code <skipTests>} (null when its configuration does not set it), and whether its
     * configuration sets {@code <skipITs>} or {@code <skip>}.
     */
    record Failsafe(String version, Boolean configuredSkipTests, boolean configuredSkip) {
    }

    /** One decision: skip or not, and which rule said so, for the build log. */
    record Decision(boolean skip, String reason) {
    }

    private SkipRules() {
    }

    /** @return the decision, or empty when no switch is set at all */
    static Optional<Decision> decide(boolean harnessSkip, boolean mavenTestSkip, boolean skipITs, boolean skipTests, Failsafe failsafe) {
        if (harnessSkip) {
            return Optional.of(new Decision(true, "harness.skip"));
        }
        if (mavenTestSkip) {
            return Optional.of(new Decision(true, "maven.test.skip"));
        }
        if (skipITs) {
            return Optional.of(new Decision(true, "skipITs: failsafe runs no ITs"));
        }
        if (failsafe.configuredSkip()) {
            return Optional.of(new Decision(true, "failsafe's configuration sets <skipITs> or <skip>: it runs no ITs"));
        }
        if (Boolean.TRUE.equals(failsafe.configuredSkipTests())) {
            return Optional.of(new Decision(true, "failsafe's <skipTests> is set: it runs no ITs"));
        }
        if (!skipTests) {
            return Optional.empty();
        }
        if (Boolean.FALSE.equals(failsafe.configuredSkipTests())) {
            return Optional.of(new Decision(false, "skipTests, but failsafe's own <skipTests> is false, so it runs its ITs"));
        }
        if (failsafe.version() == null) {
            return Optional.of(new Decision(true, "skipTests, and the build has no maven-failsafe-plugin to run ITs"));
        }
        if (new ComparableVersion(failsafe.version()).compareTo(DECOUPLED) < 0) {
            return Optional.of(new Decision(true, "skipTests: maven-failsafe-plugin " + failsafe.version()
                    + " skips its ITs on it too"));
        }
        return Optional.of(new Decision(false, "skipTests skips unit tests only since maven-failsafe-plugin 3.6.0 (this build has "
                + failsafe.version() + "), which runs its ITs: the harness starts for them; -DskipITs skips both"));
    }
}
