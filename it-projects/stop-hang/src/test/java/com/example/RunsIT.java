package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.componentharness.Harness;
import io.github.componentharness.Status;
import org.junit.jupiter.api.Test;

class RunsIT {
    @Test
    void isRunning() {
        try (Harness h = Harness.connect()) {
            h.status().values().forEach(s -> assertEquals(Status.RUNNING, s));
        }
    }
}
