package io.github.componentharness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.componentharness.fixtures.Idle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextTest {

    /** Runs a test body on the component's own thread, with its context, then reports ready. */
    public static class Probe implements Component {
        static volatile Consumer<ComponentContext> body = ctx -> { };
        volatile Throwable error;

        @Override
        public void run(ComponentContext ctx) throws InterruptedException {
            try {
                body.accept(ctx);
            } catch (Throwable t) {
                error = t;
            }
            ctx.ready();
            ctx.awaitStop();
        }
    }

    private static Throwable runProbe(HarnessSpec.Builder spec, Consumer<ComponentContext> body) {
        Probe.body = body;
        try (LocalHarness h = Harness.start(spec.build())) {
            return h.component("probe", Probe.class).error;
        }
    }

    @Test
    void typedConfigWithDefaultsAndClearErrors() {
        Throwable error = runProbe(HarnessSpec.builder().component("probe", Probe.class, c -> c
                .config("size", 100).config("ratio", "0.5").config("on", "TRUE").config("wait", "250ms")
                .config("iso", "PT2S").config("bad", "lots")), ctx -> {
                    assertThat(ctx.config("size")).isEqualTo("100");
                    assertThat(ctx.config("size", 1)).isEqualTo(100);
                    assertThat(ctx.config("size", 1L)).isEqualTo(100L);
                    assertThat(ctx.config("ratio", 1.0)).isEqualTo(0.5);
                    assertThat(ctx.config("on", false)).isTrue();
                    assertThat(ctx.config("wait", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
                    assertThat(ctx.config("iso", Duration.class)).isEqualTo(Duration.ofSeconds(2));
                    assertThat(ctx.config("absent", 7)).isEqualTo(7);
                    assertThat(ctx.config("absent", "dflt")).isEqualTo("dflt");
                    assertThatThrownBy(() -> ctx.config("queueSize"))
                            .hasMessage("component 'probe' needs config 'queueSize', which is not set (set: size, ratio, on, wait, iso, bad): "
                                    + "add <config><queueSize>…</queueSize></config> to it, or .config(\"queueSize\", …) to its spec");
                    assertThatThrownBy(() -> ctx.config("bad", 1))
                            .hasMessage("config 'bad' of component 'probe' is 'lots', which is not an int: fix its value");
                    assertThatThrownBy(() -> ctx.config("bad", Duration.class))
                            .hasMessageContaining("which is not a duration: fix its value (such as 500ms, 5s, 2m or PT5S)");
                    assertThatThrownBy(() -> ctx.config("bad", true)).hasMessageContaining("which is not true or false");
                });
        assertThat(error).isNull();
    }

    @Test
    void portsAreFreeLoopbackPortsKnownToPeers() throws IOException {
        int[] seenByPeer = new int[1];
        Probe.body = ctx -> seenByPeer[0] = ctx.port("server", "http");
        try (LocalHarness h = Harness.start(HarnessSpec.builder()
                .component("server", Idle.class, c -> c.ports("http", "admin"))
                .component("probe", Probe.class, c -> c.dependsOn("server"))
                .build())) {
            int http = h.port("server", "http");
            int admin = h.port("server", "admin");
            assertThat(http).isNotEqualTo(admin).isBetween(10_000, 65_535);
            assertThat(seenByPeer[0]).isEqualTo(http);
            try (ServerSocket bind = new ServerSocket()) {
                bind.bind(new InetSocketAddress("127.0.0.1", http));
            }
            assertThatThrownBy(() -> h.port("server", "grpc"))
                    .hasMessage("component 'server' has no port 'grpc' (declared: http, admin): declare it in the component's ports");
        }
    }

    /** Blocks in accept(), which only closing the socket through onStop unblocks. */
    public static class Acceptor implements Component {
        @Override
        public void run(ComponentContext ctx) throws IOException {
            try (ServerSocket server = new ServerSocket()) {
                server.bind(new InetSocketAddress("127.0.0.1", ctx.port("tcp")));
                ctx.onStop(server);
                ctx.ready();
                while (!ctx.stopping()) {
                    try (Socket ignored = server.accept()) {
                        // serves nothing: only here to block
                    }
                }
            } catch (java.net.SocketException closedOnStop) {
                // The normal way out: onStop closed the socket.
            }
        }
    }

    /** Blocks in take() with nothing registered: only the interrupt ends it. */
    public static class QueueTaker implements Component {
        @Override
        public void run(ComponentContext ctx) throws InterruptedException {
            ctx.ready();
            new LinkedBlockingQueue<String>().take();
        }
    }

    @Test
    void onStopClosesBlockingResourcesAndTheInterruptEndsBlockingCalls() {
        LocalHarness h = Harness.start(HarnessSpec.builder()
                .component("acceptor", Acceptor.class, c -> c.ports("tcp"))
                .component("taker", QueueTaker.class)
                .stopTimeout(Duration.ofSeconds(5))
                .build());
        h.close();
        assertThat(h.status()).containsEntry("acceptor", Status.STOPPED).containsEntry("taker", Status.STOPPED);
        assertThat(h.problems()).isEmpty();
    }

    public static class Talker implements Component {
        @Override
        public void run(ComponentContext ctx) throws InterruptedException {
            System.out.println("hello from the component thread");
            Thread helper = new Thread(() -> System.err.println("hello from a helper thread"));
            helper.start();
            helper.join();
            System.out.print("partial ");
            System.out.println("line");
            ctx.log().log(System.Logger.Level.INFO, "logged {0}", 42);
            ctx.ready();
            ctx.awaitStop();
        }
    }

    @Test
    void outputIsTaggedWithTheComponentNameAndWrittenToItsLog(@TempDir Path logs) throws IOException {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            Harness.start(HarnessSpec.builder().component("talker", Talker.class).logDir(logs).build()).close();
            System.out.println("not from a component");
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("[talker] hello from the component thread")
                .contains("[talker] hello from a helper thread")
                .contains("[talker] partial line")
                .contains("[talker] INFO logged 42")
                .contains("not from a component")
                .doesNotContain("[talker] not from a component");
        assertThat(Files.readAllLines(logs.resolve("talker.log"))).containsExactly(
                "hello from the component thread", "hello from a helper thread", "partial line", "INFO logged 42");
        assertThat(System.out).isSameAs(originalOut);
    }

    public static class Debugger implements Component {
        @Override
        public void run(ComponentContext ctx) throws InterruptedException {
            ctx.log().log(System.Logger.Level.DEBUG, "debug detail");
            ctx.log().log(System.Logger.Level.WARNING, "warned");
            ctx.ready();
            ctx.awaitStop();
        }
    }

    @Test
    void debugLinesAppearOnlyWhenAskedFor(@TempDir Path logs) throws IOException {
        HarnessSpec spec = HarnessSpec.builder().component("dbg", Debugger.class).logDir(logs).build();
        Harness.start(spec).close();
        System.setProperty("harness.log.level", "DEBUG");
        try {
            Harness.start(spec).close();
        } finally {
            System.clearProperty("harness.log.level");
        }
        assertThat(Files.readAllLines(logs.resolve("dbg.log"))).containsExactly("WARNING warned", "DEBUG debug detail", "WARNING warned");
    }

    @Test
    void everyRunGetsAFreshWorkDirectory(@TempDir Path work) throws IOException {
        Path[] dirs = new Path[2];
        Probe.body = ctx -> {
            Path dir = ctx.workDir();
            try {
                assertThat(dir).isEmptyDirectory();
                Files.writeString(dir.resolve("data.txt"), "x");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            dirs[dirs[0] == null ? 0 : 1] = dir;
        };
        try (LocalHarness h = Harness.start(HarnessSpec.builder().component("probe", Probe.class).workDir(work).build())) {
            h.restart("probe");
            assertThat(h.component("probe", Probe.class).error).isNull();
        }
        assertThat(dirs[0]).isEqualTo(work.resolve("probe-run1"));
        assertThat(dirs[1]).isEqualTo(work.resolve("probe-run2"));
        assertThat(dirs[0].resolve("data.txt")).exists();
    }

    @Test
    void aTemporaryWorkRootIsDeletedOnClose() {
        Path[] dir = new Path[1];
        Probe.body = ctx -> dir[0] = ctx.workDir();
        runProbe(HarnessSpec.builder().component("probe", Probe.class), Probe.body);
        assertThat(dir[0]).doesNotExist();
        assertThat(dir[0].getParent()).doesNotExist();
    }
}
