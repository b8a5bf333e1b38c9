package io.github.componentharness.maven;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to fork one harness JVM, resolved from the mojo's parameters.
 *
 * @param harnessDir {@code target/harness/<execution-id>}: spec, status files, harness.log
 * @param debug the JDWP agent to run the JVM with, or {@code null}
 * @param debugComponent in process mode, the instance whose JVM gets the agent instead, or {@code null}
 */
record ForkConfig(Path javaExecutable, List<String> jvmArgs, List<Path> classpath,
        Map<String, String> systemProperties, Map<String, String> environment, Path workingDirectory, Path harnessDir,
        String controlHost, int controlPort, DebugAgent debug, String debugComponent, Duration startTimeout, Duration stopTimeout) {

    static final String MAIN_CLASS = "io.github.componentharness.internal.fork.HarnessMain";

    Path specFile() {
        return harnessDir.resolve("spec.json");
    }

    Path logFile() {
        return harnessDir.resolve("harness.log");
    }

    Path propertiesFile() {
        return harnessDir.resolve("harness.properties");
    }
}
