package io.github.componentharness.internal.control;

import io.github.componentharness.HarnessException;
import io.github.componentharness.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZFrame;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import org.zeromq.ZMsg;

/**
 * A client's connection to a control port: a DEALER socket plus a monitor of its connection, so
 * a harness that is gone shows at once rather than as a reply that never comes. Requests carry
 * ids; a late reply to an earlier, timed-out request is recognised and dropped. Not thread-safe.
 */
final class ControlConnection implements AutoCloseable {

    private static final AtomicInteger MONITORS = new AtomicInteger();
    private static final long CONNECTION_CHECK_MILLIS = 100;

    private final String endpoint;
    private final Duration connectTimeout;
    /**
     * One context, with one I/O thread, for every client in this JVM (its threads are daemons):
     * with a context per client, four parallel clients spend their time handing messages between
     * four I/O threads on two cores. Each connection closes only its own sockets.
     */
    private static final ZContext SHARED = new ZContext(1);

    private ZMQ.Socket socket;
    private ZMQ.Socket monitor;
    private boolean connected;

    ControlConnection(String endpoint, Duration connectTimeout) {
        this.endpoint = endpoint;
        this.connectTimeout = connectTimeout;
    }

    /**
     * Sends one request body and returns the reply with the same id.
     *
     * @throws HarnessException naming the endpoint when no harness is connected, the connection
     *     drops before the reply, or no reply comes within {@code timeout}
     */
    Map<String, Object> exchange(String op, long id, String body, Duration timeout) {
        try {
            open();
            awaitConnection();
            socket.sendMore(new byte[0]);
            socket.send(body.getBytes(StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    reset();
                    throw new HarnessException("no reply from the harness at " + endpoint + " to '" + op + "' within "
                            + timeout.toMillis() + " ms: it may be hung (see its harness.log)");
                }
                // A blocking receive in slices, as a bare REQ socket waits: cheaper than a poller,
                // and between slices the monitor tells whether the connection went away.
                socket.setReceiveTimeOut((int) Math.max(1, Math.min(CONNECTION_CHECK_MILLIS, left / 1_000_000)));
                Map<String, Object> reply = receive(0);
                if (reply != null && reply.get("id") instanceof Number && ((Number) reply.get("id")).longValue() == id) {
                    return reply;
                }
                if (reply == null && !readEvents()) {
                    reset();
                    throw new HarnessException("the harness at " + endpoint + " closed the connection before replying to '"
                            + op + "': it stopped or died (see its harness.log)");
                }
            }
        } catch (ZMQException e) {
            reset();
            throw new HarnessException("cannot talk to the harness at " + endpoint + ": "
                    + ZMQ.Error.findByCode(e.getErrorCode()).getMessage(), e);
        }
    }

    private void open() {
        if (socket != null) {
            return;
        }
        socket = SHARED.createSocket(SocketType.DEALER);
        socket.setLinger(0);
        // Queue nothing for a harness that is not connected: a call fails fast instead of
        // delivering stale requests to a harness that comes up on the same port later.
        socket.setImmediate(true);
        String monitorEndpoint = "inproc://harness-client-monitor-" + MONITORS.incrementAndGet();
        socket.monitor(monitorEndpoint, ZMQ.EVENT_CONNECTED | ZMQ.EVENT_DISCONNECTED);
        monitor = SHARED.createSocket(SocketType.PAIR);
        monitor.setLinger(0);
        monitor.connect(monitorEndpoint);
        connected = false;
        socket.connect(endpoint);
    }

    private void awaitConnection() {
        long deadline = System.nanoTime() + connectTimeout.toNanos();
        readEvents();
        while (!connected) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                reset();
                throw new HarnessException("no harness answers at " + endpoint + ": nothing accepted a connection within "
                        + connectTimeout.toSeconds() + " s. Is it running? Check harness.endpoint and its harness.log");
            }
            monitor.setReceiveTimeOut((int) Math.max(1, left / 1_000_000));
            ZMQ.Event event = ZMQ.Event.recv(monitor);
            if (event != null) {
                connected = event.getEvent() == ZMQ.EVENT_CONNECTED;
            }
        }
    }

    /** Applies the monitor's pending events; returns whether the connection is up afterwards. */
    private boolean readEvents() {
        for (ZMQ.Event event; (event = ZMQ.Event.recv(monitor, ZMQ.DONTWAIT)) != null; ) {
            connected = event.getEvent() == ZMQ.EVENT_CONNECTED;
        }
        return connected;
    }

    private Map<String, Object> receive(int flags) {
        ZMsg message = ZMsg.recvMsg(socket, flags);
        if (message == null) {
            return null;
        }
        try {
            ZFrame last = message.peekLast();
            return last == null ? null : Json.readObject(new String(last.getData(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notJson) {
            return null;
        } finally {
            message.destroy();
        }
    }

    /** Drops the socket, and with it any request still queued or reply still due. */
    private void reset() {
        if (socket != null) {
            // The monitor stops before its reader goes: an event for a reader that is gone
            // blocks the I/O thread that writes it (jeromq writes monitor events with a blocking
            // send), and with it every connection that thread serves.
            socket.monitor(null, 0);
            // Through the context, which then forgets them: closing a socket twice (here, then
            // again when the context closes) races jeromq's reaper thread.
            SHARED.destroySocket(monitor);
            SHARED.destroySocket(socket);
            socket = null;
            monitor = null;
        }
    }

    @Override
    public void close() {
        reset();
    }
}
