package io.github.componentharness.internal.local;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes what components' threads write to {@code System.out} and {@code System.err} to their
 * {@link ComponentOutput}, line by line, by the thread group the writing thread belongs to.
 * Installed while at least one harness runs in this JVM; other threads' output passes through.
 */
public final class OutputRouter {

    private static final Map<ThreadGroup, ComponentOutput> ROUTES = new ConcurrentHashMap<>();
    private static int users;
    // Read without the lock: a println holds its stream's lock while it asks for the console, and
    // release() flushes those streams while holding the lock; both locks in one path deadlock.
    private static volatile PrintStream originalOut;
    private static volatile PrintStream originalErr;

    private OutputRouter() {
    }

    public static synchronized void acquire() {
        if (users++ == 0) {
            originalOut = System.out;
            originalErr = System.err;
            System.setOut(new PrintStream(new Routing(false), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new Routing(true), true, StandardCharsets.UTF_8));
        }
    }

    public static synchronized void release() {
        if (users > 0 && --users == 0) {
            System.out.flush();
            System.err.flush();
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    public static void route(ThreadGroup group, ComponentOutput output) {
        ROUTES.put(group, output);
    }

    public static void unroute(ComponentOutput output) {
        ROUTES.values().removeIf(o -> o == output);
    }

    /** The stream that was there before the router, where tagged lines go. */
    static PrintStream console(boolean error) {
        PrintStream s = error ? originalErr : originalOut;
        return s != null ? s : error ? System.err : System.out;
    }

    private static ComponentOutput outputOf(Thread thread) {
        for (ThreadGroup g = thread.getThreadGroup(); g != null; g = g.getParent()) {
            ComponentOutput output = ROUTES.get(g);
            if (output != null) {
                return output;
            }
        }
        return null;
    }

    private static final class Routing extends OutputStream {
        private final boolean error;

        Routing(boolean error) {
            this.error = error;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            ComponentOutput output = outputOf(Thread.currentThread());
            if (output == null) {
                console(error).write(bytes, offset, length);
                return;
            }
            output.write(error, bytes, offset, length);
        }

        @Override
        public void flush() {
            console(error).flush();
        }
    }
}
