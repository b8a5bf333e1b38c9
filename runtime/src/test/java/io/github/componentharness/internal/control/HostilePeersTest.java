package io.github.componentharness.internal.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.componentharness.Harness;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.Status;
import io.github.componentharness.fixtures.Counter;
import io.github.componentharness.fixtures.Idle;
import io.github.componentharness.internal.fork.ForkSettings;
import io.github.componentharness.internal.fork.HarnessMain;
import io.github.componentharness.internal.fork.StatusFiles;
import io.github.componentharness.internal.process.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers without the token, over real TCP, against a harness JVM with a 96 MiB heap: hundreds of
 * connections that announce large frames and never send them, and a peer that floods requests
 * and never reads a reply; and messages of endless frames, which ZeroMQ alone would hold without
 * limit. The harness holds little for them and answers a valid request after.
 */
@Timeout(180)
class HostilePeersTest {

    private static final int HALF_SENT_PEERS = 300;

    @TempDir
    Path dir;

    private Process harness;
    private final List<ZmtpPeer> peers = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() throws Exception {
        for (ZmtpPeer peer : peers) {
            peer.close();
        }
        if (harness != null) {
            harness.destroyForcibly().waitFor();
        }
    }

    /** A harness JVM with a 96 MiB heap; returns its control endpoint. */
    private String launchSmallHarness(String token, String... jvmArgs) throws Exception {
        Path specFile = dir.resolve("spec.json");
        Files.writeString(specFile, new ForkSettings("127.0.0.1", 0, token, dir, 0, 0, false, null)
                .specJson(HarnessSpec.builder().component("counter", Counter.class).component("idle", Idle.class).build()));
        ChildJvm like = ChildJvm.likeThisOne();
        List<String> args = new ArrayList<>(List.of("-Xmx96m"));
        args.addAll(List.of(jvmArgs));
        harness = new ProcessBuilder(new ChildJvm(like.java(), like.classpath(), args).command(HarnessMain.class.getName(), specFile))
                .redirectErrorStream(true).redirectOutput(dir.resolve("harness.log").toFile()).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve(StatusFiles.READY)) || !harness.isAlive());
        return StatusFiles.readReady(dir).endpoint();
    }

    /**
     * ZeroMQ (jeromq and libzmq alike) queues the frames of an unfinished message without limit:
     * 40 peers sending 8 MiB each in 8 KiB frames flagged more-to-follow would take 320 MiB of a
     * 96 MiB heap. The harness counts what it holds, and past its limit closes every connection
     * and binds the port again: it stays up, and a client with the token is answered after.
     */
    @Test
    void messagesOfEndlessFramesCostTheirConnectionsNotTheHarness() throws Exception {
        String token = Tokens.newToken();
        String endpoint = launchSmallHarness(token, "-XX:+ExitOnOutOfMemoryError");
        int port = URI.create(endpoint).getPort();
        int cut = 0;
        for (int i = 0; i < 40 && harness.isAlive(); i++) {
            try {
                // Left open, as an attacker would: its unfinished message stays queued.
                ZmtpPeer peer = new ZmtpPeer(port);
                peers.add(peer);
                peer.endlessMessage(1000, 8 * 1024);
            } catch (IOException closedByTheHarness) {
                cut++;
            }
        }
        String log = Files.readString(dir.resolve("harness.log"));
        assertThat(harness.isAlive()).as("harness alive; its log:%n%s", log).isTrue();
        assertThat(cut).as("peers whose connection the harness closed").isPositive();
        try (Harness h = Harness.connect(endpoint, token)) {
            assertThat(h.status()).containsEntry("counter", Status.RUNNING);
        }
        log = Files.readString(dir.resolve("harness.log"));
        assertThat(log).contains("of frames for messages that do not end").doesNotContain("OutOfMemoryError");
    }

    @Test
    void aSmallHeapSurvivesHalfSentFramesConnectionFloodsAndUnreadReplies() throws Exception {
        String token = Tokens.newToken();
        String endpoint = launchSmallHarness(token, "-XX:+ExitOnOutOfMemoryError");
        int port = URI.create(endpoint).getPort();

        for (int i = 0; i < 100; i++) {
            try (ZmtpPeer peer = new ZmtpPeer(port)) {
                peer.announce(1L << 30, 10);
                assertThat(peer.closedByOtherSide()).as("a frame over the limit ends its connection").isTrue();
            }
        }
        int refused = 0;
        for (int i = 0; i < HALF_SENT_PEERS + 100; i++) {
            try {
                ZmtpPeer peer = new ZmtpPeer(port);
                peers.add(peer);
                // Just under the limit: ZeroMQ allocates the whole frame on reading its header.
                peer.announce(ControlServer.MAX_MESSAGE_BYTES - 100, 10);
            } catch (IOException refusedHandshake) {
                refused++;
            }
        }
        assertThat(refused).as("connections past the cap are refused in their handshake")
                .isGreaterThanOrEqualTo(HALF_SENT_PEERS + 100 - ConnectionLimit.MAX_CONNECTIONS - 1);

        for (ZmtpPeer peer : peers) {
            peer.close();
        }
        peers.clear();
        try (ZmtpPeer flooder = new ZmtpPeer(port)) {
            byte[] wrongToken = ("{\"op\":\"get\",\"token\":\"wrong\",\"id\":\"" + "i".repeat(15_000) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 3000; i++) {
                flooder.send(wrongToken);
            }
            assertThat(harness.isAlive()).isTrue();
            try (Harness h = Harness.connect(endpoint, token)) {
                assertThat(h.status()).containsEntry("counter", Status.RUNNING).containsEntry("idle", Status.RUNNING);
                assertThat(h.state("counter", "label")).isEqualTo("published-counter");
            }
        }
        assertThat(harness.isAlive()).as("harness alive; its log:%n%s", Files.readString(dir.resolve("harness.log"))).isTrue();
        assertThat(Files.readString(dir.resolve("harness.log"))).doesNotContain("OutOfMemoryError").doesNotContain("stopped serving");
    }

}
