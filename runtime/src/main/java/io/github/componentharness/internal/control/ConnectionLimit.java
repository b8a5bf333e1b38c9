package io.github.componentharness.internal.control;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

/**
 * Caps the control port's open connections, through ZeroMQ's own authentication hook (ZAP):
 * a connection past {@link #MAX_CONNECTIONS} is refused during its handshake, before it can
 * send a frame, so no peer, however many connections it opens, makes the harness allocate more
 * than {@code MAX_CONNECTIONS} frames of {@link ControlServer#MAX_MESSAGE_BYTES}. The count comes
 * from the socket's monitor (accepted minus disconnected). Clients with the NULL mechanism, the
 * ZeroMQ default, need nothing: the hook only counts.
 */
final class ConnectionLimit implements AutoCloseable {

    /** Open connections the control port accepts at once; ITs need a handful. */
    static final int MAX_CONNECTIONS = 256;

    private static final String ZAP_ENDPOINT = "inproc://zeromq.zap.01";
    private static final AtomicInteger MONITORS = new AtomicInteger();

    private final ZContext zmq;
    private final Consumer<Throwable> onDeath;
    private final ZMQ.Socket handler;
    private final AtomicInteger open = new AtomicInteger();
    private final Thread thread;
    private volatile ZMQ.Socket monitor;
    private volatile boolean closed;

    /**
     * Serves the authentication hook of every socket in {@code zmq} that sets a ZAP domain.
     *
     * @param onDeath told should the hook's thread end while the port serves: no handshake could complete
     */
    ConnectionLimit(ZContext zmq, Consumer<Throwable> onDeath) {
        this.zmq = zmq;
        this.onDeath = onDeath;
        this.handler = zmq.createSocket(SocketType.REP);
        handler.setLinger(0);
        handler.bind(ZAP_ENDPOINT);
        this.thread = new Thread(this::serve, "harness-control-connections");
        this.thread.setDaemon(true);
    }

    /** Counts {@code router}'s connections and makes its handshakes ask this hook; call before it binds. */
    void watch(ZMQ.Socket router) {
        router.setZAPDomain("harness".getBytes(StandardCharsets.US_ASCII));
        String endpoint = "inproc://harness-control-connections-" + MONITORS.incrementAndGet();
        router.monitor(endpoint, ZMQ.EVENT_ACCEPTED | ZMQ.EVENT_DISCONNECTED);
        ZMQ.Socket events = zmq.createSocket(SocketType.PAIR);
        events.setLinger(0);
        events.connect(endpoint);
        ZMQ.Socket previous = monitor;
        monitor = events;
        open.set(0);
        if (previous == null) {
            thread.start();
        }
    }

    private void serve() {
        ZMQ.Poller poller = zmq.createPoller(2);
        try {
            poller.register(handler, ZMQ.Poller.POLLIN);
            ZMQ.Socket watched = null;
            while (!closed) {
                if (watched != monitor) {
                    if (watched != null) {
                        poller.unregister(watched);
                    }
                    watched = monitor;
                    poller.register(watched, ZMQ.Poller.POLLIN);
                }
                // Short: closing waits for this thread, and a harness stop should not wait long.
                if (poller.poll(20) <= 0) {
                    continue;
                }
                // Events first: a connection's ACCEPTED always precedes its handshake's request.
                for (ZMQ.Event event; (event = ZMQ.Event.recv(watched, ZMQ.DONTWAIT)) != null; ) {
                    if (event.getEvent() == ZMQ.EVENT_ACCEPTED) {
                        open.incrementAndGet();
                    } else {
                        open.updateAndGet(n -> Math.max(0, n - 1));
                    }
                }
                for (ZMsg request; (request = ZMsg.recvMsg(handler, ZMQ.DONTWAIT)) != null; ) {
                    answer(request);
                }
            }
        } catch (Throwable e) {
            if (!closed) {
                // Without the hook every handshake would wait for an answer: the port is as good as dead.
                onDeath.accept(e);
            }
        } finally {
            try {
                poller.close();
            } catch (RuntimeException closing) {
                // The context is closed already.
            }
        }
    }

    /** ZAP 1.0: version, request id, ...; the reply: version, request id, status code, text, user id, metadata. */
    private void answer(ZMsg request) {
        String version = request.popString();
        String requestId = request.popString();
        boolean allowed = open.get() <= MAX_CONNECTIONS;
        ZMsg reply = new ZMsg();
        reply.add(version == null ? "1.0" : version);
        reply.add(requestId == null ? "" : requestId);
        reply.add(allowed ? "200" : "400");
        reply.add(allowed ? "OK" : "the control port has " + MAX_CONNECTIONS + " connections open already");
        reply.add("");
        reply.add(new byte[0]);
        reply.send(handler);
    }

    @Override
    public void close() {
        closed = true;
        // Even on an interrupted thread: the context must not close under this one's sockets.
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (thread.isAlive() && System.nanoTime() < deadline) {
            try {
                thread.join(100);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
