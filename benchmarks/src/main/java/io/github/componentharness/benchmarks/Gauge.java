package io.github.componentharness.benchmarks;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;
import java.util.concurrent.atomic.AtomicLong;

/** A component with one numeric field to query, as a test would query a counter. */
public class Gauge implements Component {

    final AtomicLong depth = new AtomicLong(42);

    @Override
    public void run(ComponentContext ctx) throws InterruptedException {
        ctx.ready();
        ctx.awaitStop();
    }
}
