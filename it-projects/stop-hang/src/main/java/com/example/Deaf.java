package com.example;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;
import java.util.concurrent.CountDownLatch;

/** Ready, then deaf to every stop request. */
public class Deaf implements Component {
    @Override
    public void run(ComponentContext ctx) {
        ctx.ready();
        CountDownLatch never = new CountDownLatch(1);
        while (true) {
            try {
                never.await();
            } catch (InterruptedException ignored) {
                // Deliberately ignores the harness.
            }
        }
    }
}
