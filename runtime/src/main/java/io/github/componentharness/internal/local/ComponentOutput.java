package io.github.componentharness.internal.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where one component instance's output lines go: to the console, tagged with the instance
 * name, and, when a log directory is given, to {@code <instance>.log}. Outlives restarts.
 */
public final class ComponentOutput implements AutoCloseable {

    private final String name;
    private final byte[] tag;
    private final OutputStream file;

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

    /** Writes one line (ending in a line separator) to the console stream and to the log file. */
    synchronized void line(PrintStream console, byte[] bytes, int length) {
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
    public synchronized void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
