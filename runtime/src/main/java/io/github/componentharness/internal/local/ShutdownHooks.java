package io.github.componentharness.internal.local;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shutdown hooks that one instance registered, taken out of the JVM's so that they run when
 * the instance stops, as SIGTERM would run them in a JVM of its own. A hook belongs to the
 * instance when it was created by one of the instance's threads (its thread group) or carries the
 * instance's class loader as its context loader. Reading the JVM's hooks needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}, which the forked harness has.
 */
final class ShutdownHooks {

    private static final System.Logger LOG = System.getLogger("io.github.componentharness");
    private static volatile boolean warned;

    private ShutdownHooks() {
    }

    /** Removes the instance's hooks from the JVM's and returns them, not started. */
    static List<Thread> take(ThreadGroup group, ClassLoader isolatedLoader, String instance) {
        Class<?> registry;
        Map<?, ?> hooks;
        try {
            registry = Class.forName("java.lang.ApplicationShutdownHooks");
            Field field = registry.getDeclaredField("hooks");
            field.setAccessible(true);
            hooks = (Map<?, ?>) field.get(null);
        } catch (ReflectiveOperationException | InaccessibleObjectException | ClassCastException e) {
            if (!warned) {
                warned = true;
                LOG.log(System.Logger.Level.WARNING, "the shutdown hooks of main-class component '" + instance + "' cannot be run "
                        + "at its stop, as this JVM does not open java.lang (" + e + "): add --add-opens "
                        + "java.base/java.lang=ALL-UNNAMED to its arguments (surefire's argLine); they run when the JVM exits");
            }
            return List.of();
        }
        List<Thread> mine = new ArrayList<>();
        // The JVM's own add and remove lock the registry class.
        synchronized (registry) {
            if (hooks == null) {
                return List.of();
            }
            for (Object hook : hooks.keySet()) {
                Thread t = (Thread) hook;
                if (belongs(t, group, isolatedLoader)) {
                    mine.add(t);
                }
            }
        }
        List<Thread> taken = new ArrayList<>();
        for (Thread t : mine) {
            try {
                if (Runtime.getRuntime().removeShutdownHook(t)) {
                    taken.add(t);
                }
            } catch (IllegalStateException shuttingDown) {
                // The JVM runs the rest itself now; those already taken are this run's to run.
                return taken;
            }
        }
        return taken;
    }

    private static boolean belongs(Thread hook, ThreadGroup group, ClassLoader isolatedLoader) {
        Class<?> type = hook.getClass();
        if (type != Thread.class && (type.getClassLoader() == null || type.getClassLoader() == ClassLoader.getPlatformClassLoader())) {
            // The JDK's own hooks (java.util.logging's cleaner) serve the whole JVM, whoever caused them.
            return false;
        }
        for (ThreadGroup g = hook.getThreadGroup(); g != null; g = g.getParent()) {
            if (g == group) {
                return true;
            }
        }
        return isolatedLoader != null
                && (hook.getContextClassLoader() == isolatedLoader || hook.getClass().getClassLoader() == isolatedLoader);
    }
}
