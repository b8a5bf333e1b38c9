package io.github.componentharness.internal.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where one component instance's output lines go: to the console, tagged with the instance
 * name, and, when a log directory is given, to {@code <instance>.log}. Outlives restarts.
 */
public final class ComponentOutput implements AutoCloseable {

    /** A line longer than this is written in pieces rather than held in memory. */
    private static final int MAX_LINE = 64 * 1024;

    private final String name;
    private final byte[] tag;
    private final OutputStream file;
    /** What each thread wrote since its last line break, per stream: written out at the next one, or at close. */
    private final Map<Thread, ByteArrayOutputStream> partialOut = new ConcurrentHashMap<>();
    private final Map<Thread, ByteArrayOutputStream> partialErr = new ConcurrentHashMap<>();
    /** Sees every line while a readiness probe waits for one; {@code null} otherwise. */
    private volatile java.util.function.Consumer<String> lineWatcher;

    public ComponentOutput(String name, Path logDir) throws IOException {
        this.name = name;
        this.tag = ("[" + name + "] ").getBytes(StandardCharsets.UTF_8);
        if (logDir == null) {
            this.file = null;
        } else {
            Files.createDirectories(logDir);
            this.file = Files.newOutputStream(logDir.resolve(name + ".log"), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    public String name() {
        return name;
    }

    /** Takes bytes a thread of this instance wrote; complete lines go out at once. */
    void write(boolean error, byte[] bytes, int offset, int length) {
        Map<Thread, ByteArrayOutputStream> partial = error ? partialErr : partialOut;
        Thread writer = Thread.currentThread();
        ByteArrayOutputStream line = partial.computeIfAbsent(writer, t -> new ByteArrayOutputStream());
        PrintStream console = OutputRouter.console(error);
        synchronized (line) {
            int start = offset;
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    line.write(bytes, start, i + 1 - start);
                    emit(console, line);
                    start = i + 1;
                }
            }
            line.write(bytes, start, offset + length - start);
            if (line.size() >= MAX_LINE) {
                line.write('\n');
                emit(console, line);
            }
            if (line.size() == 0) {
                // Only threads in the middle of a line keep a buffer: threads come and go.
                partial.remove(writer, line);
            }
        }
    }

    private void emit(PrintStream console, ByteArrayOutputStream line) {
        line(console, line.toByteArray(), line.size());
        line.reset();
    }

    /** Writes out what threads wrote without a final line break, as a line of its own. */
    private void flushPartialLines() {
        for (boolean error : new boolean[] {false, true}) {
            Map<Thread, ByteArrayOutputStream> partial = error ? partialErr : partialOut;
            for (ByteArrayOutputStream line : partial.values()) {
                synchronized (line) {
                    if (line.size() > 0) {
                        line.write('\n');
                        emit(OutputRouter.console(error), line);
                    }
                }
            }
            partial.clear();
        }
    }

    /** Shows every later line to {@code watcher}; {@code null} stops that. */
    void watch(java.util.function.Consumer<String> watcher) {
        lineWatcher = watcher;
    }

    /** Writes one line (ending in a line separator) to the console stream and to the log file. */
    synchronized void line(PrintStream console, byte[] bytes, int length) {
        java.util.function.Consumer<String> watcher = lineWatcher;
        if (watcher != null) {
            watcher.accept(new String(bytes, 0, length, StandardCharsets.UTF_8).stripTrailing());
        }
        console.write(tag, 0, tag.length);
        console.write(bytes, 0, length);
        console.flush();
        if (file != null) {
            try {
                file.write(bytes, 0, length);
                file.flush();
            } catch (IOException e) {
                // The console copy is written; a full disk must not fail the component.
            }
        }
    }

    /** Writes a whole message, which may span several lines, as the component's own lines. */
    public void message(boolean error, String text) {
        PrintStream console = OutputRouter.console(error);
        for (String line : text.split("\\R", -1)) {
            byte[] bytes = (line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
            line(console, bytes, bytes.length);
        }
    }

    @Override
    public void close() throws IOException {
        // Outside this object's lock: a writing thread holds its line's lock, then this one.
        flushPartialLines();
        synchronized (this) {
            if (file != null) {
                file.close();
            }
        }
    }
}
