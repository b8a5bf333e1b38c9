package io.github.componentharness.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForkedHarnessTest {

    @TempDir
    Path dir;

    private ForkConfig config(String debug) {
        return new ForkConfig(Path.of("/opt/jdk/bin/java"), List.of("-Xmx64m", "-javaagent:/agents/jacoco.jar=destfile=x"),
                List.of(dir), Map.of("mode", "fast"), Map.of(), dir, dir.resolve("harness/it"), "127.0.0.1", 0, DebugAgent.of(debug), null,
                Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    @Test
    void theCommandLineRunsHarnessMainThroughAManifestJar() {
        Path jar = dir.resolve("classpath.jar");
        assertThat(ForkedHarness.command(config("false"), jar)).containsExactly("/opt/jdk/bin/java", "-XX:+ExitOnOutOfMemoryError",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-Xmx64m",
                "-javaagent:/agents/jacoco.jar=destfile=x", "-Dmode=fast", "-cp", jar.toString(),
                "io.github.componentharness.internal.fork.HarnessMain", dir.resolve("harness/it/spec.json").toString());
        assertThat(ForkedHarness.command(config("true"), jar))
                .contains("-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=localhost:5005");
    }

    @Test
    void inProcessModeTheNamedComponentsJvmGetsTheAgentInstead() {
        ForkConfig config = new ForkConfig(Path.of("/opt/jdk/bin/java"), List.of(), List.of(dir), Map.of(), Map.of(), dir,
                dir.resolve("harness/it"), "127.0.0.1", 0, DebugAgent.of("8000"), "worker-2", Duration.ofSeconds(30),
                Duration.ofSeconds(10));
        assertThat(ForkedHarness.command(config, dir.resolve("classpath.jar"))).contains("-Dharness.debugComponent=worker-2",
                "-Dharness.debugAgent=-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=localhost:8000")
                .noneMatch(a -> a.startsWith("-agentlib"));
    }

    @Test
    void harnessDebugTakesWhatFailsafesDebugTakes() {
        assertThat(DebugAgent.of("false")).isNull();
        assertThat(DebugAgent.of("")).isNull();
        assertThat(DebugAgent.of("8000").argument()).isEqualTo("-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=localhost:8000");
        DebugAgent listening = DebugAgent.of("transport=dt_socket,server=y,suspend=n,address=*:8000");
        assertThat(listening.argument()).isEqualTo("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:8000");
        assertThat(listening.suspends()).isFalse();
        assertThat(DebugAgent.of("-agentlib:jdwp=transport=dt_socket,server=y,address=9000").suspends()).isTrue();
    }

    @Test
    void theManifestJarListsTheClasspathAsUris() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("my classes"));
        Path lib = Files.createFile(dir.resolve("lib.jar"));
        Path jar = ManifestJar.write(dir.resolve("cp/classpath.jar"), List.of(classes, lib), ForkConfig.MAIN_CLASS);
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes main = file.getManifest().getMainAttributes();
            assertThat(main.getValue(Attributes.Name.CLASS_PATH))
                    .isEqualTo(classes.toUri().toString() + " " + lib.toUri().toString())
                    .contains("my%20classes/");
            assertThat(main.getValue(Attributes.Name.MAIN_CLASS)).isEqualTo(ForkConfig.MAIN_CLASS);
            assertThat(file.stream().filter(e -> e.getName().endsWith(".class"))).isEmpty();
        }
    }

    @Test
    void propertiesAreExportedForItsAndReadableByTheOwnerOnly() throws IOException {
        Map<String, Map<String, Integer>> ports = new LinkedHashMap<>();
        ports.put("broker", Map.of("frontend", 40001));
        ports.put("worker-1", Map.of());
        Map<String, String> values = PropertiesExport.of("tcp://127.0.0.1:40000", "abc", ports);
        assertThat(values).containsExactly(Map.entry("harness.endpoint", "tcp://127.0.0.1:40000"),
                Map.entry("harness.port.broker.frontend", "40001"), Map.entry("harness.token", "abc"));
        Path file = dir.resolve("harness.properties");
        PropertiesExport.write(file, values);
        Properties read = new Properties();
        try (var in = Files.newInputStream(file)) {
            read.load(in);
        }
        assertThat(read).containsEntry("harness.endpoint", "tcp://127.0.0.1:40000");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
