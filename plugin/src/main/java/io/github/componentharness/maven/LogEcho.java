package io.github.componentharness.maven;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Echoes component output from {@code harness.log} to Maven's console while the harness runs
 * ({@code -Dharness.showLogs}): every component's lines, or the named components' only, each
 * with its {@code [component]} prefix. Reads what the harness JVM appended every 200 ms, on a
 * daemon thread, from the start until {@link #close()} echoes the rest.
 */
final class LogEcho implements AutoCloseable {

    private static final long POLL_MILLIS = 200;

    private final Path log;
    private final Set<String> components;
    private final Consumer<String> console;
    private final Thread thread;
    private long position;
    /** The bytes of the line being read: decoded once whole, so no character is split. */
    private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();

    /**
     * @param components the instances to echo; empty for all
     */
    private LogEcho(Path log, Set<String> components, Consumer<String> console) {
        this.log = log;
        this.components = components;
        this.console = console;
        this.thread = new Thread(this::follow, "harness-show-logs");
        this.thread.setDaemon(true);
    }

    /**
     * Starts echoing as {@code showLogs} asks: {@code null} or {@code false} for nothing,
     * {@code true} or empty for every component, else a comma-separated list of instances.
     */
    static LogEcho start(String showLogs, Path log, Consumer<String> console) {
        if (showLogs == null || showLogs.trim().equalsIgnoreCase("false")) {
            return null;
        }
        String value = showLogs.trim();
        Set<String> names = value.isEmpty() || value.equalsIgnoreCase("true") ? Set.of()
                : new java.util.LinkedHashSet<>(java.util.List.of(value.split("\\s*,\\s*")));
        LogEcho echo = new LogEcho(log, names, console);
        echo.thread.start();
        return echo;
    }

    private void follow() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                drain();
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException stop) {
            // close() drains what is left.
        }
    }

    private synchronized void drain() {
        if (!Files.isRegularFile(log)) {
            return;
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            if (length <= position) {
                return;
            }
            file.seek(position);
            byte[] bytes = new byte[(int) Math.min(length - position, 1 << 20)];
            file.readFully(bytes);
            position += bytes.length;
            for (byte b : bytes) {
                if (b == '\n') {
                    String line = partial.toString(StandardCharsets.UTF_8).stripTrailing();
                    partial.reset();
                    if (shown(line)) {
                        console.accept(line);
                    }
                } else {
                    partial.write(b);
                }
            }
        } catch (IOException e) {
            // The next poll tries again; the log stays complete on disk.
        }
    }

    /** A component's line starts with {@code [instance] }; the harness's own lines are not echoed. */
    private boolean shown(String line) {
        if (!line.startsWith("[")) {
            return false;
        }
        int close = line.indexOf("] ");
        if (close < 0) {
            return false;
        }
        String name = line.substring(1, close);
        if (name.matches("\\d+ ms")) {
            return false;
        }
        return components.isEmpty() || components.contains(name);
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
    }
}
