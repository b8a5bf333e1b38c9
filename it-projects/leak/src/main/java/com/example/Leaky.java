package com.example;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;
import java.util.concurrent.CountDownLatch;

/** Starts a helper thread and never stops it. */
public class Leaky implements Component {
    @Override
    public void run(ComponentContext ctx) throws InterruptedException {
        Thread helper = new Thread(() -> {
            CountDownLatch never = new CountDownLatch(1);
            while (true) {
                try {
                    never.await();
                } catch (InterruptedException ignored) {
                    // Forgotten by its component: it never ends.
                }
            }
        }, "leaky-poller");
        helper.start();
        ctx.ready();
        ctx.awaitStop();
    }
}
