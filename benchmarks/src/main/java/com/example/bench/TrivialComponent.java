package com.example.bench;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;

/**
 * The cheapest well-behaved component: ready at once, returns as soon as it is asked to stop.
 * Outside the runtime's packages, so a forked harness isolates it as it would a user's.
 */
public class TrivialComponent implements Component {
    @Override
    public void run(ComponentContext ctx) throws InterruptedException {
        ctx.ready();
        ctx.awaitStop();
    }
}
