package com.example;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;

/** Fails before it is ready, as a component with a bad configuration does. */
public class BrokenDb implements Component {
    @Override
    public void run(ComponentContext ctx) {
        System.out.println("opening database 'orders'");
        throw new IllegalStateException("cannot open database 'orders'");
    }
}
