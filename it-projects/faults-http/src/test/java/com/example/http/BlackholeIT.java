package com.example.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.componentharness.Condition;
import io.github.componentharness.Fault;
import io.github.componentharness.Harness;
import io.github.componentharness.junit.ConnectedHarness;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ConnectedHarness.class)
class BlackholeIT {

    /** Generous against a busy machine; the client's own timeout is 500 ms. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @AfterEach
    void healEverything(Harness h) {
        h.heal();
    }

    @Test
    void aBlackholedServiceTimesTheClientOutUntilHealed(Harness h) {
        h.await("client", "state", Condition.eq("ok"), TIMEOUT);
        assertThat((String) h.state("client", "lastReply")).isEqualTo("hello from service");

        h.blackhole("client", "service");
        assertThat(h.faults()).containsExactly(Fault.blackhole("client", "service.http"));
        // The link still accepts connections: the client learns of the fault only by its timeout.
        h.await("client", "state", Condition.eq("timeout"), TIMEOUT);
        assertThat((String) h.state("client", "lastError")).contains("timed out");
        long served = count(h, "service", "served");
        h.await("client", "timeouts", Condition.ge(count(h, "client", "timeouts") + 2), TIMEOUT);
        assertThat(count(h, "service", "served")).as("requests that reached the service").isEqualTo(served);

        h.heal();
        assertThat(h.faults()).isEmpty();
        h.await("client", "state", Condition.eq("ok"), TIMEOUT);
        h.await("client", "okCount", Condition.ge(count(h, "client", "okCount") + 5), TIMEOUT);
    }

    private static long count(Harness h, String instance, String key) {
        return ((Number) h.state(instance, key)).longValue();
    }
}
