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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * The harness's end of one link: a loopback port that an instance connects to instead of its
 * peer's, each connection relayed to the peer by two threads (one per direction) that apply the
 * link's faults as data passes. Without faults a chunk goes straight from one socket to the other
 * through a direct buffer; only a delayed direction adds a thread, which keeps the data's order.
 *
 * <p>Every wait (a blackhole's hold, a delay, a rate) is on {@link #changes} with a bound, so a
 * heal, a partition, the end of the connection or {@link #close()} ends it within moments.
 */
final class LinkProxy implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("io.github.componentharness");
    private static final int CHUNK = 64 * 1024;
    /** A throttled direction reads at most this share of a second's bytes at once, so the rate holds over short spans. */
    private static final int THROTTLE_SLICES_PER_SECOND = 20;
    /** The most a delayed direction holds; beyond it the proxy stops reading, and the sender blocks, as TCP makes it. */
    static final int MAX_DELAYED_BYTES = 4 * 1024 * 1024;
    /** How often a held connection checks whether its instance gave up on it. */
    private static final long HOLD_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Link link;
    private final InetSocketAddress target;
    private final BiFunction<Runnable, String, Thread> threads;
    private final ServerSocketChannel server;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Object changes = new Object();
    private volatile LinkState state;
    private volatile boolean closed;
    /** Whether the peer's refusal was logged since it last accepted: once is enough to point at the cause. */
    private volatile boolean refusalLogged;

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
            threads.apply(this::acceptAll, "harness-link " + link).start();
        } catch (IOException | RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    int port() {
        return server.socket().getLocalPort();
    }

    /** Takes the link's new state: a partition resets every open connection; any change wakes what waits. */
    void state(LinkState now) {
        state = now;
        if (now.partitioned()) {
            connections.forEach(Connection::reset);
        }
        signal();
    }

    int openConnections() {
        return connections.size();
    }

    private void signal() {
        synchronized (changes) {
            changes.notifyAll();
        }
    }

    /** Waits for a change of state, a connection's end or the close, at most {@code nanos}. */
    private void awaitChange(long nanos) throws InterruptedException {
        if (nanos <= 0) {
            return;
        }
        synchronized (changes) {
            TimeUnit.NANOSECONDS.timedWait(changes, nanos);
        }
    }

    private void acceptAll() {
        long backoffNanos = TimeUnit.MILLISECONDS.toNanos(10);
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
                backoffNanos = TimeUnit.MILLISECONDS.toNanos(10);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                // Out of file descriptors, say: the connection stays in the backlog, so back off.
                LOG.log(System.Logger.Level.WARNING, "link " + link + ": cannot accept a connection: " + e);
                try {
                    awaitChange(backoffNanos);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoffNanos = Math.min(backoffNanos * 2, TimeUnit.SECONDS.toNanos(1));
                continue;
            }
            if (state.partitioned() || closed) {
                reset(client);
                continue;
            }
            Connection c = new Connection(client);
            connections.add(c);
            try {
                threads.apply(c::open, "harness-link " + link + " up").start();
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.WARNING, "link " + link + ": cannot relay a connection: " + e);
                c.reset();
            }
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
        signal();
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
        closeQuietly(channel);
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
        while (true) {
            LinkState s = state;
            if (closed || s.partitioned() || c.ended) {
                return false;
            }
            if (!(upstream ? s.up() : s.down()).blackholed()) {
                return true;
            }
            awaitChange(HOLD_CHECK_NANOS);
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

        /**
         * Runs on the upstream thread: connects to the peer, then relays. While upstream is
         * blackholed the connect is held, as a dropped SYN would hold it, and what the instance
         * sends meanwhile is kept for the peer; an instance that gives up ends it there.
         */
        void open() {
            ByteBuffer early = ByteBuffer.allocate(CHUNK);
            try {
                while (state.up().blackholed() && !state.partitioned() && !ended && !closed) {
                    if (gaveUp(early)) {
                        reset();
                        return;
                    }
                    awaitChange(HOLD_CHECK_NANOS);
                }
                if (state.partitioned() || ended || closed) {
                    reset();
                    return;
                }
                SocketChannel p = SocketChannel.open();
                peer = p;
                if (ended) {
                    reset();
                    return;
                }
                connect(p);
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                p.setOption(StandardSocketOptions.TCP_NODELAY, true);
                for (early.flip(); early.hasRemaining(); ) {
                    p.write(early);
                }
                threads.apply(() -> new Pump(this, peer, client, false).run(), "harness-link " + link + " down").start();
            } catch (IOException | InterruptedException | RuntimeException | Error e) {
                reset();
                return;
            }
            new Pump(this, client, peer, true).run();
        }

        private void connect(SocketChannel p) throws IOException {
            try {
                p.connect(target);
                refusalLogged = false;
            } catch (IOException e) {
                if (!refusalLogged && !closed) {
                    refusalLogged = true;
                    LOG.log(System.Logger.Level.WARNING, "link " + link + ": the peer at " + target + " did not accept a "
                            + "connection (" + e.getMessage() + "), so the instance's connection was reset; is '"
                            + link.to() + "' running and listening on the loopback address?");
                }
                throw e;
            }
        }

        /** Reads what the instance sent while held, without blocking; {@code true} when it closed or reset. */
        private boolean gaveUp(ByteBuffer early) {
            if (!early.hasRemaining()) {
                return false;
            }
            try {
                client.configureBlocking(false);
                try {
                    return client.read(early) < 0;
                } finally {
                    client.configureBlocking(true);
                }
            } catch (IOException resetByTheInstance) {
                return true;
            }
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
            signal();
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
        private final Throttle throttle;
        private DelayLine line;

        Pump(Connection c, SocketChannel in, SocketChannel out, boolean upstream) {
            this.c = c;
            this.in = in;
            this.out = out;
            this.upstream = upstream;
            this.throttle = new Throttle(c);
        }

        void run() {
            boolean failed = true;
            ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
            try {
                while (true) {
                    buffer.clear();
                    // The rate that sizes the read is the rate the chunk is charged at: a rate set
                    // while a whole chunk was being read never holds it for long.
                    long rate = leg().bytesPerSecond();
                    if (rate > 0) {
                        buffer.limit((int) Math.max(1, Math.min(CHUNK, rate / THROTTLE_SLICES_PER_SECOND)));
                    }
                    if (in.read(buffer) < 0) {
                        // The end of input is data too: a blackhole holds it back with the rest.
                        if (!awaitPassable(upstream, c)) {
                            return;
                        }
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
                        line.add(chunk, leg.delayNanos(), rate);
                    } else {
                        int n = buffer.remaining();
                        while (buffer.hasRemaining()) {
                            out.write(buffer);
                        }
                        throttle.passed(n, rate);
                    }
                }
            } catch (IOException | InterruptedException | RuntimeException | Error e) {
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

            private record Item(byte[] chunk, long queuedAt, long dueAt, long rate) {
            }

            private static final Item END = new Item(new byte[0], 0, 0, 0);
            private static final Item ABORT = new Item(new byte[0], 0, 0, 0);

            private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
            private final SocketChannel out;
            private final AtomicInteger pending = new AtomicInteger();
            private long queuedBytes;

            DelayLine(SocketChannel out) {
                this.out = out;
            }

            boolean busy() {
                return pending.get() > 0;
            }

            /** Queues a chunk; waits while the line holds its most, so the sender feels it. */
            void add(byte[] chunk, long delayNanos, long rate) throws InterruptedException {
                synchronized (this) {
                    while (queuedBytes > 0 && queuedBytes + chunk.length > MAX_DELAYED_BYTES && !c.ended && !closed) {
                        TimeUnit.NANOSECONDS.timedWait(this, HOLD_CHECK_NANOS);
                    }
                    queuedBytes += chunk.length;
                }
                long now = System.nanoTime();
                pending.incrementAndGet();
                queue.add(new Item(chunk, now, now + delayNanos, rate));
            }

            void end() {
                queue.add(END);
            }

            void abort() {
                queue.add(ABORT);
            }

            void run() {
                boolean failed = true;
                try {
                    while (true) {
                        Item item = queue.poll(HOLD_CHECK_NANOS, TimeUnit.NANOSECONDS);
                        if (item == null) {
                            if (c.ended || closed) {
                                return;
                            }
                            continue;
                        }
                        if (item == ABORT) {
                            return;
                        }
                        if (item == END) {
                            out.shutdownOutput();
                            failed = false;
                            return;
                        }
                        if (!awaitDue(item)) {
                            return;
                        }
                        ByteBuffer data = ByteBuffer.wrap(item.chunk());
                        while (data.hasRemaining()) {
                            out.write(data);
                        }
                        throttle.passed(item.chunk().length, chargedRate(item.rate()));
                        synchronized (this) {
                            queuedBytes -= item.chunk().length;
                            notifyAll();
                        }
                        pending.decrementAndGet();
                    }
                } catch (IOException | InterruptedException | RuntimeException | Error e) {
                    // The connection ends.
                } finally {
                    c.pumpEnded(failed);
                }
            }

            /**
             * The rate a queued chunk is charged at: none once the rate is healed, else the
             * higher of the rate that sized its read and the rate now, so neither a heal nor a
             * lower rate holds back what was read in bigger slices.
             */
            private long chargedRate(long rateAtRead) {
                long now = leg().bytesPerSecond();
                return now == 0 || rateAtRead == 0 ? 0 : Math.max(now, rateAtRead);
            }

            /**
             * Waits until the chunk is due, and while its direction is blackholed; a heal or a
             * shorter delay set meanwhile releases it sooner. {@code false} when the connection
             * ended first.
             */
            private boolean awaitDue(Item item) throws InterruptedException {
                while (true) {
                    if (c.ended || closed) {
                        return false;
                    }
                    LinkState.Leg leg = leg();
                    if (leg.blackholed() || state.partitioned()) {
                        awaitChange(HOLD_CHECK_NANOS);
                        continue;
                    }
                    long longestNow = leg.latency().toNanos() + leg.jitter().toNanos();
                    long due = Math.min(item.dueAt(), item.queuedAt() + longestNow);
                    long wait = due - System.nanoTime();
                    if (wait <= 0) {
                        return true;
                    }
                    awaitChange(Math.min(wait, HOLD_CHECK_NANOS));
                }
            }
        }
    }

    /** Holds a direction back so that what passed stays within its rate; ends its wait when the connection ends. */
    private final class Throttle {
        private final Connection c;
        private long freeAt;

        Throttle(Connection c) {
            this.c = c;
        }

        synchronized void passed(int bytes, long bytesPerSecond) throws InterruptedException, IOException {
            if (bytesPerSecond <= 0) {
                freeAt = 0;
                return;
            }
            long now = System.nanoTime();
            freeAt = Math.max(freeAt, now) + TimeUnit.SECONDS.toNanos(bytes) / bytesPerSecond;
            long wait;
            while ((wait = freeAt - System.nanoTime()) > 0) {
                if (c.ended || closed) {
                    throw new IOException("the connection ended");
                }
                awaitChange(Math.min(wait, HOLD_CHECK_NANOS));
            }
        }
    }
}
