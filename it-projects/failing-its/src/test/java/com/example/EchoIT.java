package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.componentharness.Harness;
import org.junit.jupiter.api.Test;

class EchoIT {
    @Test
    void expectsTheWrongGreeting() {
        try (Harness h = Harness.connect()) {
            assertEquals("goodbye", h.state("echo", "greeting"));
        }
    }
}
