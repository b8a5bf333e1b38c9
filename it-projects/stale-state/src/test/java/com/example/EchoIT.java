package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.componentharness.Harness;
import org.junit.jupiter.api.Test;

class EchoIT {
    @Test
    void greets() {
        try (Harness h = Harness.connect()) {
            assertEquals("hello", h.state("echo", "greeting"));
        }
    }
}
