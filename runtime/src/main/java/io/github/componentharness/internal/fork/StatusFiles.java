package io.github.componentharness.internal.fork;

import io.github.componentharness.internal.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Map;

/**
 * The files through which a forked harness reports to the plugin. Each is written whole and
 * moved into place, so a reader never sees half of one.
 */
public final class StatusFiles {

    public static final String READY = "ready.json";
    public static final String FAILED = "failed.json";
    public static final String STOPPED = "stopped.json";
    public static final String EXIT = "exit.txt";
    /** Written every half second while a start runs: each instance's status, for progress lines. */
    public static final String PROGRESS = "progress.json";
    /** Each instance's status over the run, drawn when the harness stops (or its start fails). */
    public static final String TIMELINE = "timeline.svg";

    /**
     * How far a start has got: milliseconds since it began, each instance's status, and for how
     * many milliseconds each one still starting has been at it.
     */
    public record Progress(long millis, Map<String, String> statuses, Map<String, Long> startingFor) {
        /** {@code 2 of 5 components ready after 3.1 s; starting: db (2.9 s); waiting for their dependencies: api}. */
        public String describe() {
            java.util.List<String> ready = new java.util.ArrayList<>();
            java.util.List<String> starting = new java.util.ArrayList<>();
            java.util.List<String> waiting = new java.util.ArrayList<>();
            statuses.forEach((name, status) -> {
                if (status.equals("RUNNING")) {
                    ready.add(name);
                } else if (status.equals("NEW")) {
                    waiting.add(name);
                } else if (status.equals("STARTING")) {
                    Long since = startingFor.get(name);
                    starting.add(since == null ? name : name + String.format(java.util.Locale.ROOT, " (%.1f s)", since / 1000.0));
                } else {
                    starting.add(name + " " + status);
                }
            });
            return ready.size() + " of " + statuses.size() + " components ready after " + String.format(java.util.Locale.ROOT,
                    "%.1f s", millis / 1000.0) + (starting.isEmpty() ? "" : "; starting: " + String.join(", ", starting))
                    + (waiting.isEmpty() ? "" : "; waiting for their dependencies: " + String.join(", ", waiting));
        }
    }

    private StatusFiles() {
    }

    /**
     * How a starting harness JVM came out: ready (with its report), failed (with its report),
     * exited without either (with its exit code), or still starting at the deadline.
     */
    public record Start(Kind kind, Reports.Ready ready, Reports.Failed failed, int exitCode) {
        public enum Kind { READY, FAILED, EXITED, TIMED_OUT }
    }

    /**
     * Waits for the harness JVM {@code process}, which reports in {@code dir}, to be ready or to
     * fail, checking every {@code interval}.
     *
     * @param deadlineNanos when to give up, on {@link System#nanoTime()}'s clock; empty for never
     */
    public static Start awaitStart(Path dir, Process process, OptionalLong deadlineNanos, Duration interval)
            throws IOException, InterruptedException {
        while (true) {
            Reports.Ready ready = readReady(dir);
            if (ready != null) {
                return new Start(Start.Kind.READY, ready, null, 0);
            }
            Map<String, Object> failed = read(dir, FAILED);
            if (failed != null) {
                return new Start(Start.Kind.FAILED, null, Reports.Failed.fromJson(failed), 0);
            }
            if (!process.isAlive()) {
                return new Start(Start.Kind.EXITED, null, null, process.exitValue());
            }
            if (deadlineNanos.isPresent() && System.nanoTime() - deadlineNanos.getAsLong() > 0) {
                return new Start(Start.Kind.TIMED_OUT, null, null, 0);
            }
            Thread.sleep(interval.toMillis());
        }
    }

    /** The ready report in {@code dir}, or {@code null} while there is none. */
    public static Reports.Ready readReady(Path dir) throws IOException {
        Map<String, Object> ready = read(dir, READY);
        return ready == null ? null : Reports.Ready.fromJson(ready);
    }

    /** The stop report in {@code dir}, or {@code null} when there is none. */
    public static Reports.Stopped readStopped(Path dir) throws IOException {
        Map<String, Object> stopped = read(dir, STOPPED);
        return stopped == null ? null : Reports.Stopped.fromJson(stopped);
    }

    public static void write(Path dir, Reports.Ready ready) throws IOException {
        write(dir, READY, ready.toJson());
    }

    public static void write(Path dir, Reports.Failed failed) throws IOException {
        write(dir, FAILED, failed.toJson());
    }

    public static void write(Path dir, Reports.Stopped stopped) throws IOException {
        write(dir, STOPPED, stopped.toJson());
    }

    /** Removes the status files of an earlier run from {@code dir}, creating it if need be. */
    public static void clear(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String name : List.of(READY, FAILED, STOPPED, EXIT, PROGRESS, TIMELINE)) {
            Files.deleteIfExists(dir.resolve(name));
        }
    }

    public static void write(Path dir, Progress progress) throws IOException {
        Map<String, Object> content = new java.util.LinkedHashMap<>();
        content.put("millis", progress.millis());
        content.put("statuses", progress.statuses());
        content.put("startingFor", progress.startingFor());
        write(dir, PROGRESS, content);
    }

    /** The start's progress, or empty when none was written (yet) or it cannot be read. */
    public static java.util.Optional<Progress> readProgress(Path dir) {
        try {
            if (!Files.isRegularFile(dir.resolve(PROGRESS))) {
                return java.util.Optional.empty();
            }
            Map<String, Object> m = read(dir, PROGRESS);
            Map<String, String> statuses = new java.util.LinkedHashMap<>();
            if (m.get("statuses") instanceof Map) {
                ((Map<?, ?>) m.get("statuses")).forEach((k, v) -> statuses.put(String.valueOf(k), String.valueOf(v)));
            }
            Map<String, Long> startingFor = new java.util.LinkedHashMap<>();
            if (m.get("startingFor") instanceof Map) {
                ((Map<?, ?>) m.get("startingFor")).forEach((k, v) -> startingFor.put(String.valueOf(k), ((Number) v).longValue()));
            }
            return java.util.Optional.of(new Progress(((Number) m.getOrDefault("millis", 0)).longValue(), statuses, startingFor));
        } catch (IOException | RuntimeException unreadable) {
            return java.util.Optional.empty();
        }
    }

    private static void write(Path dir, String name, Map<String, Object> content) throws IOException {
        writeText(dir, name, Json.writePretty(content));
    }

    public static void writeText(Path dir, String name, String content) throws IOException {
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, name, ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The parsed file, or {@code null} while it does not exist. */
    private static Map<String, Object> read(Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        return Json.readObject(Files.readString(file));
    }
}
