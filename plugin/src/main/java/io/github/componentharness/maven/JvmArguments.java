package io.github.componentharness.maven;

import java.util.ArrayList;
import java.util.List;
import org.codehaus.plexus.util.cli.CommandLineUtils;

/** The harness JVM's arguments from {@code <jvmArgs>} and {@code argLine}, split as a shell would. */
final class JvmArguments {

    private JvmArguments() {
    }

    /**
     * Splits each line into arguments, honouring quotes. A blank line, or one that is still an
     * unresolved {@code ${property}} (no JaCoCo agent configured, say), adds nothing.
     *
     * @throws IllegalArgumentException naming the line that cannot be split
     */
    static List<String> split(String... lines) {
        List<String> args = new ArrayList<>();
        for (String line : lines) {
            if (line == null || line.isBlank() || line.startsWith("${")) {
                continue;
            }
            try {
                args.addAll(List.of(CommandLineUtils.translateCommandline(line)));
            } catch (Exception e) { // plexus-utils declares a bare Exception
                throw new IllegalArgumentException("Cannot split the JVM arguments '" + line + "': " + e.getMessage(), e);
            }
        }
        return args;
    }
}
