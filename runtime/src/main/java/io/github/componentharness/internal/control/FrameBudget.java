package io.github.componentharness.internal.control;

import java.util.concurrent.atomic.AtomicLong;
import zmq.Msg;
import zmq.msg.MsgAllocator;
import zmq.msg.MsgAllocatorThreshold;

/**
 * Counts the bytes of the frames ZeroMQ decoded for the control port that the serving thread has
 * not taken yet. ZeroMQ (jeromq and libzmq alike) counts a connection's queue in whole messages,
 * so the frames of a message that never ends are kept without limit; here they show as a count
 * that only grows. Past {@link #LIMIT} the serving thread closes its socket, which frees them with
 * every connection, and binds the port again.
 *
 * <p>ZeroMQ's decoder asks this allocator for every frame it reads, on its I/O thread.
 */
final class FrameBudget implements MsgAllocator {

    /**
     * Above what the limits allow legitimately: {@link ConnectionLimit#MAX_CONNECTIONS}
     * connections, each with {@link ControlServer#REQUESTS_PER_PEER} requests queued and one
     * being read, of two frames of at most {@link ControlServer#MAX_MESSAGE_BYTES}: 20 MiB.
     */
    static final long LIMIT = 24L * 1024 * 1024;

    private final MsgAllocator allocator = new MsgAllocatorThreshold();
    private final AtomicLong held = new AtomicLong();

    @Override
    public Msg allocate(int size) {
        held.addAndGet(size);
        return allocator.allocate(size);
    }

    /** The serving thread took a message whose frames (its identity aside) hold {@code bytes}. */
    void taken(long bytes) {
        held.addAndGet(-bytes);
    }

    boolean exceeded() {
        return held.get() > LIMIT;
    }

    long held() {
        return held.get();
    }

    /** The socket that held the frames is gone, and they with it. */
    void reset() {
        held.set(0);
    }
}
