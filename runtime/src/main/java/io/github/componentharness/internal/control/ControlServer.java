package io.github.componentharness.internal.control;

import io.github.componentharness.HarnessException;
import io.github.componentharness.internal.json.Json;
import io.github.componentharness.internal.fork.Host;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZFrame;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import org.zeromq.ZMsg;

/**
 * The control port: a ZeroMQ ROUTER socket speaking REQ-style framing (an empty delimiter frame,
 * then one JSON body frame) on one thread that owns it and only routes. Replies made on other
 * threads are queued for it, and a wake message over an in-process socket makes it send them at
 * once. No request, frame or peer can end serving: a failure of one request is its error reply;
 * should the socket itself fail, the port is bound again on the same endpoint, and if that
 * fails too the owner is told ({@code onFailure}) so the harness fails loudly.
 *
 * <p>Limits, so a peer without the token holds little: a frame over {@link #MAX_MESSAGE_BYTES}
 * ends that peer's connection before its body is read (ZeroMQ allocates a frame when it reads
 * its header), at most {@link ConnectionLimit#MAX_CONNECTIONS} connections are open at once, at
 * most {@link #REQUESTS_PER_PEER} requests and {@link #QUEUE_PER_PEER} replies are queued per peer
 * (a peer that never reads its replies loses the surplus), and nothing of an unauthorised request
 * is echoed. ZeroMQ does not bound the frames of one unfinished message: see the protocol page.
 */
public final class ControlServer implements AutoCloseable {

    /** Requests are small; this bounds each frame a peer sends (ZeroMQ's limit is per frame, not per message). */
    public static final long MAX_MESSAGE_BYTES = 16 * 1024;
    /**
     * Requests queued per peer before the harness stops reading its connection (the peer then
     * waits, as TCP makes it): the serving thread takes requests at once, so a well-behaved
     * client never meets this; a hostile one holds at most this many messages.
     */
    public static final int REQUESTS_PER_PEER = 4;
    /** Replies queued per peer: beyond it, replies to a peer that does not read them are dropped. */
    public static final int QUEUE_PER_PEER = 100;

    private static final System.Logger LOG = System.getLogger("io.github.componentharness");
    private static final int CHECK_CLOSING_MILLIS = 100;
    private static final Duration QUICK_WAIT = Duration.ofMillis(1);
    private static final Duration CONTEXT_CLOSE = Duration.ofSeconds(2);
    private static final int RESTORE_ATTEMPTS = 3;
    /** ZeroMQ closes a socket on its I/O thread: binding its endpoint again takes a few tries. */
    private static final int BIND_TRIES = 50;
    private static final long BIND_RETRY_MILLIS = 100;

    private final Operations operations;
    private final ZContext zmq = new ZContext();
    private final ConcurrentLinkedQueue<ZMsg> outbox = new ConcurrentLinkedQueue<>();
    private final FrameBudget frames = new FrameBudget();
    private final CountDownLatch bound = new CountDownLatch(1);
    private final Thread thread;
    private final Consumer<Throwable> onFailure;
    private volatile String wakeEndpoint;
    private final byte[] wakeIdentity = Tokens.newToken().getBytes(StandardCharsets.US_ASCII);
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final AtomicBoolean failureReported = new AtomicBoolean();
    private final Object wakeLock = new Object();
    private volatile ZMQ.Socket wake;
    private ConnectionLimit connections;
    private volatile String endpoint;
    private volatile RuntimeException bindFailure;
    private volatile boolean closing;
    /** The serving thread is waiting a moment for reads it handed on: a reply unparks it rather than waking it over a socket. */
    private volatile boolean waitingForReads;

    private static final AtomicInteger WAKES = new AtomicInteger();

