package com.example;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;

/** A constructor that never returns, as one waiting for a database that is not there; it starts a non-daemon thread first. */
public class Stuck implements Component {

    public Stuck() throws InterruptedException {
        new Thread(() -> {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stuck-keeper").start();
        Thread.sleep(Long.MAX_VALUE);
    }

    @Override
    public void run(ComponentContext ctx) {
        ctx.ready();
    }
}
