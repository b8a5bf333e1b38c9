package com.example;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;

/** Forgets to call ctx.ready(). */
public class NeverReady implements Component {
    @Override
    public void run(ComponentContext ctx) throws InterruptedException {
        System.out.println("warming up forever");
        ctx.awaitStop();
    }
}
