package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.componentharness.Harness;
import io.github.componentharness.junit.ConnectedHarness;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ConnectedHarness.class)
class FrontendIT {
    @Test
    void theExtensionConnectsToTheExecutionNamedByHarnessExecution(Harness frontend) {
        assertEquals(Set.of("web", "cache"), frontend.status().keySet());
        assertEquals(String.valueOf(frontend.port("web", "http")), System.getProperty("frontend.http"));
        try (Harness backend = Harness.connect("backend")) {
            assertEquals(Set.of("db"), backend.status().keySet());
        }
        assertEquals(true, System.getProperty("backend.endpoint").startsWith("tcp://127.0.0.1:"));
    }
}
