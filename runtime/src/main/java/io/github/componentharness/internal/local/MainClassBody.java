package io.github.componentharness.internal.local;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@code main} as an instance's body, with JVM semantics: the instance lives while its
 * main or any non-daemon thread it started lives. Asked to stop, it runs the declared stop main,
 * then the shutdown hooks the instance registered, then interrupts the instance's other threads
 * and, if it has not ended within a grace, its main thread, all on a thread of the instance's own;
 * the body returns once the instance's non-daemon threads are gone.
 */
final class MainClassBody implements Component {

    private final Class<?> mainClass;
    private final Method main;
    private final List<String> args;
    private final Method stopMain;
    private final List<String> stopArgs;
    private final ClassLoader isolatedLoader;
    private final java.time.Duration mainGrace;
    private volatile Thread stopper;
    private volatile boolean finished;
    /** Counted down once the main has returned (or thrown): the body thread then only waits for the others. */
    private final java.util.concurrent.CountDownLatch mainEnded = new java.util.concurrent.CountDownLatch(1);

    /**
     * @param stopMain the main to call with {@code stopArgs} when the instance is asked to stop, or {@code null}
     * @param isolatedLoader the run's own class loader, or {@code null} when it shares the harness's
     * @param mainGrace how long the other threads get to end after their interrupt before the main
     *     thread is interrupted too
     */
    MainClassBody(Class<?> mainClass, Method main, List<String> args, Method stopMain, List<String> stopArgs,
            ClassLoader isolatedLoader, java.time.Duration mainGrace) {
        this.mainGrace = mainGrace;
        this.mainClass = mainClass;
        this.main = main;
        this.args = List.copyOf(args);
        this.stopMain = stopMain;
        this.stopArgs = List.copyOf(stopArgs);
        this.isolatedLoader = isolatedLoader;
    }

    /** The class whose static fields are the instance's state. */
    Class<?> mainClass() {
        return mainClass;
    }

    /** Whether {@code thread} runs this instance's stop: its stop main's {@code System.exit} is no exit of the instance's. */
    boolean isStopper(Thread thread) {
        return thread == stopper;
    }

    @Override
    public void run(ComponentContext ctx) throws Exception {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        Thread body = Thread.currentThread();
        ctx.onStop(() -> {
            if (finished) {
                // Nothing of it runs any more: a stop main now would start what nobody waits for.
                return;
            }
            Thread t = new Thread(group, () -> stop(ctx, group, body), ctx.name() + "-stop");
            t.setContextClassLoader(body.getContextClassLoader());
            t.setDaemon(false);
            stopper = t;
            t.start();
        });
        try {
            runMain(ctx, group);
        } finally {
            finished = true;
        }
    }

    private void runMain(ComponentContext ctx, ThreadGroup group) throws Exception {
        if (ctx.stopping()) {
            // Asked to stop while its class was being prepared: a main started now would run on.
            mainEnded.countDown();
            return;
        }
        ctx.ready();
        try {
            main.invoke(null, (Object) args.toArray(String[]::new));
        } catch (InvocationTargetException e) {
            if (!ctx.stopping()) {
                throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
            }
        } finally {
            mainEnded.countDown();
        }
        awaitNonDaemonThreads(group);
    }

    /** Returns once no other non-daemon thread of the group lives; interrupts do not end the wait. */
    private static void awaitNonDaemonThreads(ThreadGroup group) {
        boolean interrupted = false;
        while (true) {
            List<Thread> others = new ArrayList<>();
            for (Thread t : ThreadDumps.liveThreads(group)) {
                if (t != Thread.currentThread() && !t.isDaemon()) {
                    others.add(t);
                }
            }
            if (others.isEmpty()) {
                break;
            }
            try {
                others.get(0).join();
            } catch (InterruptedException e) {
                // The stop interrupts every thread of the instance, this one too: waiting goes on.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop(ComponentContext ctx, ThreadGroup group, Thread body) {
        if (stopMain != null) {
            try {
                stopMain.invoke(null, (Object) stopArgs.toArray(String[]::new));
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof InstanceExits.InstanceExit) {
                    ctx.log().log(System.Logger.Level.DEBUG, "its stop command ended with System.exit");
                } else {
                    ctx.log().log(System.Logger.Level.WARNING, "its stop command " + stopMain.getDeclaringClass().getName() + " "
                            + String.join(" ", stopArgs) + " threw " + e.getCause(), e.getCause());
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                ctx.log().log(System.Logger.Level.WARNING, "its stop command could not be called: " + e, e);
            }
        }
        List<Thread> hooks = ShutdownHooks.take(group, isolatedLoader, ctx.name());
        hooks.forEach(Thread::start);
        for (Thread hook : hooks) {
            try {
                hook.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // The main thread last, and only if it did not end by itself within the grace: a server's
        // main often waits for its workers to end (ZooKeeper's for its request threads to fail),
        // then shuts down in order; interrupted early, it skips that.
        List<Thread> others = new ArrayList<>();
        for (Thread t : ThreadDumps.liveThreads(group)) {
            if (t != Thread.currentThread() && t != body) {
                t.interrupt();
                if (!t.isDaemon()) {
                    others.add(t);
                }
            }
        }
        long deadline = System.nanoTime() + mainGrace.toNanos();
        try {
            for (Thread t : others) {
                java.util.concurrent.TimeUnit.NANOSECONDS.timedJoin(t, Math.max(1, deadline - System.nanoTime()));
            }
            // Not a join of the body thread: once its main ended, it waits for this thread to end.
            if (!mainEnded.await(Math.max(1, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS)) {
                body.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            body.interrupt();
        }
    }
}
