package com.example;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Calls System.exit once target/die appears: a component that takes the whole harness down. */
public class Suicidal implements Component {
    @Override
    public void run(ComponentContext ctx) throws InterruptedException {
        ctx.ready();
        while (!ctx.stopping()) {
            if (Files.exists(Path.of("target/die"))) {
                System.out.println("exiting the JVM");
                System.exit(3);
            }
            Thread.sleep(Duration.ofMillis(20).toMillis());
        }
    }
}
