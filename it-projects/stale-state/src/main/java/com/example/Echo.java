package com.example;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;

/** Ready at once, stops when asked; says when it starts, so each run's log shows its own start. */
public class Echo implements Component {
    @Override
    public void run(ComponentContext ctx) throws InterruptedException {
        System.out.println("echo started");
        ctx.publish("greeting", "hello");
        ctx.ready();
        ctx.awaitStop();
    }
}
