package io.github.componentharness.internal.control;

import io.github.componentharness.HarnessException;
import io.github.componentharness.internal.fork.StatusFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds the harness an integration test should talk to: the system properties
 * {@code harness.endpoint} and {@code harness.token} first, else the
 * {@code target/harness/<execution-id>/harness.properties} that {@code harness:start} wrote
 * under the working directory.
 */
public final class HarnessLocator {

    public static final String ENDPOINT = "harness.endpoint";
    public static final String TOKEN = "harness.token";
    public static final String PROPERTIES_FILE = "harness.properties";

    /** Where a harness was found. */
    public record Location(String endpoint, String token) {
    }

    private final Path harnessDir;

    public HarnessLocator(Path workingDirectory) {
        this.harnessDir = workingDirectory.resolve("target").resolve("harness");
    }

    public static HarnessLocator inWorkingDirectory() {
        return new HarnessLocator(Path.of(System.getProperty("user.dir")));
    }

    /** The one harness of this module, from system properties or its properties file. */
    public Location locate() {
        String endpoint = System.getProperty(ENDPOINT);
        String token = System.getProperty(TOKEN);
        if (endpoint != null && !endpoint.isBlank() && token != null && !token.isBlank()) {
            return new Location(endpoint, token);
        }
        List<String> executions = executions();
        if (executions.isEmpty()) {
            List<String> ended = endedRuns();
            throw new HarnessException("no harness to connect to: neither the system properties " + ENDPOINT + " and " + TOKEN
                    + " are set, nor is there a " + harnessDir.resolve("<execution-id>").resolve(PROPERTIES_FILE)
                    + (ended.isEmpty() ? "" : " of a harness that still runs (ended: " + String.join("; ", ended) + ")")
                    + ". Run the tests with harness:start before them (mvn verify), or use Harness.connect(endpoint, token)");
        }
        if (executions.size() > 1) {
            throw new HarnessException("several harnesses run in this module (executions: " + String.join(", ", executions)
                    + "): pick one with Harness.connect(\"<execution-id>\")");
        }
        return locate(executions.get(0));
    }

    /** The harness that the {@code harness:start} execution with this id started. */
    public Location locate(String executionId) {
        Path file = harnessDir.resolve(executionId).resolve(PROPERTIES_FILE);
        String ended = Files.isRegularFile(file) ? ended(file.getParent()) : null;
        if (ended != null) {
            throw new HarnessException("the harness of execution '" + executionId + "' is no longer running: " + ended
                    + ". Run the tests under mvn verify, which starts a fresh one");
        }
        if (!Files.isRegularFile(file)) {
            List<String> executions = executions();
            throw new HarnessException("no harness of execution '" + executionId + "': " + file + " does not exist (executions with a "
                    + "harness: " + (executions.isEmpty() ? "none" : String.join(", ", executions)) + ")");
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new HarnessException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String endpoint = p.getProperty(ENDPOINT);
        String token = p.getProperty(TOKEN);
        if (endpoint == null || token == null) {
            throw new HarnessException(file + " lacks " + ENDPOINT + " or " + TOKEN + ": run harness:start again");
        }
        return new Location(endpoint, token);
    }

    /** Executions whose harness still runs: a properties file, and no sign that its run ended. */
    private List<String> executions() {
        return withProperties().stream().filter(d -> ended(d) == null).map(d -> d.getFileName().toString()).sorted().toList();
    }

    /** {@code default: stopped} and the like, for each execution whose run has ended (each status read once). */
    private List<String> endedRuns() {
        return withProperties().stream().sorted(java.util.Comparator.comparing(d -> d.getFileName().toString()))
                .map(d -> {
                    String why = ended(d);
                    return why == null ? null : d.getFileName() + ": " + why;
                })
                .filter(java.util.Objects::nonNull).toList();
    }

    private List<Path> withProperties() {
        if (!Files.isDirectory(harnessDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(harnessDir)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(PROPERTIES_FILE))).toList();
        } catch (IOException e) {
            throw new HarnessException("cannot list " + harnessDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Why the run behind a harness directory has ended (it wrote its stopped record, or its JVM
     * is gone), or {@code null} while it may still run. A run left by an earlier build, a
     * {@code harness:run} included, so never makes a test wait for a harness that is gone.
     */
    static String ended(Path dir) {
        if (Files.isRegularFile(dir.resolve(StatusFiles.STOPPED))) {
            return "it stopped (" + dir.resolve(StatusFiles.STOPPED) + ")";
        }
        if (Files.isRegularFile(dir.resolve(StatusFiles.READY))) {
            try {
                long pid = StatusFiles.readReady(dir).pid();
                java.util.Optional<ProcessHandle> process = ProcessHandle.of(pid);
                if (process.map(p -> !p.isAlive()).orElse(true)) {
                    return "its JVM (pid " + pid + ") is gone";
                }
                // A process that started after the harness said it was ready has that pid anew.
                java.time.Instant readyAt = Files.getLastModifiedTime(dir.resolve(StatusFiles.READY)).toInstant();
                if (process.get().info().startInstant().map(started -> started.isAfter(readyAt)).orElse(false)) {
                    return "its JVM (pid " + pid + ") is gone; the pid is another process's now";
                }
            } catch (IOException | RuntimeException unreadable) {
                return null;
            }
        }
        return null;
    }
}
