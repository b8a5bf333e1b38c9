package com.example;

import io.github.componentharness.Harness;
import io.github.componentharness.junit.ConnectedHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ConnectedHarness.class)
class SetupIT {

    @BeforeEach
    void prepare(Harness h) {
        // A setup that fails: the test never runs, yet the evidence is kept.
        h.state("echo", "noSuchKey");
    }

    @Test
    void neverRuns() {
    }
}
