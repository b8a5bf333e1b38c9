package io.github.componentharness.internal.local;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

/**
 * Where {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} of an isolated
 * instance's classes lead: the loader rewrites those calls to these methods, which end the calling
 * instance as its own JVM would end (its stop runs, the exit status decides between STOPPED and
 * FAILED) and leave the harness and the other instances running. Public only because the
 * rewritten classes, in other loaders, call it.
 */
public final class InstanceExits {

    /** Unwinds the thread that asked to exit, as {@code System.exit} never returns to its caller. */
    public static final class InstanceExit extends Error {
        private static final long serialVersionUID = 1L;

        InstanceExit(int status) {
            super("System.exit(" + status + ") ends only this component instance: the harness runs it with a class loader "
                    + "of its own", null, false, false);
        }
    }

    private static final Map<ClassLoader, IntConsumer> RUNS = new ConcurrentHashMap<>();
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private InstanceExits() {
    }

    static void register(ClassLoader loader, IntConsumer onExit) {
        RUNS.put(loader, onExit);
    }

    static void unregister(ClassLoader loader) {
        RUNS.remove(loader);
    }

    /** Replaces {@code System.exit(status)}. */
    public static void exit(int status) {
        exitFromCaller(status);
    }

    /** Replaces {@code runtime.exit(status)}. */
    public static void exit(Runtime runtime, int status) {
        exitFromCaller(status);
    }

    /** Replaces {@code runtime.halt(status)}: the instance's stop runs all the same, as nothing else could end it. */
    public static void halt(Runtime runtime, int status) {
        exitFromCaller(status);
    }

    /**
     * Ends the run whose classes asked: the nearest frame of an isolated run's loader. Not simply
     * the caller: a method reference ({@code forEach(System::exit)}) is called by the JDK's code.
     */
    private static void exitFromCaller(int status) {
        IntConsumer run = WALKER.walk(frames -> frames.map(f -> f.getDeclaringClass().getClassLoader())
                .filter(loader -> loader != null && RUNS.containsKey(loader))
                .map(RUNS::get).filter(java.util.Objects::nonNull).findFirst().orElse(null));
        if (run != null) {
            run.accept(status);
        }
        // Without a run (a thread left behind by one that ended), there is nothing left to end.
        throw new InstanceExit(status);
    }
}
