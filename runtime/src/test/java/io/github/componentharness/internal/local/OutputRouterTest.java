package io.github.componentharness.internal.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;
import io.github.componentharness.Harness;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.fixtures.Idle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputRouterTest {

    /** Prints a prompt without a line break, as a progress bar or an interactive server does. */
    public static class NoFinalNewline implements Component {
        @Override
        public void run(ComponentContext ctx) throws InterruptedException {
            System.out.println("a whole line");
            System.out.print("Press Ctrl-C to stop> ");
            System.err.print("50%");
            ctx.ready();
            ctx.awaitStop();
        }
    }

    @Test
    void outputWithoutAFinalLineBreakReachesTheLogAtStop(@TempDir Path logs) throws Exception {
        Harness.start(HarnessSpec.builder().component("prompt", NoFinalNewline.class).logDir(logs).build()).close();
        assertThat(Files.readAllLines(logs.resolve("prompt.log")))
                .contains("a whole line", "Press Ctrl-C to stop> ", "50%");
    }

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
