package com.example;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;

/**
 * Flushes when asked to stop, then takes 3.5 s more, past its 3 s stop timeout, whatever it is
 * told. Prints a prompt without a line break while it runs.
 */
public class Slowpoke implements Component {

    @Override
    public void run(ComponentContext ctx) throws InterruptedException {
        System.out.print("waiting for work> ");
        ctx.ready();
        ctx.awaitStop();
        Flusher.flush(ctx.name());
        long end = System.nanoTime() + 3_500_000_000L;
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException ignored) {
                // Still busy.
            }
        }
    }
}
