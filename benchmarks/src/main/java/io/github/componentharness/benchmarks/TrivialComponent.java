package io.github.componentharness.benchmarks;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;

/** The cheapest well-behaved component: ready at once, returns as soon as it is asked to stop. */
public class TrivialComponent implements Component {
    @Override
    public void run(ComponentContext ctx) throws InterruptedException {
        ctx.ready();
        ctx.awaitStop();
    }
}
