package io.github.componentharness.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a log, for error messages that show what a harness or component last said. */
final class LogTail {

    static final int LINES = 30;

    private LogTail() {
    }

    static String of(Path log) {
        if (!Files.isRegularFile(log)) {
            return "(" + log + " does not exist)";
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - LINES), lines.size());
            return "Last lines of " + log + ":\n  " + (tail.isEmpty() ? "(empty)" : String.join("\n  ", tail));
        } catch (IOException | RuntimeException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }
}
