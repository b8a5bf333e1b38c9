package com.example;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;

/** Counts starts in a static field, as much real code keeps counters and singletons. */
public class Counter implements Component {

    static int started;
    private String label;
    private String greeting;

    @Override
    public void run(ComponentContext ctx) throws InterruptedException {
        started++;
        // Its own system property, set for this instance alone.
        label = System.getProperty("counter.label");
        // Given on Maven's command line only (-Dcounter.greeting=...).
        greeting = System.getProperty("counter.greeting");
        ctx.ready();
        ctx.awaitStop();
    }
}
