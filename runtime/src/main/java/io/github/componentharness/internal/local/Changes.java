package io.github.componentharness.internal.local;

import java.util.concurrent.TimeUnit;

/** A version counter bumped on every status change and publication, for waits that must not spin. */
public final class Changes {

    private long version;

    public synchronized long version() {
        return version;
    }

    synchronized void changed() {
        version++;
        notifyAll();
    }

    /** Wakes the waiters as a change would, for a waiter that has new work of its own. */
    public void poke() {
        changed();
    }

    /** Waits until the version moves past {@code seen}, or {@code nanos} pass. */
    public synchronized void awaitChange(long seen, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (version == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
