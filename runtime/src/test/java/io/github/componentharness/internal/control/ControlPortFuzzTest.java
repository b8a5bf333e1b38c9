package io.github.componentharness.internal.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.componentharness.Condition;
import io.github.componentharness.ControlPort;
import io.github.componentharness.Harness;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.LocalHarness;
import io.github.componentharness.Status;
import io.github.componentharness.fixtures.Counter;
import io.github.componentharness.fixtures.Idle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** 100,000 malformed and hostile requests, then valid ones: the control port keeps serving, correctly. */
@Timeout(300)
class ControlPortFuzzTest {

    private static final int REQUESTS = 100_000;
    private static final int BATCH = ControlServer.QUEUE_PER_PEER;

    @Test
    void survivesHostileInput() {
        try (LocalHarness harness = Harness.start(HarnessSpec.builder()
                        .component("counter", Counter.class)
                        .component("idle", Idle.class)
                        .build());
                ControlPort port = ControlPort.serve(harness);
                RawClient client = new RawClient(port.endpoint())) {
            Random random = new Random(20261127L);
            String wrongToken = "f".repeat(32);
            long usedBefore = usedHeapAfterGc();

            int sent = 0;
            int errors = 0;
            while (sent < REQUESTS) {
                for (int i = 0; i < BATCH; i++) {
                    hostile(client, random, wrongToken, sent + i);
                }
                for (int i = 0; i < BATCH; i++) {
                    Map<String, Object> reply = client.receive();
                    if (Boolean.FALSE.equals(reply.get("ok"))) {
                        errors++;
                    }
                }
                sent += BATCH;
            }
            assertThat(errors).as("every hostile request got an error reply").isEqualTo(REQUESTS);

            sendOversized(port.endpoint());

            assertThat(harness.status().values()).as("no unauthorised request changed anything").containsOnly(Status.RUNNING);
            try (Harness remote = Harness.connect(port.endpoint(), port.token())) {
                assertThat(remote.status("idle")).isEqualTo(Status.RUNNING);
                assertThat(remote.state("counter", "label")).isEqualTo("published-counter");
                assertThat(remote.await("counter", "processed", Condition.ge(1), Duration.ofSeconds(10))).isInstanceOf(Long.class);
                remote.restart("idle");
                assertThat(remote.status("idle")).isEqualTo(Status.RUNNING);
            }
            long growth = usedHeapAfterGc() - usedBefore;
            assertThat(growth).as("heap growth after %d hostile requests", REQUESTS).isLessThan(64L * 1024 * 1024);
        }
    }

    private static void hostile(RawClient client, Random random, String wrongToken, int n) {
        switch (n % 10) {
            case 0:
                byte[] bytes = new byte[random.nextInt(512)];
                random.nextBytes(bytes);
                client.sendFrames(new byte[0], bytes);
                break;
            case 1:
                client.send(String.valueOf(new char[] {'{', (char) ('!' + random.nextInt(90)), '"', ':'}));
                break;
            case 2:
                client.send("{\"op\":" + random.nextInt() + ",\"token\":null,\"component\":[1,2],\"key\":{}}");
                break;
            case 3:
                client.send("{\"op\":\"get\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
                break;
            case 4:
                client.send("{\"op\":\"" + "x".repeat(15_000 + random.nextInt(1000)) + "\"}");
                break;
            case 5:
                byte[][] frames = new byte[2 + random.nextInt(20)][];
                for (int i = 0; i < frames.length; i++) {
                    frames[i] = new byte[random.nextInt(64)];
                    random.nextBytes(frames[i]);
                }
                frames[0] = new byte[0];
                if (frames.length == 2) {
                    frames[1] = "not json".getBytes(StandardCharsets.UTF_8);
                }
                client.sendFrames(frames);
                break;
            case 6:
                client.send("{\"op\":\"stop\",\"component\":\"idle\",\"token\":\"" + wrongToken + "\"}");
                break;
            case 7:
                client.send("{\"op\":\"shutdown\"}");
                break;
            case 8:
                byte[] noDelimiter = new byte[1 + random.nextInt(100)];
                random.nextBytes(noDelimiter);
                noDelimiter[0] = 'x';
                client.sendFrames(noDelimiter);
                break;
            default:
                client.send("{\"token\":\"" + wrongToken + "\",\"op\":\"await\",\"component\":\"counter\",\"key\":\"processed\","
                        + "\"condition\":\"ge\",\"value\":1e308,\"timeoutMs\":1}");
                break;
        }
    }

    /** Messages over the size limit are dropped with their connection, not held. */
    private static void sendOversized(String endpoint) {
        try (ZContext zmq = new ZContext(1)) {
            ZMQ.Socket dealer = zmq.createSocket(SocketType.DEALER);
            dealer.setLinger(0);
            dealer.connect(endpoint);
            byte[] huge = new byte[(int) ControlServer.MAX_MESSAGE_BYTES * 3];
            for (int i = 0; i < 5; i++) {
                dealer.sendMore(new byte[0]);
                dealer.send(huge);
            }
        }
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
