package io.github.componentharness.internal.control;

import io.github.componentharness.HarnessException;
import io.github.componentharness.internal.local.Changes;
import io.github.componentharness.internal.state.AwaitProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Checks the control port's pending awaits on one thread of its own, whenever state changes and
 * at least every few milliseconds (fields announce no change), so any number of clients may
 * wait at once without holding a thread each or blocking other requests.
 */
final class AwaitWatcher implements AutoCloseable {

    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();
    private static final long IDLE_NANOS = Duration.ofSeconds(1).toNanos();

    /** One await and how to answer it. */
    record Pending(AwaitProbe probe, Consumer<Map<String, Object>> answer) {
    }

    private final Changes changes;
    private final int limit;
    private final ConcurrentLinkedQueue<Pending> incoming = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closed;

    AwaitWatcher(Changes changes, int limit) {
        this.changes = changes;
        this.limit = limit;
        this.thread = new Thread(this::watch, "harness-control-await");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Takes a wait that was not satisfied at once; refuses it when too many are pending. */
    void add(Pending pending) {
        if (count.incrementAndGet() > limit) {
            count.decrementAndGet();
            throw new HarnessException("too many pending awaits (" + limit + "): let some finish first");
        }
        incoming.add(pending);
        changes.poke();
    }

    private void watch() {
        List<Pending> pending = new ArrayList<>();
        while (!closed) {
            long seen = changes.version();
            for (Pending p; (p = incoming.poll()) != null; ) {
                pending.add(p);
            }
            // Nothing pending: sleep until an await arrives (it pokes) rather than every few ms.
            long wait = IDLE_NANOS;
            for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                Map<String, Object> answer = check(p.probe());
                if (answer != null) {
                    it.remove();
                    count.decrementAndGet();
                    p.answer().accept(answer);
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

    /** The reply for a finished wait, or {@code null} while it goes on. */
    private static Map<String, Object> check(AwaitProbe probe) {
        try {
            if (probe.check()) {
                return Replies.ok(probe.value());
            }
            return probe.nanosLeft() <= 0 ? Replies.error(probe.timedOut()) : null;
        } catch (RuntimeException e) {
            return Replies.error(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
