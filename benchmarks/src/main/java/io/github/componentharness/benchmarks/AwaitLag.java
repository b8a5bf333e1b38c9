package io.github.componentharness.benchmarks;

import io.github.componentharness.Condition;
import io.github.componentharness.ControlPort;
import io.github.componentharness.Harness;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.LocalHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * From the moment a condition becomes true to the moment an IT's wait for it returns: through
 * the control port's server-side await, for a published value and for a plain field, and as
 * ITs wait with JMX today (Awaitility's default: read the attribute every 100 ms). The harness
 * serves in this JVM, so both ends read one clock.
 */
final class AwaitLag implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final LocalHarness harness = Harness.start(HarnessSpec.builder().component("flipper", Flipper.class).build());
    private final ControlPort port = ControlPort.serve(harness);
    private final Harness client = Harness.connect(port.endpoint(), port.token());
    private final Flipper flipper = harness.component("flipper", Flipper.class);
    private final JmxGaugeServer jmx;
    private final Random random = new Random(7);
    private long next;

    AwaitLag() throws Exception {
        jmx = new JmxGaugeServer("AwaitLag", flipper.forJmx::get);
    }

    /** Lags in ms of a control-port await on the published value ({@code published}) or on the field. */
    List<Double> controlPort(boolean published, int rounds) throws Exception {
        List<Double> lags = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long target = ++next;
            CompletableFuture<Long> returned = CompletableFuture.supplyAsync(() -> {
                client.await("flipper", published ? "published" : "field", Condition.ge(target), Duration.ofSeconds(10));
                return System.nanoTime();
            });
            settle();
            long setAt = flipper.set(target, published);
            lags.add((returned.get(10, TimeUnit.SECONDS) - setAt) / 1e6);
        }
        return lags;
    }

    /** Lags in ms of a wait that reads the JMX attribute every 100 ms, as Awaitility does by default. */
    List<Double> jmxPolling(int rounds) throws Exception {
        List<Double> lags = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long target = ++next;
            CompletableFuture<Long> returned = CompletableFuture.supplyAsync(() -> {
                try {
                    while (((Number) jmx.read()).longValue() < target) {
                        Thread.sleep(POLL.toMillis());
                    }
                    return System.nanoTime();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            settle();
            long setAt = flipper.set(target, false);
            lags.add((returned.get(10, TimeUnit.SECONDS) - setAt) / 1e6);
        }
        return lags;
    }

    /** Lets the waiter get going, then a random part of a poll interval more, so the change lands anywhere in it. */
    private void settle() throws InterruptedException {
        Thread.sleep(20 + random.nextInt((int) POLL.toMillis()));
    }

    @Override
    public void close() throws Exception {
        jmx.close();
        client.close();
        port.close();
        harness.close();
    }
}
