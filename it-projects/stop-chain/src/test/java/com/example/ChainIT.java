package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.componentharness.Harness;
import io.github.componentharness.Status;
import org.junit.jupiter.api.Test;

class ChainIT {

    @Test
    void theChainRuns() {
        try (Harness h = Harness.connect()) {
            for (String name : new String[] {"a", "b", "c", "d"}) {
                assertEquals(Status.RUNNING, h.status(name));
            }
        }
    }
}
