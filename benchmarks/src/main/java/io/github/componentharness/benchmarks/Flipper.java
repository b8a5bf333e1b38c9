package io.github.componentharness.benchmarks;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;
import java.util.concurrent.atomic.AtomicLong;

/** A component whose state the await-lag benchmark moves: one published value and one plain field. */
public class Flipper implements Component {

    /** A plain field: it announces no change, so the harness finds it by polling. */
    volatile long field;
    private volatile ComponentContext ctx;
    final AtomicLong forJmx = new AtomicLong();

    /** Sets the published value, the field and the JMX attribute at once; returns when, in nanoTime. */
    long set(long value, boolean publish) {
        long now = System.nanoTime();
        if (publish) {
            ctx.publish("published", value);
        } else {
            field = value;
            forJmx.set(value);
        }
        return now;
    }

    @Override
    public void run(ComponentContext ctx) throws InterruptedException {
        this.ctx = ctx;
        ctx.publish("published", 0L);
        ctx.ready();
        ctx.awaitStop();
    }
}
