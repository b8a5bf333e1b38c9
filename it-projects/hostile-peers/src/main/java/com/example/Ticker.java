package com.example;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;
import java.util.concurrent.atomic.AtomicLong;

/** Counts while it runs. */
public class Ticker implements Component {
    public final AtomicLong ticks = new AtomicLong();

    @Override
    public void run(ComponentContext ctx) throws InterruptedException {
        ctx.ready();
        while (!ctx.stopping()) {
            ticks.incrementAndGet();
            Thread.sleep(5);
        }
    }
}
