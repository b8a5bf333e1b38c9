package io.github.componentharness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import adoptfixture.EchoMain;
import adoptfixture.ExitingMain;
import adoptfixture.PropertyReader;
import adoptfixture.QuietMain;
import adoptfixture.StaticCounter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Code not written for the harness: main classes, probes, stop commands, hooks, isolation. */
@Timeout(60)
class AdoptionTest {

    @TempDir
    Path logs;

    private HarnessSpec echo(Isolation isolation) {
        return HarnessSpec.builder().logDir(logs).failOnLeak(true).isolation(isolation)
                .mainClass("echo", EchoMain.class.getName(), c -> c.ports("tcp").replicas(2)
                        .args("--greeting", "hello from {name}")
                        .systemProperty("echo.port", "{port:tcp}")
                        .systemProperty("echo.who", "replica {replica}")
                        .readyWhenPort("tcp")
                        .readyWhenLog("echo serving on \\d+")
                        .stopArgs("--stop", "{port:tcp}"))
                .build();
    }

    private static String ask(int port) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
            out.println("hi");
            return in.readLine();
        }
    }

    @Test
    void isolatedMainClassReplicasHaveTheirOwnStaticsPropertiesAndArgs() throws Exception {
        try (LocalHarness h = Harness.start(echo(Isolation.INSTANCE))) {
            assertThat(ask(h.port("echo-1", "tcp"))).isEqualTo("hello from echo-1 replica 1 #1");
            assertThat(ask(h.port("echo-1", "tcp"))).isEqualTo("hello from echo-1 replica 1 #2");
            assertThat(ask(h.port("echo-2", "tcp"))).isEqualTo("hello from echo-2 replica 2 #1");
            assertThat(h.state("echo-1", "requests")).isEqualTo(2L);
            assertThat(h.state("echo-2", "requests")).isEqualTo(1L);
            assertThat(h.snapshot("echo-2")).containsEntry("greeting", "hello from echo-2");
            // The JVM's own properties are untouched: the values were the instances' alone.
            assertThat(System.getProperty("echo.port")).isNull();

            h.restart("echo-1");

            assertThat(h.state("echo-1", "requests")).isEqualTo(0L);
            assertThat(ask(h.port("echo-1", "tcp"))).isEqualTo("hello from echo-1 replica 1 #1");
            assertThat(h.state("echo-2", "requests")).isEqualTo(1L);
            assertThatThrownBy(() -> h.component("echo-1", EchoMain.class)).hasMessageContaining("main class")
                    .hasMessageContaining("state(\"echo-1\", key)");
            h.close();
            assertThat(h.status().values()).containsOnly(Status.STOPPED);
            assertThat(h.problems()).isEmpty();
        }
        // Stopped by its stop command; then the hook it registered ran, as SIGTERM would run it.
        String log = Files.readString(logs.resolve("echo-1.log"));
        assertThat(log).contains("shutdown hook ran, requests 2", "shutdown hook ran, requests 1");
        assertThat(Files.readString(logs.resolve("echo-2.log"))).contains("shutdown hook ran, requests 1");
    }

    @Test
    void anHttpServerThatOutlivesItsMainIsStoppedByItsHookAndRestartsOnTheSamePort() throws Exception {
        try (LocalHarness h = Harness.start(HarnessSpec.builder().logDir(logs).failOnLeak(true).isolation(Isolation.INSTANCE)
                .mainClass("greeter", adoptfixture.GreetingApp.class.getName(), c -> c.ports("http")
                        .systemProperty("server.port", "{port:http}")
                        .readyWhenHttp("http://127.0.0.1:{port:http}/health"))
                .build())) {
            // From a daemon thread, as the control port's workers restart: the main's threads must not turn daemon.
            Thread restarter = new Thread(() -> h.restart("greeter"));
            restarter.setDaemon(true);
            restarter.start();
            restarter.join();
            assertThat(h.status("greeter")).isEqualTo(Status.RUNNING);
            h.close();
            assertThat(h.problems()).isEmpty();
        }
        assertThat(Files.readString(logs.resolve("greeter.log"))).doesNotContain("WARNING")
                .contains("GreetingApp stopped after 0 requests");
    }

    @Test
    void systemExitOfAnIsolatedInstanceEndsThatInstanceOnly() throws Exception {
        assertThatThrownBy(() -> Harness.start(HarnessSpec.builder().isolation(Isolation.INSTANCE)
                .mainClass("exiter", ExitingMain.class.getName(), c -> c.args("now", "3").readyWhenLog("never printed"))
                .build()))
                .hasMessageContaining("Component 'exiter' failed to start: component 'exiter' called System.exit(3)");
        assertThatThrownBy(() -> Harness.start(HarnessSpec.builder().isolation(Isolation.INSTANCE)
                .mainClass("exiter", ExitingMain.class.getName(), c -> c.args("stream", "0").readyWhenLog("never printed"))
                .build()))
                .hasMessageContaining("Component 'exiter' called System.exit(0) while the harness was starting");

        try (LocalHarness h = Harness.start(HarnessSpec.builder().isolation(Isolation.INSTANCE).failOnLeak(true)
                .mainClass("exiter", ExitingMain.class.getName(), c -> c.ports("tcp").args("serve", "{port:tcp}"))
                .component("bystander", StaticCounter.class.getName(), c -> { })
                .build())) {
            java.util.List<Throwable> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
            Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
            try {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), h.port("exiter", "tcp"))) {
                    s.getOutputStream().write('x');
                }
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> h.status("exiter") == Status.STOPPED);
            } finally {
                Thread.setDefaultUncaughtExceptionHandler(previous);
            }
            // The exiting thread ended quietly, as in a JVM of its own.
            assertThat(uncaught).isEmpty();
            assertThat(h.status("bystander")).isEqualTo(Status.RUNNING);
            h.close();
            assertThat(h.problems()).isEmpty();
        }
    }

    @Test
    void aComponentWithAProbeIsRunningOnlyOnceItSignalledAndItsPortServes() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        // StaticCounter calls ctx.ready() at once but serves no port: its probe never holds.
        assertThatThrownBy(() -> Harness.start(HarnessSpec.builder().startTimeout(Duration.ofMillis(500))
                .component("counter", StaticCounter.class, c -> c.ports("rpc").readyWhenPort("rpc")).build()))
                .hasMessageContaining("Component 'counter' was not ready within 500ms (status STARTING), readyWhen port 'rpc'");
        com.sun.net.httpserver.HttpServer health = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        health.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        health.start();
        try (LocalHarness h = Harness.start(HarnessSpec.builder()
                .component("counter", StaticCounter.class, c -> c.readyWhenHttp("http://127.0.0.1:" + port + "/health")).build())) {
            assertThat(h.status("counter")).isEqualTo(Status.RUNNING);
        } finally {
            health.stop(0);
        }
    }

    @Test
    void systemPropertiesAreTheInstancesOwnHoweverTheyAreRead() {
        System.setProperty("adoption.jvm", "kept");
        try (LocalHarness h = Harness.start(HarnessSpec.builder().isolation(Isolation.INSTANCE)
                .component("reader", PropertyReader.class.getName(), c -> c.replicas(2).ports("http")
                        .systemProperty("server.port", "{port:http}"))
                .build())) {
            for (String replica : new String[] {"reader-1", "reader-2"}) {
                String port = String.valueOf(h.port(replica, "http"));
                assertThat(h.state(replica, "getProperty")).isEqualTo(port);
                assertThat(h.state(replica, "mapGet")).isEqualTo(port);
                assertThat(h.state(replica, "listed")).isEqualTo(true);
                assertThat(h.state(replica, "clearedSeen")).isNull();
                assertThat(h.state(replica, "commonPool")).isEqualTo("true null");
            }
            // An isolated instance's clearProperty is its own.
            assertThat(System.getProperty("adoption.jvm")).isEqualTo("kept");
            assertThat(System.getProperties().get("server.port")).isNull();
        } finally {
            System.clearProperty("adoption.jvm");
        }
    }

    @Test
    void bracesThatAreNoPlaceholderPassThrough() {
        HarnessSpec spec = HarnessSpec.builder().mainClass("app", QuietMain.class, c -> c
                .args("--logging.pattern=%d{HH:mm:ss} %msg", "${PORT}", "{\"a\":1}", "x{2,3}")).build();
        assertThat(spec.components().get(0).args()).hasSize(4);
    }

    @Test
    void sharedReplicasShareTheirStatics() throws Exception {
        try (LocalHarness h = Harness.start(HarnessSpec.builder().isolation(Isolation.SHARED)
                .component("counter", StaticCounter.class, c -> c.replicas(3)).build())) {
            assertThat(h.state("counter-1", "started")).isEqualTo(3L);
            assertThat(h.state("counter-3", "started")).isEqualTo(3L);
        }
    }

    @Test
    void isolatedComponentReplicasEachSeeTheirOwnStaticAndARestartStartsAfresh() {
        try (LocalHarness h = Harness.start(HarnessSpec.builder().isolation(Isolation.INSTANCE)
                .component("counter", StaticCounter.class.getName(), c -> c.replicas(3)).build())) {
            for (String replica : new String[] {"counter-1", "counter-2", "counter-3"}) {
                assertThat(h.state(replica, "started")).isEqualTo(1L);
                assertThat(h.state(replica, "seen")).isEqualTo(1L);
            }
            h.restart("counter-2");
            assertThat(h.state("counter-2", "started")).isEqualTo(1L);
            assertThatThrownBy(() -> h.component("counter-1", StaticCounter.class)).hasMessageContaining("isolated");
        }
    }

    @Test
    void aProbeThatNeverHoldsIsReportedWithItsLastResult() throws IOException {
        int unused;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            unused = s.getLocalPort();
        }
        int port = unused;
        // QuietMain ends only when interrupted, which its stop does after half the stop timeout.
        assertThatThrownBy(() -> Harness.start(HarnessSpec.builder().startTimeout(Duration.ofSeconds(1)).stopTimeout(Duration.ofSeconds(1))
                .mainClass("quiet", QuietMain.class, c -> c.args("starting up")
                        .readyWhenLog("^started$")
                        .readyWhenHttp("http://127.0.0.1:" + port + "/health"))
                .build()))
                .isInstanceOf(HarnessTimeoutException.class)
                .hasMessageContaining("Component 'quiet' was not ready within 1s")
                .hasMessageContaining("readyWhen log '^started$': no line of its output matched yet")
                .hasMessageContaining("readyWhen http 'http://127.0.0.1:" + port + "/health': java.net.ConnectException")
                .hasMessageContaining("check that its readyWhen describes how it serves");
    }

    @Test
    void aLogProbeHoldsOnceALineMatches() {
        try (LocalHarness h = Harness.start(HarnessSpec.builder().stopTimeout(Duration.ofSeconds(1))
                .mainClass("quiet", QuietMain.class, c -> c.args("Server started in 3 ms").readyWhenLog("started in \\d+ ms"))
                .build())) {
            assertThat(h.status("quiet")).isEqualTo(Status.RUNNING);
        }
    }

    @Test
    void mistakesAreFoundBeforeAnythingStarts() {
        assertThatThrownBy(() -> HarnessSpec.builder()
                .mainClass("db", "org.example.Db", c -> c.ports("tcp").args("-port", "{port:tcpp}", "{prot:tcp}")
                        .readyWhenPort("http").systemProperty("peer", "{port:cache-3.rpc}"))
                .component("cache", StaticCounter.class, c -> c.replicas(2).args("x").stopArgs("y"))
                .build())
                .hasMessageContaining("component 'db' uses {port:tcpp} in its args: it declares no port 'tcpp' (declared: tcp)")
                .hasMessageContaining("component 'db' uses {prot:tcp} in its args: unknown placeholder")
                .hasMessageContaining("component 'db' has readyWhen port 'http', which it does not declare")
                .hasMessageContaining("component 'db' uses {port:cache-3.rpc} in its systemProperties peer: there is no "
                        + "instance 'cache-3'")
                .hasMessageContaining("component 'cache' has args, but only a mainClass takes them")
                .hasMessageContaining("component 'cache' has a stop command, but only a mainClass takes one");
    }

    @Test
    void aMainClassWithoutMainIsRefusedByName() {
        assertThatThrownBy(() -> Harness.start(HarnessSpec.builder()
                .mainClass("counter", StaticCounter.class, c -> { }).build()))
                .hasMessageContaining("component 'counter': main class adoptfixture.StaticCounter has no public static void "
                        + "main(String[])");
        assertThatThrownBy(() -> Harness.start(HarnessSpec.builder()
                .component("echo", EchoMain.class.getName(), c -> { }).build()))
                .hasMessageContaining("does not implement io.github.componentharness.Component")
                .hasMessageContaining("declare it as a mainClass");
    }
}
