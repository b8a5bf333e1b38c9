package io.github.componentharness.internal.state;

import io.github.componentharness.NoSuchStateException;

import io.github.componentharness.Harness;
import io.github.componentharness.HarnessException;
import io.github.componentharness.HarnessTimeoutException;
import io.github.componentharness.Status;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * One pending wait for a state value: checks it on demand and says whether it is satisfied,
 * can never be (the component FAILED), or has run out of time. The waiting itself is the
 * caller's: a test thread in-process, the control port's await watcher, or a remote client.
 */
public final class AwaitProbe {

    /** A test of a state value; {@code present} is false while the key does not resolve. */
    @FunctionalInterface
    public interface ValueTest {
        boolean test(Object value, boolean present);
    }

    private final Harness harness;
    private final String component;
    private final String key;
    private final ValueTest test;
    private final String wanted;
    private final Duration timeout;
    private final long deadline;
    private String last = "(absent)";
    private Object value;

    public AwaitProbe(Harness harness, String component, String key, ValueTest test, String wanted, Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("an await needs a timeout of zero or more, not " + timeout);
        }
        this.harness = harness;
        this.component = component;
        this.key = key;
        this.test = test;
        this.wanted = wanted;
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
        harness.status(component);
    }

    /**
     * Reads the value once.
     *
     * @return whether the test accepts it; then {@link #value()} holds it
     * @throws HarnessException when the component has FAILED, or the value cannot be read
     */
    public boolean check() {
        boolean present = true;
        Object current = null;
        try {
            current = harness.state(component, key);
            last = String.valueOf(current);
        } catch (NoSuchStateException absent) {
            present = false;
        } catch (HarnessException e) {
            if (harness.status(component) != Status.FAILED) {
                throw e;
            }
            present = false;
        }
        if (test.test(current, present)) {
            value = current;
            return true;
        }
        if (harness.status(component) == Status.FAILED) {
            throw new HarnessException("component '" + component + "' FAILED while awaiting '" + key + "' to be " + wanted
                    + " (last value: " + last + "): " + harness.failure(component).orElse("unknown cause"));
        }
        return false;
    }

    /**
     * Checks every {@code intervalNanos} until the test accepts the value: for a harness that
     * announces no changes to this side (one in another JVM).
     *
     * @return the accepted value
     * @throws HarnessTimeoutException when the timeout passes first
     */
    public Object poll(long intervalNanos) {
        while (!check()) {
            long left = nanosLeft();
            if (left <= 0) {
                throw timedOut();
            }
            LockSupport.parkNanos(Math.min(left, intervalNanos));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new HarnessException("interrupted while awaiting '" + component + "." + key + "'");
            }
        }
        return value;
    }

    /** The accepted value, after {@link #check()} returned true. */
    public Object value() {
        return value;
    }

    public long nanosLeft() {
        return deadline - System.nanoTime();
    }

    /** The exception for a wait that ran out of time, with the last value seen. */
    public HarnessTimeoutException timedOut() {
        return new HarnessTimeoutException("'" + component + "." + key + "' was not " + wanted + " within "
                + timeout.toMillis() + " ms; last value: " + last + " (status " + harness.status(component) + ")");
    }
}
