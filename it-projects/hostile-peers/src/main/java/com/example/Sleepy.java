package com.example;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;

/** A getter that takes 20 s, as one that waits on a lock or a remote call might. */
public class Sleepy implements Component {

    public String getSlow() throws InterruptedException {
        Thread.sleep(20_000);
        return "finally";
    }

    @Override
    public void run(ComponentContext ctx) throws InterruptedException {
        ctx.ready();
        ctx.awaitStop();
    }
}
