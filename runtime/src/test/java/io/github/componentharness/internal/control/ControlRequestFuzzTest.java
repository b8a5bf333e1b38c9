package io.github.componentharness.internal.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.fixtures.Counter;
import io.github.componentharness.fixtures.Idle;
import io.github.componentharness.internal.json.Json;
import io.github.componentharness.internal.fork.ThreadHost;
import io.github.componentharness.internal.local.ThreadHarness;
import io.github.componentharness.internal.state.JsonValues;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.zeromq.ZMsg;

/**
 * Coverage-guided fuzzing of the control port's whole request path, from the frames a peer
 * sends to the reply it gets. Every build replays the corpus in
 * {@code src/test/resources/.../ControlRequestFuzzTestInputs/requestPath} (each file one input,
 * findings of earlier campaigns among them); a campaign runs with {@code JAZZER_FUZZ=1}
 * (see the protocol page).
 *
 * <p>An input's first byte lays out the frames (bit 0: no empty delimiter; bits 1-2: extra
 * frames); the rest is the body, in which {@code $T} stands for the real token, so the fuzzer
 * reaches past the token check.
 */
class ControlRequestFuzzTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final List<String> CODES = Arrays.stream(ControlError.values()).map(ControlError::code).toList();
    /** Operations that answer within a bounded time here: reads, and faults (in thread mode, a table update). */
    private static final List<String> READS = List.of("ping", "status", "get", "snapshot", "port", "threads", "fault");

    private static ThreadHarness engine;
    private static Operations operations;

    @BeforeAll
    static void serve() {
        engine = new ThreadHarness(HarnessSpec.builder()
                .faults(true)
                .component("counter", Counter.class, c -> c.ports("http"))
                .component("idle", Idle.class, c -> c.replicas(2).ports("tcp"))
                .build(), ControlRequestFuzzTest.class.getClassLoader(), null, io.github.componentharness.Isolation.SHARED);
        engine.startAll();
        operations = new Operations(new ThreadHost(engine), TOKEN, () -> { });
    }

    @AfterAll
    static void stop() {
        operations.close();
        engine.close();
    }

    @FuzzTest(maxDuration = "30s")
    void requestPath(byte[] input) throws Exception {
        if (input.length == 0) {
            return;
        }
        int layout = input[0] & 0xFF;
        byte[] body = withToken(Arrays.copyOfRange(input, 1, input.length));
        ZMsg frames = new ZMsg();
        if ((layout & 1) == 0) {
            frames.add(new byte[0]);
        }
        frames.add(body);
        for (int i = 0; i < ((layout >> 1) & 3); i++) {
            frames.add(new byte[] {(byte) i});
        }

        CompletableFuture<Map<String, Object>> later = new CompletableFuture<>();
        Map<String, Object> reply = ControlServer.answer(operations, frames, r -> {
            if (!later.complete(r)) {
                throw new AssertionError("a second reply to one request: " + r);
            }
        });
        String text = new String(body, StandardCharsets.UTF_8);
        if (reply == null) {
            // Reads answer within their limit; awaits and lifecycle operations take as long as they take.
            if (READS.contains(op(text))) {
                reply = later.get(Operations.READ_LIMIT.toMillis() + 2000, TimeUnit.MILLISECONDS);
            }
        } else {
            assertThat(later).as("a request answered at once is not answered again").isNotDone();
        }
        if (reply != null) {
            assertWellFormed(reply, text.contains(TOKEN));
        }
        Map<String, Object> ping = operations.handle(("{\"op\":\"ping\",\"token\":\"" + TOKEN + "\"}").getBytes(StandardCharsets.UTF_8),
                r -> { });
        assertThat(ping).as("ping after %s", text).containsEntry("value", "pong");
    }

    private static void assertWellFormed(Map<String, Object> reply, boolean authorised) {
        assertThat(reply.get("ok")).isInstanceOf(Boolean.class);
        if (Boolean.FALSE.equals(reply.get("ok"))) {
            assertThat(reply.get("error")).isInstanceOf(String.class);
            assertThat(CODES).contains((String) reply.get("code"));
        } else {
            assertThat(reply).containsKey("value");
        }
        String json = Json.write(reply);
        assertThat(JsonValues.toJson(Json.readObject(json))).as("the reply is valid JSON that reads back the same")
                .isEqualTo(JsonValues.toJson(reply));
        if (!authorised) {
            assertThat(json.length()).as("a reply to a peer without the token is small: %s", json).isLessThan(400);
        }
    }

    private static String op(String body) {
        try {
            return String.valueOf(Json.readObject(body).get("op"));
        } catch (IllegalArgumentException notAnObject) {
            return "";
        }
    }

    private static byte[] withToken(byte[] body) {
        String marker = "$T";
        String text = new String(body, StandardCharsets.ISO_8859_1);
        if (!text.contains(marker)) {
            return body;
        }
        return text.replace(marker, TOKEN).getBytes(StandardCharsets.ISO_8859_1);
    }
}
