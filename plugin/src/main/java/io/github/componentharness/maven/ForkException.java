package io.github.componentharness.maven;

/**
 * A forked harness that could not start or stop as it should. {@link #systemUnderTest()} tells a
 * failing component (the build's test subject: {@code MojoFailureException}) from a harness that
 * could not run at all ({@code MojoExecutionException}).
 */
final class ForkException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean systemUnderTest;

    ForkException(String message, boolean systemUnderTest) {
        super(message);
        this.systemUnderTest = systemUnderTest;
    }

    ForkException(String message, Throwable cause) {
        super(message, cause);
        this.systemUnderTest = false;
    }

    boolean systemUnderTest() {
        return systemUnderTest;
    }
}
