package io.github.componentharness.internal.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.componentharness.Condition;
import io.github.componentharness.ControlPort;
import io.github.componentharness.Harness;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.LocalHarness;
import io.github.componentharness.Status;
import io.github.componentharness.fixtures.Counter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every client in a JVM shares one ZeroMQ I/O thread, so nothing one client goes through may
 * stall it for the others: a harness that goes away under a closed client (whose connection's
 * last event once blocked that thread for good), an interrupt during a call, a close from another
 * thread while a call waits.
 */
@Timeout(120)
class SharedClientContextTest {

    private static LocalHarness start() {
        return Harness.start(HarnessSpec.builder().component("counter", Counter.class).build());
    }

    @Test
    void harnessesThatComeAndGoLeaveTheSharedThreadServing() {
        for (int i = 0; i < 15; i++) {
            try (LocalHarness harness = start(); ControlPort port = ControlPort.serve(harness)) {
                Harness h = Harness.connect(port.endpoint(), port.token());
                assertThat(h.status("counter")).as("harness %d", i).isEqualTo(Status.RUNNING);
                // Closed before its harness goes: the connection's end comes after its client's.
                h.close();
            }
        }
    }

    @RepeatedTest(5)
    void aClientInterruptedInACallLeavesTheOthersWorking() throws Exception {
        try (LocalHarness harness = start(); ControlPort port = ControlPort.serve(harness)) {
            RemoteHarness waiting = new RemoteHarness(port.endpoint(), port.token());
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    waiting.await("counter", "nope", Condition.exists(), Duration.ofSeconds(30));
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            t.start();
            try (RemoteHarness other = new RemoteHarness(port.endpoint(), port.token())) {
                assertThat(other.status("counter")).isEqualTo(Status.RUNNING);
                t.interrupt();
                t.join(10_000);
                assertThat(other.status("counter")).isEqualTo(Status.RUNNING);
            }
            waiting.close();
            try (RemoteHarness fresh = new RemoteHarness(port.endpoint(), port.token())) {
                assertThat(fresh.status("counter")).isEqualTo(Status.RUNNING);
            }
        }
    }

    @RepeatedTest(3)
    void aClientClosedFromAnotherThreadDuringACallLeavesTheOthersWorking() throws Exception {
        try (LocalHarness harness = start(); ControlPort port = ControlPort.serve(harness)) {
            RemoteHarness waiting = new RemoteHarness(port.endpoint(), port.token());
            Thread t = new Thread(() -> {
                try {
                    waiting.await("counter", "nope", Condition.exists(), Duration.ofSeconds(1));
                } catch (RuntimeException expected) {
                    // Timed out, or closed under it.
                }
            });
            t.start();
            Thread closer = new Thread(waiting::close);
            closer.start();
            t.join(10_000);
            closer.join(10_000);
            try (RemoteHarness fresh = new RemoteHarness(port.endpoint(), port.token())) {
                assertThat(fresh.status("counter")).isEqualTo(Status.RUNNING);
            }
        }
    }
}
