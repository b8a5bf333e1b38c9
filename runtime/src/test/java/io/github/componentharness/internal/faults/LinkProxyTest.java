package io.github.componentharness.internal.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.componentharness.Fault;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.fixtures.Idle;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One link's proxy against a real echo server: relaying, each fault kind, and its threads' end. */
class LinkProxyTest {

    private static final Link LINK = new Link("client", "server", "tcp");

    private final Set<Socket> served = ConcurrentHashMap.newKeySet();
    private ServerSocket echo;
    private Thread acceptor;
    private FaultTable table;
    private LinkProxies proxies;
    private int port;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::echoAll, "test-echo");
        acceptor.start();
        table = new FaultTable(HarnessSpec.builder()
                .component("client", Idle.class)
                .component("server", Idle.class, c -> c.ports("tcp"))
                .build());
        proxies = new LinkProxies(table);
        port = proxies.port(LINK, echo.getLocalPort());
    }

    @AfterEach
    void stop() throws Exception {
        proxies.close();
        echo.close();
        served.forEach(LinkProxyTest::closeQuietly);
        acceptor.join(5000);
    }

    /** Echoes every byte; on end of input, shuts its output, as a well-behaved peer does. */
    private void echoAll() {
        while (true) {
            Socket s;
            try {
                s = echo.accept();
            } catch (IOException closed) {
                return;
            }
            served.add(s);
            Thread t = new Thread(() -> {
                try (s) {
                    s.getInputStream().transferTo(s.getOutputStream());
                    s.shutdownOutput();
                } catch (IOException ended) {
                    // Reset by a test.
                }
            }, "test-echo-connection");
            t.setDaemon(true);
            t.start();
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(10_000);
        return s;
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(42).nextBytes(data);
        return data;
    }

    /** Writes {@code data} on its own thread, closes output, and returns everything that comes back. */
    private static byte[] roundTrip(Socket s, byte[] data) throws Exception {
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = s.getOutputStream();
                for (int i = 0; i < data.length; i += 7_777) {
                    out.write(data, i, Math.min(7_777, data.length - i));
                }
                s.shutdownOutput();
            } catch (IOException e) {
                // The reader's assertion says what went wrong.
            }
        });
        writer.start();
        byte[] back = s.getInputStream().readAllBytes();
        writer.join();
        return back;
    }

    @Test
    void relaysBothWaysAndPassesOnTheEndOfInput() throws Exception {
        byte[] data = random(3 * 1024 * 1024);
        try (Socket s = connect()) {
            assertThat(roundTrip(s, data)).isEqualTo(data);
        }
    }

    @Test
    void aDelayWithJitterKeepsTheOrderOfTheData() throws Exception {
        table.apply(Fault.delay("client", "server", Duration.ofMillis(2), Duration.ofMillis(2)));
        byte[] data = random(512 * 1024);
        try (Socket s = connect()) {
            assertThat(Arrays.equals(roundTrip(s, data), data)).as("same bytes, same order").isTrue();
        }
    }

    @Test
    void aDelayAddsItsLatencyEachWay() throws Exception {
        table.apply(Fault.delay("client", "server.tcp", Duration.ofMillis(100), Duration.ZERO, Fault.Direction.UPSTREAM));
        try (Socket s = connect()) {
            long begin = System.nanoTime();
            s.getOutputStream().write(1);
            assertThat(s.getInputStream().read()).isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        }
    }

    @Test
    void bandwidthCapsTheRate() throws Exception {
        table.apply(Fault.bandwidth("client", "server", 400_000, Fault.Direction.UPSTREAM));
        byte[] data = random(200_000);
        try (Socket s = connect()) {
            long begin = System.nanoTime();
            assertThat(roundTrip(s, data)).isEqualTo(data);
            // 200 kB at 400 kB/s: half a second at least, however fast the machine.
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
        }
    }

    @Test
    void aPartitionResetsOpenConnectionsAndNewOnesUntilHealed() throws Exception {
        try (Socket open = connect()) {
            open.getOutputStream().write(1);
            assertThat(open.getInputStream().read()).isEqualTo(1);

            table.apply(Fault.partition("client", "server"));

            assertThatThrownBy(() -> open.getInputStream().read()).isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
            try (Socket fresh = connect()) {
                assertThatThrownBy(() -> {
                    fresh.getOutputStream().write(1);
                    fresh.getInputStream().read();
                }).isInstanceOf(SocketException.class);
            }
        }
        table.apply(Fault.heal("client", "server"));
        try (Socket healed = connect()) {
            healed.getOutputStream().write(7);
            assertThat(healed.getInputStream().read()).isEqualTo(7);
        }
    }

    @Test
    void aBlackholeHoldsEverythingAndHealDeliversIt() throws Exception {
        try (Socket open = connect()) {
            table.apply(Fault.blackhole("client", "server"));
            open.setSoTimeout(300);
            open.getOutputStream().write(5);
            assertThatThrownBy(() -> open.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            try (Socket fresh = connect()) {
                fresh.setSoTimeout(300);
                fresh.getOutputStream().write(6);
                assertThatThrownBy(() -> fresh.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

                table.apply(Fault.healAll());

                open.setSoTimeout(10_000);
                fresh.setSoTimeout(10_000);
                assertThat(open.getInputStream().read()).as("held, then delivered").isEqualTo(5);
                assertThat(fresh.getInputStream().read()).isEqualTo(6);
            }
        }
    }

    @Test
    void aBlackholeHoldsTheEndOfInputToo() throws Exception {
        try (Socket open = connect()) {
            open.getOutputStream().write(3);
            assertThat(open.getInputStream().read()).isEqualTo(3);
            table.apply(Fault.blackhole("client", "server"));
            open.shutdownOutput();
            open.setSoTimeout(300);
            // The echo server ends its side only once it sees ours end.
            assertThatThrownBy(() -> open.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

            table.apply(Fault.healAll());

            open.setSoTimeout(10_000);
            assertThat(open.getInputStream().read()).as("the end of input, delivered at the heal").isEqualTo(-1);
        }
    }

    @Test
    void aHealFreesDelayedDataThatARateHeldBack() throws Exception {
        table.apply(Fault.bandwidth("client", "server", 64 * 1024));
        table.apply(Fault.delay("client", "server", Duration.ofMillis(50), Duration.ZERO));
        byte[] data = random(1024 * 1024);
        try (Socket s = connect()) {
            s.getOutputStream().write(data, 0, 64 * 1024);
            assertThat(s.getInputStream().readNBytes(1024)).isEqualTo(Arrays.copyOf(data, 1024));
            // Data is under way at 64 KiB/s, at which the whole would take 16 s.
            table.apply(Fault.healAll());
            byte[] rest = Arrays.copyOfRange(data, 64 * 1024, data.length);
            byte[] echoed = Arrays.copyOfRange(data, 1024, 64 * 1024);
            assertThat(s.getInputStream().readNBytes(echoed.length)).as("within the 10 s timeout").isEqualTo(echoed);
            assertThat(roundTrip(s, rest)).isEqualTo(rest);
        }
    }

    @Test
    void aPeerThatRefusesResetsTheInstancesConnection() throws Exception {
        int closedPort;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = gone.getLocalPort();
        }
        int nowhere = proxies.port(new Link("server", "client", "tcp"), closedPort);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), nowhere)) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            assertThatThrownBy(() -> {
                if (in.read() >= 0) {
                    throw new AssertionError("data from a peer that is not there");
                }
                throw new SocketException("end of input");
            }).isInstanceOf(SocketException.class);
        }
    }

    @Test
    void aRateSetMidTransferDoesNotStallItOnceHealed() throws Exception {
        byte[] data = random(8 * 1024 * 1024);
        try (Socket s = connect()) {
            Thread slow = new Thread(() -> {
                table.apply(Fault.bandwidth("client", "server", 100));
                table.apply(Fault.healAll());
            });
            // The rate comes while whole 64 KiB chunks are in flight; the heal must free them at once.
            s.getOutputStream().write(data, 0, 1024);
            slow.start();
            slow.join();
            byte[] rest = Arrays.copyOfRange(data, 1024, data.length);
            byte[] first = s.getInputStream().readNBytes(1024);
            assertThat(first).isEqualTo(Arrays.copyOf(data, 1024));
            assertThat(roundTrip(s, rest)).isEqualTo(rest);
        }
    }

    @Test
    void aHealReleasesDelayedDataAtOnce() throws Exception {
        table.apply(Fault.delay("client", "server", Duration.ofMinutes(30), Duration.ZERO));
        try (Socket s = connect()) {
            s.getOutputStream().write(9);
            table.apply(Fault.healAll());
            assertThat(s.getInputStream().read()).as("within the socket's 10 s timeout, not 30 minutes").isEqualTo(9);
        }
    }

    @Test
    void anInstanceThatGivesUpOnAHeldConnectionEndsIt() throws Exception {
        table.apply(Fault.blackhole("client", "server"));
        Socket s = connect();
        s.getOutputStream().write(1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> proxies.openConnections().get(LINK) == 1);
        s.close();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> proxies.openConnections().get(LINK) == 0);
        assertThat(served).as("nothing reached the peer").isEmpty();
    }

    @Test
    void closingEndsEveryThreadOfTheLinks() throws Exception {
        Socket held = connect();
        try {
            held.getOutputStream().write(1);
            assertThat(held.getInputStream().read()).isEqualTo(1);
            table.apply(Fault.delay("client", "server", Duration.ofMillis(1), Duration.ZERO));
            held.getOutputStream().write(2);
            assertThat(held.getInputStream().read()).isEqualTo(2);
            assertThat(linkThreads()).isGreaterThanOrEqualTo(3);

            proxies.close();

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> linkThreads() == 0);
        } finally {
            closeQuietly(held);
        }
    }

    private static long linkThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("harness-link ")).count();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Closing after the test.
        }
    }
}
