package com.example.pipeline;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A steady load for the pipeline: sends the broker's frontend a job every few milliseconds,
 * stamped with its send time ({@code job-7@<epoch millis>}), until closed. A fault shows in how
 * this work is shared and how long it takes, not in one batch that may be half lost with a cut
 * connection.
 */
final class Feed implements AutoCloseable {

    private static final long PERIOD_MILLIS = 10;

    private final Thread thread;
    private volatile boolean closed;

    Feed(int frontendPort) {
        thread = new Thread(() -> feed(frontendPort), "feed");
        thread.start();
    }

    // ZeroMQ sockets belong to one thread: this one makes, uses and closes its own.
    private void feed(int frontendPort) {
        try (ZContext zmq = new ZContext()) {
            ZMQ.Socket push = zmq.createSocket(SocketType.PUSH);
            push.setLinger(0);
            push.connect("tcp://127.0.0.1:" + frontendPort);
            for (long i = 0; !closed; i++) {
                push.send("job-" + i + "@" + System.currentTimeMillis(), ZMQ.DONTWAIT);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS)); // the load's rate, not a wait for a result
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.join();
    }
}
