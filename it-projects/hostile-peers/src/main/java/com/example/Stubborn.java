package com.example;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;

/** Takes 6 s to stop, as a server flushing to disk might; within its stopTimeout. */
public class Stubborn implements Component {

    @Override
    public void run(ComponentContext ctx) throws InterruptedException {
        ctx.ready();
        ctx.awaitStop();
        long end = System.nanoTime() + 6_000_000_000L;
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                // Still flushing.
            }
        }
    }
}