    private ControlServer(Operations operations, String host, int port, Consumer<Throwable> onFailure) {
        this.operations = operations;
        this.onFailure = onFailure;
        // An I/O thread that dies (say, of an OutOfMemoryError) takes every connection with it:
        // the harness must fail loudly rather than run on without a port.
        zmq.setUncaughtExceptionHandler((thread, e) -> failed(e));
        this.thread = new Thread(() -> serve(host, port), "harness-control");
        this.thread.setDaemon(true);
    }

    /**
     * Binds the control port and starts serving {@code served}.
     *
     * @param host the address to bind; anything but loopback is logged as a warning
     * @param port the port, or 0 for one the system chooses
     * @param onShutdown run on a thread of the server's after the {@code shutdown} op replied
     * @param onFailure told, once, when the port stopped serving and could not be bound again
     * @throws HarnessException when the address cannot be bound
     */
    public static ControlServer start(Host served, String host, int port, String token, Runnable onShutdown,
            Consumer<Throwable> onFailure) {
        warnUnlessLoopback(host);
        ControlServer server = new ControlServer(new Operations(served, token, onShutdown), host, port, onFailure);
        server.thread.start();
        try {
            if (!server.bound.await(30, TimeUnit.SECONDS)) {
                server.close();
                throw new HarnessException("the control port did not bind " + host + ":" + port + " within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            throw new HarnessException("interrupted while binding the control port", e);
        }
        if (server.bindFailure != null) {
            server.close();
            throw server.bindFailure;
        }
        return server;
    }

    /** The endpoint clients connect to, such as {@code tcp://127.0.0.1:41234}. */
    public String endpoint() {
        return endpoint;
    }

    private void serve(String host, int port) {
        ZMQ.Socket router;
        try {
            connections = new ConnectionLimit(zmq, this::failed);
            router = bind("tcp://" + host + ":" + (port == 0 ? "*" : String.valueOf(port)));
            connectWake();
        } catch (ZMQException e) {
            bindFailure = new HarnessException("cannot bind the control port to tcp://" + host + ":" + port + ": "
                    + ZMQ.Error.findByCode(e.getErrorCode()).getMessage() + ": choose another controlPort, or 0 for any free one", e);
            bound.countDown();
            return;
        } catch (HarnessException e) {
            bindFailure = e;
            bound.countDown();
            return;
        }
        bound.countDown();
        int failures = 0;
        while (!closing) {
            try {
                route(router);
            } catch (EndlessMessage e) {
                if (closing) {
                    break;
                }
                LOG.log(System.Logger.Level.WARNING, "the control port at " + endpoint + " " + e.getMessage()
                        + ": closing every connection and binding it again (clients reconnect by themselves)");
                zmq.destroySocket(router);
                frames.reset();
                router = restore(e, 0);
                if (router == null) {
                    return;
                }
            } catch (Throwable e) {
                if (closing) {
                    break;
                }
                failures++;
                LOG.log(System.Logger.Level.ERROR, "the control port at " + endpoint + " failed (" + failures + " of "
                        + RESTORE_ATTEMPTS + "): " + e + "; binding it again", e);
                zmq.destroySocket(router);
                router = restore(e, failures);
                if (router == null) {
                    return;
                }
            }
        }
        try {
            flush(router);
        } finally {
            zmq.destroySocket(router);
        }
    }

    /** Frames ZeroMQ holds for messages that do not end have passed the {@link FrameBudget}. */
    private static final class EndlessMessage extends RuntimeException {
        EndlessMessage(long held) {
            super("holds " + held / 1024 + " KiB of frames for messages that do not end (a peer sending frame after frame, "
                    + "each flagged more-to-follow), above its limit of " + FrameBudget.LIMIT / 1024 + " KiB", null, false, false);
        }
    }

    /** Tells the owner, once, that the port cannot serve any more. */
    private void failed(Throwable cause) {
        if (!closing && failureReported.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.ERROR, "the control port at " + endpoint + " cannot serve any more", cause);
            if (onFailure != null) {
                onFailure.accept(cause);
            }
        }
    }

    /** A ROUTER on the same endpoint as before, or {@code null} after telling the owner that none can be had. */
    private ZMQ.Socket restore(Throwable cause, int failures) {
        if (failures <= RESTORE_ATTEMPTS) {
            for (int tries = 1; !closing && tries <= BIND_TRIES; tries++) {
                try {
                    ZMQ.Socket router = bind(endpoint);
                    connectWake();
                    return router;
                } catch (RuntimeException again) {
                    if (tries == BIND_TRIES) {
                        cause.addSuppressed(again);
                    }
                }
                try {
                    Thread.sleep(BIND_RETRY_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        failed(cause);
        return null;
    }

    /** The wake socket, new after each bind: an in-process connection does not outlive its bound end. */
    private void connectWake() {
        synchronized (wakeLock) {
            if (wake != null) {
                zmq.destroySocket(wake);
            }
            ZMQ.Socket socket = zmq.createSocket(SocketType.DEALER);
            socket.setLinger(0);
            socket.setIdentity(wakeIdentity);
            socket.connect(wakeEndpoint);
            wake = socket;
            wakePending.set(false);
        }
    }

    private ZMQ.Socket bind(String address) {
        ZMQ.Socket router = zmq.createSocket(SocketType.ROUTER);
        router.setLinger(0);
        router.setMaxMsgSize(MAX_MESSAGE_BYTES);
        router.setMsgAllocator(frames);
        router.setRcvHWM(REQUESTS_PER_PEER);
        router.setSndHWM(QUEUE_PER_PEER);
        router.setRouterMandatory(false);
        router.setReceiveTimeOut(CHECK_CLOSING_MILLIS);
        connections.watch(router);
        if (!router.bind(address)) {
            zmq.destroySocket(router);
            throw new HarnessException("cannot bind the control port to " + address);
        }
        endpoint = router.getLastEndpoint();
        wakeEndpoint = "inproc://harness-control-wake-" + WAKES.incrementAndGet();
        if (!router.bind(wakeEndpoint)) {
            zmq.destroySocket(router);
            throw new HarnessException("cannot bind the control port's wake socket " + wakeEndpoint);
        }
        return router;
    }

    /** Receives and routes until closing; any throw ends this round and the socket is bound again. */
    private void route(ZMQ.Socket router) {
        while (!closing) {
            // A blocking receive, as a bare REP socket waits, is cheaper per request than a
            // poller; replies made elsewhere wake it through the in-process wake socket.
            ZMsg message = ZMsg.recvMsg(router, 0);
            for (int i = 0; message != null && i < 1000; i++) {
                receive(message);
                message = ZMsg.recvMsg(router, ZMQ.DONTWAIT);
            }
            if (frames.exceeded()) {
                throw new EndlessMessage(frames.held());
            }
            awaitQuickReads();
            flush(router);
        }
    }

    /**
     * Reads take microseconds: waiting a moment for those just handed on, to send their replies
     * with this round, costs less than a wake message each. Never longer than {@link #QUICK_WAIT}:
     * a read that blocks is answered through the wake socket when it ends.
     */
    private void awaitQuickReads() {
        if (operations.readsInFlight() == 0) {
            return;
        }
        long deadline = System.nanoTime() + QUICK_WAIT.toNanos();
        waitingForReads = true;
        try {
            while (operations.readsInFlight() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                LockSupport.parkNanos(left);
            }
        } finally {
            waitingForReads = false;
        }
    }

    private void receive(ZMsg message) {
        ZFrame identity = message.pop();
        if (identity == null) {
            return;
        }
        frames.taken(message.contentSize());
        if (Arrays.equals(identity.getData(), wakeIdentity)) {
            wakePending.set(false);
            return;
        }
        Map<String, Object> reply = answer(operations, message, later -> {
            send(identity, later);
            if (waitingForReads) {
                LockSupport.unpark(thread);
            } else {
                wake();
            }
        });
        if (reply != null) {
            send(identity, reply);
        }
    }

    /**
     * The reply to one message (its frames after the peer's identity), or {@code null} when
     * {@code later} gets it. Never throws: this is the whole request path from bytes to reply.
     */
    static Map<String, Object> answer(Operations operations, ZMsg frames, Consumer<Map<String, Object>> later) {
        if (frames.size() != 2 || frames.getFirst().size() != 0) {
            return Replies.error(ControlError.BAD_REQUEST, "expected an empty delimiter frame, then one JSON body frame, "
                    + "as a REQ socket sends them; got " + frames.size() + " frames");
        }
        try {
            return operations.handle(frames.getLast().getData(), later);
        } catch (Throwable e) {
            // handle answers every failure itself; this is the guard should it ever not.
            return Replies.error(ControlError.FAILED, "the harness could not handle this request: " + e);
        }
    }

    /** Queues a reply for the server thread, from any thread. */
    private void send(ZFrame identity, Map<String, Object> reply) {
        ZMsg out = new ZMsg();
        out.add(identity.duplicate());
        out.add(new byte[0]);
        out.add(Json.write(reply).getBytes(StandardCharsets.UTF_8));
        outbox.add(out);
    }

    /** Makes the server thread's receive return, so it sends what was queued; one wake in flight at most. */
    private void wake() {
        if (wakePending.compareAndSet(false, true)) {
            synchronized (wakeLock) {
                if (closing || !wake.send(new byte[0], ZMQ.DONTWAIT)) {
                    wakePending.set(false);
                }
            }
        }
    }

    private void flush(ZMQ.Socket router) {
        for (ZMsg out; (out = outbox.poll()) != null; ) {
            // A peer that went away, or whose queue is full, is not an error: ROUTER drops what
            // it cannot route.
            out.send(router, true);
        }
    }

    private static void warnUnlessLoopback(String host) {
        try {
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                LOG.log(System.Logger.Level.WARNING, "the control port binds " + host + ", which is not loopback: anyone who can "
                        + "reach it and knows the token can stop components and read their state");
            }
        } catch (UnknownHostException e) {
            throw new HarnessException("unknown control host '" + host + "': use 127.0.0.1, or an address of this machine");
        }
    }

    /** Stops serving: replies not yet sent and pending awaits are dropped (linger 0). */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (Thread.currentThread() != thread) {
            // The serving thread may wait in a receive: the wake socket ends that wait now.
            synchronized (wakeLock) {
                if (wake != null) {
                    wake.send(new byte[0], ZMQ.DONTWAIT);
                }
            }
            joinUninterruptibly(thread, 5000);
        }
        // The connection limit's thread uses sockets of this context: it ends first, so that one
        // thread closes them all.
        if (connections != null) {
            connections.close();
        }
        synchronized (wakeLock) {
            closeContext();
        }
        // Last: on shutdown this runs on the operations' own thread, which closing interrupts.
        operations.close();
    }

    /**
     * Closes ZeroMQ's context, waiting at most {@link #CONTEXT_CLOSE}: a context can wait on a
     * peer's pipe for long, and a harness that is stopping must not hang in it.
     */
    private void closeContext() {
        Thread closer = new Thread(zmq::close, "harness-control-close");
        closer.setDaemon(true);
        closer.start();
        joinUninterruptibly(closer, CONTEXT_CLOSE.toMillis());
        if (closer.isAlive()) {
            LOG.log(System.Logger.Level.WARNING, "the control port's ZeroMQ context did not close within "
                    + CONTEXT_CLOSE.toMillis() + " ms; left to the JVM's exit");
        }
    }

    /** Close may run on a thread that is being interrupted (shutdown): the join must still happen. */
    private static void joinUninterruptibly(Thread thread, long millis) {
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (thread.isAlive() && System.nanoTime() < deadline) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
