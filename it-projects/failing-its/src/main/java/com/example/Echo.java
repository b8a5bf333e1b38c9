package com.example;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;

/** Ready at once, stops when asked. */
public class Echo implements Component {
    @Override
    public void run(ComponentContext ctx) throws InterruptedException {
        System.out.println("echo says hello");
        ctx.publish("greeting", "hello");
        ctx.ready();
        ctx.awaitStop();
    }
}
