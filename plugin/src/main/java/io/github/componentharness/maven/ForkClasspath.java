package io.github.componentharness.maven;

import org.apache.maven.artifact.Artifact;

/** Which artifacts the forked harness needs beside the project's own classpath. */
final class ForkClasspath {

    static final String GROUP_ID = "io.github.componentharness";
    static final String RUNTIME = "harness-runtime";

    private ForkClasspath() {
    }

    static boolean isRuntime(Artifact a) {
        return GROUP_ID.equals(a.getGroupId()) && RUNTIME.equals(a.getArtifactId());
    }
}
