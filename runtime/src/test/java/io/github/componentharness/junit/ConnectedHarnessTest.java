package io.github.componentharness.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.componentharness.Harness;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.LocalHarness;
import io.github.componentharness.fixtures.Counter;
import org.junit.jupiter.api.Test;

class ConnectedHarnessTest {

    @Test
    void theEvidenceHoldsEveryComponentsStatusStateThreadsAndLog() {
        try (LocalHarness h = Harness.start(HarnessSpec.builder().component("counter", Counter.class).build())) {
            String evidence = ConnectedHarness.evidence(h, "com.example.PipelineIT.flows", new AssertionError("expected 3"));
            assertThat(evidence).startsWith("Harness evidence for com.example.PipelineIT.flows failing with "
                    + "java.lang.AssertionError: expected 3");
            assertThat(evidence).containsPattern("counter\\s+RUNNING");
            assertThat(evidence).contains("=== counter (RUNNING)", "--- failure\nnone", "--- state\n{", "--- threads\n\"harness-counter\"",
                    "--- last 40 lines of counter.log\n(no counter.log under ");
        }
    }
}
