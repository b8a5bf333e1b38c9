package io.github.componentharness;

import java.util.Locale;

/**
 * Whether the instances of a component share the application's classes, and so their static
 * fields, singletons and system properties.
 */
public enum Isolation {
    /**
     * Each instance, and each restart of one, loads the application's classes through a class
     * loader of its own (the JDK and the harness runtime stay shared): replicas do not see each
     * other's statics, as in process mode. The default in a forked harness.
     */
    INSTANCE,
    /**
     * Every instance uses the classes of the harness's class path: cheaper, and under
     * {@link Harness#start} the test can hold the component object itself. The default there.
     */
    SHARED;

    /** {@code instance} or {@code shared}, case-insensitive. */
    public static Isolation of(String name) {
        for (Isolation i : values()) {
            if (i.configName().equalsIgnoreCase(String.valueOf(name).trim())) {
                return i;
            }
        }
        throw new HarnessException("unknown isolation '" + name + "': use instance or shared");
    }

    /** The name used in POMs and spec files. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
