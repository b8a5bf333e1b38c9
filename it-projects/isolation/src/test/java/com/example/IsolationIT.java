package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.componentharness.Harness;
import org.junit.jupiter.api.Test;

class IsolationIT {

    private static final long EXPECTED = Long.getLong("expected.started");

    @Test
    void eachReplicaSeesTheStaticCounterItsIsolationGivesIt() {
        try (Harness h = Harness.connect()) {
            for (int replica = 1; replica <= 3; replica++) {
                assertEquals(EXPECTED, h.state("counter-" + replica, "started"), "counter-" + replica);
                assertEquals("replica " + replica, h.state("counter-" + replica, "label"));
                assertEquals("hello-from-maven", h.state("counter-" + replica, "greeting"));
            }
            // A restart of an isolated instance starts with fresh statics, as a new JVM would.
            h.restart("counter-2");
            assertEquals(EXPECTED == 1 ? 1L : 4L, h.state("counter-2", "started"));
        }
    }
}
