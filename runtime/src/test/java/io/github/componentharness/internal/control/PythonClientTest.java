package io.github.componentharness.internal.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.componentharness.ControlPort;
import io.github.componentharness.Harness;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.LocalHarness;
import io.github.componentharness.fixtures.Counter;
import io.github.componentharness.internal.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Another language speaks the protocol: Python queries status and state with nothing but its
 * standard library (query_harness_stdlib.py speaks ZMTP itself), so the test needs only a
 * python3. The same with pyzmq's REQ socket is {@link PyzmqClientTest}, which the build leaves
 * out and .ci/run runs after installing Debian's python3-zmq.
 */
class PythonClientTest {

    private static final Path STDLIB_SCRIPT = Path.of("src/test/python/query_harness_stdlib.py");
    static final Path PYZMQ_SCRIPT = Path.of("src/test/python/query_harness.py");

    @Test
    void pythonWithItsStandardLibraryQueriesStatusAndState() throws IOException, InterruptedException {
        queriesStatusAndState(STDLIB_SCRIPT, "");
    }

    static void queriesStatusAndState(Path script, String hint) throws IOException, InterruptedException {
        try (LocalHarness harness = Harness.start(HarnessSpec.builder().component("counter", Counter.class).build());
                ControlPort port = ControlPort.serve(harness)) {
            String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
            Process process = new ProcessBuilder(python, script.toString(), port.endpoint(), port.token())
                    .redirectErrorStream(true).start();
            try {
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("python finished").isTrue();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.exitValue()).as("python exit code; output:%n%s" + hint, output).isZero();
                List<Map<String, Object>> replies = output.lines().map(Json::readObject).toList();
                assertThat(replies.get(0)).isEqualTo(Map.of("ok", true, "value", Map.of("counter", "RUNNING")));
                assertThat(replies.get(1)).isEqualTo(Map.of("ok", true, "value", 3));
                assertThat(replies.get(2)).containsEntry("ok", true);
                assertThat(((Number) replies.get(2).get("value")).longValue()).isGreaterThanOrEqualTo(5);
                assertThat(replies.get(3)).containsEntry("ok", false).containsEntry("code", "unauthorized");
            } finally {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void theProtocolPageShowsTheTestedScripts() throws IOException {
        String page = Files.readString(Path.of("../src-site/markdown/control-port.md"));
        assertThat(page).contains(Files.readString(STDLIB_SCRIPT).strip());
        assertThat(page).contains(Files.readString(PYZMQ_SCRIPT).strip());
    }
}
