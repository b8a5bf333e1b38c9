package io.github.componentharness.internal.control;

import io.github.componentharness.Harness;
import io.github.componentharness.HarnessException;
import io.github.componentharness.internal.json.Json;
import io.github.componentharness.internal.local.Changes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZFrame;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import org.zeromq.ZMsg;

/**
 * The control port: a ZeroMQ ROUTER socket speaking REQ-style framing (an empty delimiter frame,
 * then one JSON body frame) on one thread that owns it. Replies that come later (awaits,
 * lifecycle operations) are queued for that thread, which sends them between receives. Bad frames get an error reply; messages over {@link #MAX_MESSAGE_BYTES} are dropped
 * by ZeroMQ itself; the server keeps serving.
 */
public final class ControlServer implements AutoCloseable {

    /** Requests are small; this bounds what one hostile message can make the harness hold. */
    public static final long MAX_MESSAGE_BYTES = 1024 * 1024;

    private static final System.Logger LOG = System.getLogger("io.github.componentharness");
    private static final int BUSY_MILLIS = 2;
    private static final int IDLE_MILLIS = 50;

    private final Operations operations;
    private final ZContext zmq = new ZContext();
    private final ConcurrentLinkedQueue<ZMsg> outbox = new ConcurrentLinkedQueue<>();
    private final CountDownLatch bound = new CountDownLatch(1);
    private final Thread thread;
    private final AtomicInteger pendingLater = new AtomicInteger();
    private volatile String endpoint;
    private volatile RuntimeException bindFailure;
    private volatile boolean closing;

    private ControlServer(Operations operations, String host, int port) {
        this.operations = operations;
        this.thread = new Thread(() -> serve(host, port), "harness-control");
        this.thread.setDaemon(true);
    }

    /**
     * Binds the control port and starts serving.
     *
     * @param host the address to bind; anything but loopback is logged as a warning
     * @param port the port, or 0 for one the system chooses
     * @param threadDump thread stacks of one component, or of the whole JVM for {@code null}
     * @param onShutdown run on a thread of the server's after the {@code shutdown} op replied
     * @throws HarnessException when the address cannot be bound
     */
    public static ControlServer start(Harness harness, Changes changes, String host, int port, String token,
            Function<String, String> threadDump, Runnable onShutdown) {
        warnUnlessLoopback(host);
        ControlServer server = new ControlServer(new Operations(harness, changes, token, threadDump, onShutdown), host, port);
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
            router = zmq.createSocket(SocketType.ROUTER);
            router.setLinger(0);
            router.setMaxMsgSize(MAX_MESSAGE_BYTES);
            router.setRouterMandatory(false);
            String address = "tcp://" + host + ":" + (port == 0 ? "*" : String.valueOf(port));
            if (!router.bind(address)) {
                throw new HarnessException("cannot bind the control port to " + address);
            }
            endpoint = router.getLastEndpoint();
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
        try {
            int timeout = 0;
            while (!closing) {
                // A blocking receive, as a bare REP socket waits, is cheaper per request than a
                // poller. Replies that come later are picked up from the outbox between receives:
                // every BUSY_MILLIS while any is due, else every IDLE_MILLIS (which bounds close).
                int wanted = pendingLater.get() > 0 || !outbox.isEmpty() ? BUSY_MILLIS : IDLE_MILLIS;
                if (wanted != timeout) {
                    router.setReceiveTimeOut(wanted);
                    timeout = wanted;
                }
                ZMsg message = ZMsg.recvMsg(router, 0);
                for (int i = 0; message != null && i < 1000; i++) {
                    receive(message);
                    message = ZMsg.recvMsg(router, ZMQ.DONTWAIT);
                }
                flush(router);
            }
            flush(router);
        } catch (RuntimeException e) {
            if (!closing) {
                LOG.log(System.Logger.Level.ERROR, "the control port at " + endpoint + " stopped serving", e);
            }
        } finally {
            router.close();
        }
    }

    private void receive(ZMsg message) {
        ZFrame identity = message.pop();
        if (identity == null) {
            return;
        }
        if (message.size() != 2 || message.getFirst().size() != 0) {
            send(identity, Replies.error(ControlError.BAD_REQUEST, "expected an empty delimiter frame, then one JSON body frame, "
                    + "as a REQ socket sends them; got " + message.size() + " frames"));
            return;
        }
        message.pop();
        byte[] body = message.pop().getData();
        pendingLater.incrementAndGet();
        Map<String, Object> reply = operations.handle(body, later -> {
            send(identity, later);
            pendingLater.decrementAndGet();
        });
        if (reply != null) {
            pendingLater.decrementAndGet();
            send(identity, reply);
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

    private void flush(ZMQ.Socket router) {
        for (ZMsg out; (out = outbox.poll()) != null; ) {
            // A peer that went away is not an error: ROUTER drops what it cannot route.
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

    /** Stops serving: replies already queued are sent, pending awaits are dropped. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (Thread.currentThread() != thread) {
            joinUninterruptibly(thread, 5000);
        }
        zmq.close();
        // Last: on shutdown this runs on the operations' own thread, which closing interrupts.
        operations.close();
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
