package io.github.componentharness.internal.fork;

import io.github.componentharness.internal.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
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

    private StatusFiles() {
    }

    /** Removes the status files of an earlier run from {@code dir}, creating it if need be. */
    public static void clear(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String name : List.of(READY, FAILED, STOPPED, EXIT)) {
            Files.deleteIfExists(dir.resolve(name));
        }
    }

    public static void write(Path dir, String name, Map<String, Object> content) throws IOException {
        writeText(dir, name, Json.writePretty(content));
    }

    public static void writeText(Path dir, String name, String content) throws IOException {
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, name, ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The parsed file, or {@code null} while it does not exist. */
    public static Map<String, Object> read(Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        return Json.readObject(Files.readString(file));
    }
}
