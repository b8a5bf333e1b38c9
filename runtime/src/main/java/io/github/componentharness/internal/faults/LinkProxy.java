package io.github.componentharness.internal.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;

/**
 * The harness's end of one link: a loopback port that an instance connects to instead of its
 * peer's, each connection relayed to the peer by two threads (one per direction) that apply the
 * link's faults as data passes. Without faults a chunk goes straight from one socket to the other
 * through a direct buffer; only a delayed direction adds a thread, which keeps the data's order.
 */
final class LinkProxy implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("io.github.componentharness");
    private static final int CHUNK = 64 * 1024;
    /** A throttled direction reads at most this share of a second's bytes at once, so the rate holds over short spans. */
    private static final int THROTTLE_SLICES_PER_SECOND = 20;

    private final Link link;
    private final InetSocketAddress target;
    private final BiFunction<Runnable, String, Thread> threads;
    private final ServerSocketChannel server;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Object changes = new Object();
    private volatile LinkState state;
    private volatile boolean closed;

    /**
     * @param threads makes a started-later thread of the harness's own from a body and a name
     */
    LinkProxy(Link link, int targetPort, LinkState initial, BiFunction<Runnable, String, Thread> threads) throws IOException {
        this.link = link;
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.threads = threads;
        this.state = initial;
        this.server = ServerSocketChannel.open();
        try {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            server.close();
            throw e;
        }
        threads.apply(this::acceptAll, "harness-link " + link).start();
    }

    int port() {
        return server.socket().getLocalPort();
    }

    Link link() {
        return link;
    }

    /** Takes the link's new state: a partition resets every open connection; a heal releases held data. */
    void state(LinkState now) {
        state = now;
        if (now.partitioned()) {
            connections.forEach(Connection::reset);
        }
        synchronized (changes) {
            changes.notifyAll();
        }
    }

    int openConnections() {
        return connections.size();
    }

    private void acceptAll() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "link " + link + ": cannot accept a connection: " + e);
                continue;
            }
            if (state.partitioned() || closed) {
                reset(client);
                continue;
            }
            Connection c = new Connection(client);
            connections.add(c);
            threads.apply(c::open, "harness-link " + link + " up").start();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "link " + link + ": " + e);
        }
        connections.forEach(Connection::reset);
        synchronized (changes) {
            changes.notifyAll();
        }
    }

    /** Closes with a reset (RST), as a cut network cable looks to both ends. */
    private static void reset(SocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            if (channel.isOpen()) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        } catch (IOException e) {
            // Closed meanwhile: the close below is all that is left.
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing more to do for a connection being torn down.
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // Nothing more to do for a connection that ended.
        }
    }

    /** Whether data going one way may pass now; waits while that way is blackholed. */
    private boolean awaitPassable(boolean upstream, Connection c) throws InterruptedException {
        synchronized (changes) {
            while (true) {
                LinkState s = state;
                if (closed || s.partitioned() || c.ended) {
                    return false;
                }
                if (!(upstream ? s.up() : s.down()).blackholed()) {
                    return true;
                }
                changes.wait();
            }
        }
    }

    /** One relayed connection: the instance's socket and the one to its peer. */
    private final class Connection {
        private final SocketChannel client;
        private volatile SocketChannel peer;
        private volatile boolean ended;
        private int pumpsLeft = 2;

        Connection(SocketChannel client) {
            this.client = client;
        }

        /** Runs on the upstream thread: connects to the peer (held while upstream is blackholed), then relays. */
        void open() {
            try {
                if (!awaitPassable(true, this)) {
                    reset();
                    return;
                }
                SocketChannel p = SocketChannel.open();
                peer = p;
                if (ended) {
                    reset();
                    return;
                }
                p.connect(target);
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                p.setOption(StandardSocketOptions.TCP_NODELAY, true);
            } catch (IOException | InterruptedException e) {
                // The peer refuses or is gone: the instance sees its connection reset.
                reset();
                return;
            }
            threads.apply(() -> new Pump(this, peer, client, false).run(), "harness-link " + link + " down").start();
            new Pump(this, client, peer, true).run();
        }

        void reset() {
            end(true);
        }

        private void end(boolean reset) {
            ended = true;
            if (reset) {
                LinkProxy.reset(client);
                LinkProxy.reset(peer);
            } else {
                // Both ends said all they had to say: a plain close, so data still in flight arrives.
                closeQuietly(client);
                closeQuietly(peer);
            }
            connections.remove(this);
            synchronized (changes) {
                changes.notifyAll();
            }
        }

        /** Once both directions are done, the connection is closed; a failed direction resets both ends. */
        void pumpEnded(boolean failed) {
            boolean last;
            synchronized (this) {
                last = --pumpsLeft == 0;
            }
            if (failed || last) {
                end(failed);
            }
        }
    }

    /** Relays one direction of a connection. */
    private final class Pump {
        private final Connection c;
        private final SocketChannel in;
        private final SocketChannel out;
        private final boolean upstream;
        private final Throttle throttle = new Throttle();
        private DelayLine line;

        Pump(Connection c, SocketChannel in, SocketChannel out, boolean upstream) {
            this.c = c;
            this.in = in;
            this.out = out;
            this.upstream = upstream;
        }

        void run() {
            boolean failed = true;
            ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
            try {
                while (true) {
                    buffer.clear();
                    long rate = leg().bytesPerSecond();
                    if (rate > 0) {
                        buffer.limit((int) Math.max(1, Math.min(CHUNK, rate / THROTTLE_SLICES_PER_SECOND)));
                    }
                    if (in.read(buffer) < 0) {
                        if (line != null) {
                            line.end();
                        } else {
                            out.shutdownOutput();
                        }
                        failed = false;
                        return;
                    }
                    buffer.flip();
                    if (!awaitPassable(upstream, c)) {
                        return;
                    }
                    LinkState.Leg leg = leg();
                    if (leg.delayed() || (line != null && line.busy())) {
                        if (line == null) {
                            line = new DelayLine(out);
                            threads.apply(line::run, "harness-link " + link + (upstream ? " up" : " down") + " delay").start();
                        }
                        byte[] chunk = new byte[buffer.remaining()];
                        buffer.get(chunk);
                        line.add(chunk, leg.delayNanos());
                    } else {
                        int n = buffer.remaining();
                        while (buffer.hasRemaining()) {
                            out.write(buffer);
                        }
                        throttle.passed(n, leg.bytesPerSecond());
                    }
                }
            } catch (IOException | InterruptedException e) {
                // Reset, closed, or cut by a partition: the connection ends.
            } finally {
                // A delay line, once there, ends the direction: after the data it holds, or at once on failure.
                if (line == null) {
                    c.pumpEnded(failed);
                } else if (failed) {
                    line.abort();
                }
            }
        }

        private LinkState.Leg leg() {
            return upstream ? state.up() : state.down();
        }

        /** Writes delayed chunks when they are due, in the order they were read. */
        private final class DelayLine {
            private static final byte[] END = new byte[0];
            private static final byte[] ABORT = new byte[0];

            private final LinkedBlockingQueue<Object[]> queue = new LinkedBlockingQueue<>();
            private final SocketChannel out;
            private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
            private long lastDue;

            DelayLine(SocketChannel out) {
                this.out = out;
            }

            boolean busy() {
                return pending.get() > 0;
            }

            void add(byte[] chunk, long delayNanos) {
                long due = Math.max(lastDue, System.nanoTime() + delayNanos);
                lastDue = due;
                pending.incrementAndGet();
                queue.add(new Object[] {chunk, due});
            }

            void end() {
                pending.incrementAndGet();
                queue.add(new Object[] {END, 0L});
            }

            void abort() {
                queue.add(new Object[] {ABORT, 0L});
            }

            void run() {
                boolean failed = true;
                try {
                    while (true) {
                        Object[] item = queue.poll(1, TimeUnit.SECONDS);
                        if (item == null) {
                            if (c.ended) {
                                return;
                            }
                            continue;
                        }
                        byte[] chunk = (byte[]) item[0];
                        if (chunk == ABORT) {
                            return;
                        }
                        if (chunk == END) {
                            out.shutdownOutput();
                            failed = false;
                            return;
                        }
                        long wait;
                        while ((wait = (long) item[1] - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                            if (Thread.interrupted()) {
                                throw new InterruptedException();
                            }
                        }
                        ByteBuffer data = ByteBuffer.wrap(chunk);
                        while (data.hasRemaining()) {
                            out.write(data);
                        }
                        throttle.passed(chunk.length, leg().bytesPerSecond());
                        pending.decrementAndGet();
                    }
                } catch (IOException | InterruptedException e) {
                    // The connection ends.
                } finally {
                    c.pumpEnded(failed);
                }
            }
        }
    }

    /** Holds a direction back so that what passed stays within its rate. */
    private static final class Throttle {
        private long freeAt;

        synchronized void passed(int bytes, long bytesPerSecond) throws InterruptedException {
            if (bytesPerSecond <= 0) {
                freeAt = 0;
                return;
            }
            long now = System.nanoTime();
            freeAt = Math.max(freeAt, now) + TimeUnit.SECONDS.toNanos(bytes) / bytesPerSecond;
            long wait = freeAt - now;
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }
}
