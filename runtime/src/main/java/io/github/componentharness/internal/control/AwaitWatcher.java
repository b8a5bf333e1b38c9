package io.github.componentharness.internal.control;

import io.github.componentharness.HarnessException;
import io.github.componentharness.internal.local.Changes;
import io.github.componentharness.internal.state.AwaitProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Checks the control port's pending awaits on one thread of its own, whenever state changes and
 * at least every few milliseconds (fields announce no change), so any number of clients may
 * wait at once without holding a thread each or blocking other requests.
 *
 * <p>A check reads state, which may run a getter that never returns. A check that overruns its
 * limit fails that one await with a timeout error, and a fresh thread takes over the others:
 * one stuck getter never stalls every wait.
 */
final class AwaitWatcher implements AutoCloseable {

    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();
    private static final long IDLE_NANOS = Duration.ofSeconds(1).toNanos();
    private static final long OVERSEE_MILLIS = 100;

    /** One await and how to answer it; answered at most once. */
    record Pending(AwaitProbe probe, Consumer<Map<String, Object>> answer, AtomicBoolean done) {
        Pending(AwaitProbe probe, Consumer<Map<String, Object>> answer) {
            this(probe, answer, new AtomicBoolean());
        }

        void finish(Map<String, Object> reply) {
            if (done.compareAndSet(false, true)) {
                answer.accept(reply);
            }
        }
    }

    /** One watching thread's position, so an overseer can see a check that overran. */
    private final class Watch implements Runnable {
        volatile boolean abandoned;
        volatile Pending checking;
        volatile long checkStarted;

        @Override
        public void run() {
            while (!closed && !abandoned) {
                long seen = changes.version();
                // Nothing pending: sleep until an await arrives (it pokes) rather than every few ms.
                long wait = IDLE_NANOS;
                for (Pending p : pending) {
                    if (abandoned) {
                        return;
                    }
                    if (p.done().get()) {
                        remove(p);
                        continue;
                    }
                    checkStarted = System.nanoTime();
                    checking = p;
                    Map<String, Object> answer = check(p.probe());
                    checking = null;
                    if (abandoned) {
                        return;
                    }
                    if (answer != null) {
                        remove(p);
                        p.finish(answer);
                    } else {
                        wait = Math.min(Math.min(wait, POLL_NANOS), p.probe().nanosLeft());
                    }
                }
                try {
                    changes.awaitChange(seen, Math.max(wait, 1));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private final Changes changes;
    private final int limit;
    private final long checkLimitNanos;
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final Thread overseer;
    private volatile Watch watch;
    private volatile Thread thread;
    private volatile boolean closed;

    AwaitWatcher(Changes changes, int limit, Duration checkLimit) {
        this.changes = changes;
        this.limit = limit;
        this.checkLimitNanos = checkLimit.toNanos();
        startWatch();
        this.overseer = new Thread(this::oversee, "harness-control-await-overseer");
        this.overseer.setDaemon(true);
        this.overseer.start();
    }

    /** Takes a wait that was not satisfied at once; refuses it when too many are pending. */
    void add(Pending p) {
        if (count.incrementAndGet() > limit) {
            count.decrementAndGet();
            throw new HarnessException("too many pending awaits (" + limit + "): let some finish first");
        }
        pending.add(p);
        changes.poke();
    }

    private void remove(Pending p) {
        if (pending.remove(p)) {
            count.decrementAndGet();
        }
    }

    private void startWatch() {
        Watch next = new Watch();
        Thread t = new Thread(next, "harness-control-await");
        t.setDaemon(true);
        watch = next;
        thread = t;
        t.start();
    }

    private void oversee() {
        while (!closed) {
            try {
                Thread.sleep(OVERSEE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            Watch current = watch;
            Pending stuck = current.checking;
            if (stuck != null && System.nanoTime() - current.checkStarted > checkLimitNanos) {
                current.abandoned = true;
                remove(stuck);
                stuck.finish(Replies.error(ControlError.TIMEOUT, "checking the await took longer than "
                        + Duration.ofNanos(checkLimitNanos).toMillis() + " ms and was given up (its thread goes on until it "
                        + "returns): a getter that blocks?"));
                startWatch();
            }
        }
    }

    /** The reply for a finished wait, or {@code null} while it goes on. */
    private static Map<String, Object> check(AwaitProbe probe) {
        try {
            if (probe.check()) {
                return Replies.ok(probe.value());
            }
            return probe.nanosLeft() <= 0 ? Replies.error(probe.timedOut()) : null;
        } catch (RuntimeException e) {
            return Replies.error(e);
        } catch (Throwable e) {
            return Replies.error(ControlError.FAILED, "checking the await failed: " + e);
        }
    }

    @Override
    public void close() {
        closed = true;
        overseer.interrupt();
        Thread t = thread;
        t.interrupt();
        try {
            t.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
