package io.github.componentharness.internal.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.componentharness.ControlPort;
import io.github.componentharness.Harness;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.LocalHarness;
import io.github.componentharness.fixtures.Awkward;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a peer sends, and what a component's getters do, never ends serving or holds up other clients. */
@Timeout(60)
class ControlPortHostileTest {

    private static LocalHarness harness;
    private static ControlPort port;

    @BeforeAll
    static void serve() {
        harness = Harness.start(HarnessSpec.builder().component("awkward", Awkward.class).build());
        port = ControlPort.serve(harness);
    }

    @AfterAll
    static void stop() {
        Awkward.RELEASE.countDown();
        port.close();
        harness.close();
    }

    private static String request(String op, String more) {
        return "{\"op\":\"" + op + "\",\"token\":\"" + port.token() + "\"" + more + "}";
    }

    private static void assertStillServing(RawClient client) {
        assertThat(client.call(request("ping", ""))).isEqualTo(Map.of("ok", true, "value", "pong"));
    }

    @Test
    void bodiesThatAreNotExactlyOneObjectAreRefusedAndServingGoesOn() {
        try (RawClient client = new RawClient(port.endpoint())) {
            for (String body : new String[] {"null", "[]", "3", "\"op\"", "", " ", "{", "{}}", "{\"op\":\"ping\"}{\"op\":\"shutdown\"}",
                    request("ping", "") + "{\"op\":\"shutdown\"}", request("ping", "") + " x",
                    "{\"op\":\"ping\",\"op\":\"shutdown\",\"token\":\"" + port.token() + "\"}",
                    request("await", ",\"component\":\"awkward\",\"key\":\"text\",\"condition\":\"gt\",\"value\":1e999999,\"timeoutMs\":1")}) {
                Map<String, Object> reply = client.call(body);
                assertThat(reply).as("reply to %s", body).containsEntry("ok", false).containsEntry("code", "bad-request");
                assertStillServing(client);
            }
            assertThat(harness.status("awkward").name()).isEqualTo("RUNNING");
        }
    }

    @Test
    void nothingOfAnUnauthorisedRequestIsEchoed() {
        try (RawClient client = new RawClient(port.endpoint())) {
            String bigId = "i".repeat(15_000);
            Map<String, Object> reply = client.call("{\"op\":\"get\",\"id\":\"" + bigId + "\",\"token\":\"wrong\"}");
            assertThat(reply).containsOnlyKeys("ok", "error", "code").containsEntry("code", "unauthorized");
            assertThat(client.call(request("ping", ",\"id\":\"" + bigId + "\""))).doesNotContainKey("id");
            assertThat(client.call(request("ping", ",\"id\":\"short\""))).containsEntry("id", "short");
        }
    }

    @Test
    void nullStateValuesAreKeptInReplies() {
        try (RawClient client = new RawClient(port.endpoint())) {
            Map<String, Object> field = client.call(request("get", ",\"component\":\"awkward\",\"key\":\"nothing\""));
            assertThat(field).containsEntry("ok", true).containsKey("value");
            assertThat(field.get("value")).isNull();
            Map<String, Object> published = client.call(request("get", ",\"component\":\"awkward\",\"key\":\"empty\""));
            assertThat(published).containsEntry("ok", true).containsKey("value");
        }
    }

    @Test
    void keysReachFieldsAndGettersButNoOtherMethod() {
        try (RawClient client = new RawClient(port.endpoint())) {
            assertThat(client.call(request("get", ",\"component\":\"awkward\",\"key\":\"awkward\"")))
                    .containsEntry("value", true);
            assertThat(client.call(request("get", ",\"component\":\"awkward\",\"key\":\"reset\"")))
                    .containsEntry("code", "absent");
            assertThat(client.call(request("get", ",\"component\":\"awkward\",\"key\":\"resets\"")))
                    .containsEntry("value", 0);
        }
    }

    @Test
    void aGetterThatBlocksGetsATimeoutErrorWhileOtherClientsAreAnswered() throws Exception {
        try (RawClient slow = new RawClient(port.endpoint()); RawClient other = new RawClient(port.endpoint())) {
            long begin = System.nanoTime();
            slow.send(request("get", ",\"component\":\"awkward\",\"key\":\"slow\""));
            for (int i = 0; i < 20; i++) {
                long sent = System.nanoTime();
                assertStillServing(other);
                assertThat(other.call(request("get", ",\"component\":\"awkward\",\"key\":\"text\""))).containsEntry("ok", true);
                assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("answers while a getter blocks")
                        .isLessThan(Duration.ofSeconds(1));
            }
            Map<String, Object> reply = slow.receive();
            assertThat(reply).containsEntry("code", "timeout");
            assertThat((String) reply.get("error")).contains("get 'awkward.slow'").contains("5000 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isBetween(Operations.READ_LIMIT, Duration.ofSeconds(9));
        }
    }

    @Test
    void aRegularExpressionThatWouldBacktrackForAgesRunsInLinearTime() {
        try (RawClient client = new RawClient(port.endpoint())) {
            long begin = System.nanoTime();
            String emptyAlternatives = "(?:|)".repeat(40);
            Map<String, Object> reply = client.call(request("await", ",\"component\":\"awkward\",\"key\":\"text\","
                    + "\"condition\":\"matches\",\"value\":\"((a+)+)+b|" + emptyAlternatives + "\\\\z\",\"timeoutMs\":300"));
            assertThat(reply).containsEntry("code", "timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(3));
            assertStillServing(client);
            Map<String, Object> backreference = client.call(request("await", ",\"component\":\"awkward\",\"key\":\"text\","
                    + "\"condition\":\"matches\",\"value\":\"(a+)\\\\1\",\"timeoutMs\":300"));
            assertThat(backreference).containsEntry("code", "bad-request");
            assertThat((String) backreference.get("error")).contains("RE2 syntax");
        }
    }
}
