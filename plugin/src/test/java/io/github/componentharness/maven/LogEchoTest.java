package io.github.componentharness.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogEchoTest {

    @TempDir
    Path dir;

    @Test
    void echoesTheNamedComponentsLinesOnlyAndTheRestOnClose() throws Exception {
        Path log = dir.resolve("harness.log");
        Files.writeString(log, "[12 ms] Harness starting: 2 components\n[broker] listening\n[worker-1] idle\n");
        List<String> console = new CopyOnWriteArrayList<>();
        LogEcho echo = LogEcho.start("broker", log, console::add);
        Files.writeString(log, "[broker] forwarded 3\n[worker-1] done\n[broker] half a li", StandardOpenOption.APPEND);
        Files.writeString(log, "ne\n", StandardOpenOption.APPEND);
        echo.close();
        assertThat(console).containsExactly("[broker] listening", "[broker] forwarded 3", "[broker] half a line");
    }

    @Test
    void everyComponentOrNone() throws Exception {
        Path log = dir.resolve("harness.log");
        Files.writeString(log, "[3 ms] Harness ready\n[a] one\n[b] two\n");
        List<String> console = new CopyOnWriteArrayList<>();
        LogEcho.start("true", log, console::add).close();
        assertThat(console).containsExactly("[a] one", "[b] two");
        assertThat(LogEcho.start("false", log, console::add)).isNull();
        assertThat(LogEcho.start(null, log, console::add)).isNull();
    }
}
