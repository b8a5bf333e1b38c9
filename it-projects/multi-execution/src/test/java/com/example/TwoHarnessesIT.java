package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.componentharness.Harness;
import io.github.componentharness.HarnessException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TwoHarnessesIT {
    @Test
    void eachExecutionHasItsOwnHarness() {
        try (Harness backend = Harness.connect("backend"); Harness frontend = Harness.connect("frontend")) {
            assertEquals(Set.of("db"), backend.status().keySet());
            assertEquals(Set.of("web", "cache"), frontend.status().keySet());
            assertNotEquals(backend.port("db", "sql"), frontend.port("web", "http"));
        }
        HarnessException e = assertThrows(HarnessException.class, Harness::connect);
        assertEquals("several harnesses run in this module (executions: backend, frontend): "
                + "pick one with Harness.connect(\"<execution-id>\")", e.getMessage());
    }
}
