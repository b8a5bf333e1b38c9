package com.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BlockingIT {
    /** Says it runs, then waits (at most two minutes) for a release that the killed build never gives. */
    @Test
    void blocksUntilReleased() throws Exception {
        Files.writeString(Path.of("target/it-started"), "started");
        Instant end = Instant.now().plus(Duration.ofMinutes(2));
        while (!Files.exists(Path.of("target/release")) && Instant.now().isBefore(end)) {
            Thread.onSpinWait();
            Thread.yield();
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        assertTrue(Files.exists(Path.of("target/release")));
    }
}
