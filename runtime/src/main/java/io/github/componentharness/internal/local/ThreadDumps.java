package io.github.componentharness.internal.local;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Thread stacks in the familiar {@code jstack} form, for overrun and leak reports. */
public final class ThreadDumps {

    private ThreadDumps() {
    }

    /**
     * The live threads of a group and its subgroups, except the JDK's common {@code ForkJoinPool}
     * workers: a worker joins the group of whichever thread made the pool grow, yet serves every
     * component and outlives them all.
     */
    public static List<Thread> liveThreads(ThreadGroup group) {
        Thread[] threads = new Thread[group.activeCount() + 16];
        int count = group.enumerate(threads, true);
        List<Thread> live = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (threads[i].isAlive() && !isCommonPoolWorker(threads[i])) {
                live.add(threads[i]);
            }
        }
        return live;
    }

    /** Whether the thread is a worker of the JVM-wide common {@code ForkJoinPool}. */
    static boolean isCommonPoolWorker(Thread t) {
        return t instanceof java.util.concurrent.ForkJoinWorkerThread
                && ((java.util.concurrent.ForkJoinWorkerThread) t).getPool() == java.util.concurrent.ForkJoinPool.commonPool();
    }

    /**
     * Whether {@code thread} is inside {@code System.exit}: it waits there for the JVM's shutdown
     * hooks, so it never ends while a hook waits for it.
     */
    public static boolean inSystemExit(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getMethodName().equals("exit")
                    && (frame.getClassName().equals("java.lang.Runtime") || frame.getClassName().equals("java.lang.Shutdown"))) {
                return true;
            }
        }
        return false;
    }

    public static String stack(Thread thread) {
        StringBuilder out = new StringBuilder();
        out.append('"').append(thread.getName()).append('"').append(thread.isDaemon() ? " daemon" : "")
                .append(' ').append(thread.getState()).append('\n');
        for (StackTraceElement frame : thread.getStackTrace()) {
            out.append("\tat ").append(frame).append('\n');
        }
        return out.toString();
    }

    public static String stacks(Collection<Thread> threads) {
        StringBuilder out = new StringBuilder();
        threads.forEach(t -> out.append(stack(t)));
        return out.toString();
    }
}
