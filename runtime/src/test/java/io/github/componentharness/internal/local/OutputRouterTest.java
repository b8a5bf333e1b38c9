package io.github.componentharness.internal.local;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.componentharness.Harness;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.fixtures.Idle;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OutputRouterTest {

    /**
     * A thread that writes to System.out while the last harness closes must not deadlock with it:
     * the write holds the stream's lock and then asks for the console, the close held the router's
     * lock and then flushed the stream. Seen as a forked harness that never finished its stop.
     */
    @Test
    void writingWhileTheLastHarnessClosesDoesNotDeadlock() throws Exception {
        HarnessSpec spec = HarnessSpec.builder().component("idle", Idle.class).build();
        AtomicBoolean done = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            while (!done.get()) {
                System.out.flush();
            }
        }, "writer");
        // A deadlocked writer must not keep the test JVM from ending.
        writer.setDaemon(true);
        writer.start();
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                for (int i = 0; i < 300; i++) {
                    Harness.start(spec).close();
                }
            });
        } finally {
            done.set(true);
            writer.join(Duration.ofSeconds(5).toMillis());
        }
    }
}
