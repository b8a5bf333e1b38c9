package com.example;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.componentharness.Harness;
import io.github.componentharness.HarnessException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DiesIT {
    @Test
    void theHarnessGoesAway() throws Exception {
        try (Harness h = Harness.connect()) {
            Files.writeString(Path.of("target/die"), "now");
            // Calls fail once the harness JVM is gone: the first call that does ends the wait.
            assertThrows(HarnessException.class, () -> {
                while (true) {
                    h.await("suicidal", "nothing", v -> false, java.time.Duration.ofMillis(200));
                }
            });
        }
    }
}
