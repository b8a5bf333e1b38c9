package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.componentharness.Harness;
import io.github.componentharness.junit.ConnectedHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ConnectedHarness.class)
class EchoIT {
    @Test
    void expectsTheWrongGreeting(Harness h) {
        assertEquals("goodbye", h.state("echo", "greeting"));
    }
}
