package com.example;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;

/** Counts starts in a static field, as much real code keeps counters and singletons. */
public class Counter implements Component {

    static int started;
    private String label;

    @Override
    public void run(ComponentContext ctx) throws InterruptedException {
        started++;
        // Its own system property, set for this instance alone.
        label = System.getProperty("counter.label");
        ctx.ready();
        ctx.awaitStop();
    }
}
