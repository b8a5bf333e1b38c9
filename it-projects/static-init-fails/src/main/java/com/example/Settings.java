package com.example;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;

/** Reads its settings in a static initialiser, as much real code does, and the file is missing. */
public class Settings implements Component {

    static final String QUEUE = load();

    private static String load() {
        // A non-daemon thread started first: the harness JVM must not live on through it.
        Thread watcher = new Thread(() -> {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "settings-watcher");
        watcher.start();
        throw new IllegalStateException("settings.properties is missing");
    }

    @Override
    public void run(ComponentContext ctx) throws InterruptedException {
        ctx.ready();
        ctx.awaitStop();
    }
}
