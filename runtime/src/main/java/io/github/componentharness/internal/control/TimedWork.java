package io.github.componentharness.internal.control;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the control port's work that may block or loop (a getter, a thread dump, a call to a
 * component JVM) off the serving thread, and answers every request within a time limit: work
 * that overruns gets a timeout error while its thread finishes on its own (Java cannot stop
 * it); work that ends later is ignored. A bounded number of threads, so a getter that never
 * returns costs one thread per call, and once all are taken the port answers "busy" at once.
 */
final class TimedWork implements AutoCloseable {

    /** Hands one reply on, the first it is given; later ones are dropped. */
    static final class Once implements Consumer<Map<String, Object>> {
        private final AtomicBoolean answered = new AtomicBoolean();
        private final Consumer<Map<String, Object>> answer;

        Once(Consumer<Map<String, Object>> answer) {
            this.answer = answer;
        }

        @Override
        public void accept(Map<String, Object> reply) {
            if (answered.compareAndSet(false, true)) {
                answer.accept(reply);
            }
        }

        /** Whether a reply went out already: a timeout, or the work's own. */
        boolean answered() {
            return answered.get();
        }
    }

    /** Work in progress, with when it must have answered: a sweep, not a timer per request, keeps a read cheap. */
    private record Running(String what, Duration limit, long deadline, Once once) {
    }

    private static final Duration SWEEP = Duration.ofMillis(50);

    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor timer;
    private final Set<Running> running = ConcurrentHashMap.newKeySet();

    TimedWork(String name, int maxThreads) {
        this.workers = new ThreadPoolExecutor(0, maxThreads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), daemon(name));
        this.timer = new ScheduledThreadPoolExecutor(1, daemon(name + "-timer"));
        timer.scheduleWithFixedDelay(this::sweep, SWEEP.toNanos(), SWEEP.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Runs {@code work} and hands its reply, or an error reply, to {@code answer} exactly once.
     * Work that answers later itself (returns {@code null}) uses the consumer it is given, which
     * keeps the exactly-once promise however late that answer comes.
     *
     * @param what names the work in the timeout error, such as {@code get 'broker.queueDepth'}
     */
    void run(String what, Duration limit, Function<Once, Map<String, Object>> work, Consumer<Map<String, Object>> answer) {
        Once once = new Once(answer);
        Running task = new Running(what, limit, System.nanoTime() + limit.toNanos(), once);
        running.add(task);
        try {
            workers.execute(() -> {
                Map<String, Object> reply;
                try {
                    reply = work.apply(once);
                } catch (RuntimeException e) {
                    reply = Replies.error(e);
                } catch (Throwable e) {
                    // An Error of one request (a stack overflow in a getter, a failing static
                    // initialiser) is that request's failure, not the port's.
                    reply = Replies.error(ControlError.FAILED, what + " failed: " + e);
                }
                running.remove(task);
                if (reply != null) {
                    once.accept(reply);
                }
            });
        } catch (RejectedExecutionException busy) {
            running.remove(task);
            once.accept(Replies.error(ControlError.FAILED, workers.isShutdown() ? "the harness is shutting down"
                    : "the harness is busy: " + workers.getMaximumPoolSize() + " requests are still running "
                    + "(getters or components that block?); try again later"));
        }
    }

    /** Answers work past its limit with a timeout error; its thread goes on until it returns. */
    private void sweep() {
        long now = System.nanoTime();
        for (Running task : running) {
            if (now - task.deadline() > 0 && running.remove(task)) {
                task.once().accept(Replies.error(ControlError.TIMEOUT, task.what() + " took longer than "
                        + task.limit().toMillis() + " ms and was given up (its thread goes on until it returns): "
                        + "a getter or component that blocks?"));
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
