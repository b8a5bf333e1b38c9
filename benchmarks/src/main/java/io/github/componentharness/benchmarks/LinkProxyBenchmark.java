package io.github.componentharness.benchmarks;

import com.example.bench.TrivialComponent;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.internal.faults.FaultTable;
import io.github.componentharness.internal.faults.Link;
import io.github.componentharness.internal.faults.LinkProxies;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a link's proxy when no fault is set, against a direct loopback connection to the
 * same server in the same run: a 64-byte request/reply round trip (latency, p50), and a 4 MiB
 * bulk transfer acknowledged by the server (throughput). The proxy is the harness's own
 * ({@link LinkProxies}, as {@code <faults>true</faults>} makes one per link); both clients are
 * plain blocking sockets with {@code TCP_NODELAY}, as most clients are.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LinkProxyBenchmark {

    static final int BULK_BYTES = 4 * 1024 * 1024;
    private static final int MESSAGE = 64;

    private ServerSocket server;
    private Thread acceptor;
    private LinkProxies proxies;
    private Client direct;
    private Client proxied;
    private Client directBulk;
    private Client proxiedBulk;

    /** One connection: a request of {@code MESSAGE} bytes answered with as many; a bulk transfer answered with one byte. */
    static final class Client implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final byte[] message = new byte[MESSAGE];
        private final byte[] bulk = new byte[64 * 1024];

        Client(int port, boolean bulkMode) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            out.write(bulkMode ? 'B' : 'R');
        }

        int roundTrip() throws IOException {
            out.write(message);
            return in.readNBytes(message, 0, MESSAGE);
        }

        int transfer() throws IOException {
            for (int sent = 0; sent < BULK_BYTES; sent += bulk.length) {
                out.write(bulk);
            }
            return in.read();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Setup
    public void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "bench-server");
        acceptor.setDaemon(true);
        acceptor.start();
        proxies = new LinkProxies(new FaultTable(HarnessSpec.builder()
                .component("client", TrivialComponent.class)
                .component("server", TrivialComponent.class, c -> c.ports("tcp"))
                .build()));
        int proxyPort = proxies.port(new Link("client", "server", "tcp"), server.getLocalPort());
        direct = new Client(server.getLocalPort(), false);
        proxied = new Client(proxyPort, false);
        directBulk = new Client(server.getLocalPort(), true);
        proxiedBulk = new Client(proxyPort, true);
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread t = new Thread(() -> answer(s), "bench-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Echoes requests, or counts a bulk transfer's bytes and acknowledges each whole one. */
    private static void answer(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            boolean bulk = in.read() == 'B';
            byte[] buffer = new byte[bulk ? 64 * 1024 : MESSAGE];
            long received = 0;
            while (true) {
                int n = bulk ? in.read(buffer) : in.readNBytes(buffer, 0, MESSAGE);
                if (n <= 0) {
                    return;
                }
                if (!bulk) {
                    out.write(buffer, 0, n);
                    continue;
                }
                received += n;
                if (received >= BULK_BYTES) {
                    received -= BULK_BYTES;
                    out.write(1);
                }
            }
        } catch (IOException ended) {
            // The benchmark is over.
        }
    }

    @TearDown
    public void stop() throws IOException {
        for (Client c : new Client[] {direct, proxied, directBulk, proxiedBulk}) {
            c.close();
        }
        proxies.close();
        server.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int directRoundTrip() throws IOException {
        return direct.roundTrip();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int proxyRoundTrip() throws IOException {
        return proxied.roundTrip();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int directBulk() throws IOException {
        return directBulk.transfer();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int proxyBulk() throws IOException {
        return proxiedBulk.transfer();
    }
}
