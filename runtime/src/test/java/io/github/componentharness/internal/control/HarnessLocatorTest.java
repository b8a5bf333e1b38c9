package io.github.componentharness.internal.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarnessLocatorTest {

    @TempDir
    Path project;

    @AfterEach
    void clearProperties() {
        System.clearProperty(HarnessLocator.ENDPOINT);
        System.clearProperty(HarnessLocator.TOKEN);
    }

    private void writeHarness(String executionId, String endpoint, String token) throws IOException {
        Path dir = Files.createDirectories(project.resolve("target/harness").resolve(executionId));
        Files.writeString(dir.resolve("harness.properties"), "harness.endpoint=" + endpoint.replace(":", "\\:") + "\nharness.token=" + token + "\n");
    }

    @Test
    void noHarnessIsExplained() {
        assertThatThrownBy(() -> new HarnessLocator(project).locate())
                .hasMessageStartingWith("no harness to connect to: neither the system properties harness.endpoint and harness.token are set, "
                        + "nor is there a " + project.resolve("target/harness/<execution-id>/harness.properties"))
                .hasMessageEndingWith("Run the tests with harness:start before them (mvn verify), or use Harness.connect(endpoint, token)");
    }

    @Test
    void theOnePropertiesFileIsFound() throws IOException {
        writeHarness("default", "tcp://127.0.0.1:40001", "abc");
        assertThat(new HarnessLocator(project).locate()).isEqualTo(new HarnessLocator.Location("tcp://127.0.0.1:40001", "abc"));
    }

    @Test
    void severalNeedAnExecutionId() throws IOException {
        writeHarness("backend", "tcp://127.0.0.1:40001", "a");
        writeHarness("frontend", "tcp://127.0.0.1:40002", "b");
        HarnessLocator locator = new HarnessLocator(project);
        assertThatThrownBy(locator::locate)
                .hasMessage("several harnesses run in this module (executions: backend, frontend): pick one with Harness.connect(\"<execution-id>\")");
        assertThat(locator.locate("frontend").endpoint()).isEqualTo("tcp://127.0.0.1:40002");
        assertThatThrownBy(() -> locator.locate("middle"))
                .hasMessageContaining("no harness of execution 'middle'")
                .hasMessageEndingWith("(executions with a harness: backend, frontend)");
    }

    @Test
    void harnessesWhoseRunEndedAreLeftOutAndNamed() throws Exception {
        writeHarness("default", "tcp://127.0.0.1:40001", "a");
        writeHarness("default-cli", "tcp://127.0.0.1:40002", "b");
        writeHarness("live", "tcp://127.0.0.1:40003", "c");
        Path harness = project.resolve("target/harness");
        Files.writeString(harness.resolve("default/stopped.json"), "{\"why\": \"stop\", \"status\": 0, \"problems\": []}");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(harness.resolve("default-cli/ready.json"), "{\"pid\": " + gone.pid()
                + ", \"endpoint\": \"tcp://127.0.0.1:40002\", \"startMillis\": 1, \"ports\": {}, \"stopBudgetMillis\": 1000}");
        Files.writeString(harness.resolve("live/ready.json"), "{\"pid\": " + ProcessHandle.current().pid()
                + ", \"endpoint\": \"tcp://127.0.0.1:40003\", \"startMillis\": 1, \"ports\": {}, \"stopBudgetMillis\": 1000}");

        HarnessLocator locator = new HarnessLocator(project);
        assertThat(locator.locate().endpoint()).isEqualTo("tcp://127.0.0.1:40003");
        assertThatThrownBy(() -> locator.locate("default"))
                .hasMessageStartingWith("the harness of execution 'default' is no longer running: it stopped (");
        assertThatThrownBy(() -> locator.locate("default-cli"))
                .hasMessageContaining("is no longer running: its JVM (pid " + gone.pid() + ") is gone");

        Files.delete(harness.resolve("live/harness.properties"));
        assertThatThrownBy(locator::locate).hasMessageContaining("of a harness that still runs (ended: default: it stopped (")
                .hasMessageContaining("default-cli: its JVM (pid " + gone.pid() + ") is gone");
    }

    @Test
    void systemPropertiesComeFirst() throws IOException {
        writeHarness("default", "tcp://127.0.0.1:40001", "file-token");
        System.setProperty(HarnessLocator.ENDPOINT, "tcp://127.0.0.1:50000");
        System.setProperty(HarnessLocator.TOKEN, "property-token");
        assertThat(new HarnessLocator(project).locate()).isEqualTo(new HarnessLocator.Location("tcp://127.0.0.1:50000", "property-token"));
    }
}
