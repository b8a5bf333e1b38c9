package io.github.componentharness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Runs against the packaged, shaded harness-runtime jar, with another jeromq on the classpath and
 * neither the runtime's own jeromq nor its Jackson: what a user's harness JVM looks like.
 */
class ShadedJarIT {

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void theJarHoldsNoUnrelocatedDependencyClass() throws Exception {
        Path runtime = jarOf(Harness.class);
        assertThat(runtime.getFileName().toString()).startsWith("harness-runtime-").endsWith(".jar");
        try (JarFile jar = new JarFile(runtime.toFile())) {
            List<String> classes = jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).toList();
            assertThat(classes).noneMatch(n -> n.startsWith("org/zeromq/") || n.startsWith("zmq/")
                    || n.startsWith("com/fasterxml/") || n.startsWith("com/neilalexander/"));
            assertThat(classes).allMatch(n -> n.startsWith("io/github/componentharness/"));
            assertThat(classes).contains("io/github/componentharness/internal/shaded/zeromq/ZMQ.class",
                    "io/github/componentharness/internal/shaded/zmq/Ctx.class");
        }
    }

    /** Answers on a REP socket of the jeromq version on the classpath, and says which that is. */
    public static class JeromqEcho implements Component {
        final AtomicLong echoed = new AtomicLong();

        @Override
        public void run(ComponentContext ctx) {
            try (ZContext zmq = new ZContext()) {
                ctx.publish("jeromq", jarOfZmq());
                ZMQ.Socket rep = zmq.createSocket(SocketType.REP);
                rep.setLinger(0);
                rep.bind("tcp://127.0.0.1:" + ctx.port("rep"));
                ZMQ.Poller poller = zmq.createPoller(1);
                poller.register(rep, ZMQ.Poller.POLLIN);
                ctx.ready();
                while (!ctx.stopping()) {
                    if (poller.poll(50) > 0 && poller.pollin(0)) {
                        String request = rep.recvStr();
                        rep.send(request.toUpperCase(java.util.Locale.ROOT));
                        echoed.incrementAndGet();
                    }
                }
            }
        }

        private static String jarOfZmq() {
            try {
                return jarOf(ZMQ.class).getFileName().toString();
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void componentsOnAnotherJeromqRunBesideTheControlPort() throws URISyntaxException {
        String otherVersion = System.getProperty("jeromq.other.version");
        assertThat(jarOf(ZMQ.class).getFileName().toString()).isEqualTo("jeromq-" + otherVersion + ".jar");

        try (LocalHarness local = Harness.start(HarnessSpec.builder()
                        .component("echo", JeromqEcho.class, c -> c.ports("rep"))
                        .build());
                ControlPort port = ControlPort.serve(local);
                Harness remote = Harness.connect(port.endpoint(), port.token());
                ZContext client = new ZContext()) {
            assertThat(remote.state("echo", "jeromq")).isEqualTo("jeromq-" + otherVersion + ".jar");
            assertThat(requestWithRetries(client, remote.port("echo", "rep"), "ping")).isEqualTo("PING");
            assertThat(remote.await("echo", "echoed", Condition.ge(1), Duration.ofSeconds(10))).isInstanceOf(Long.class);
            remote.restart("echo");
            assertThat(remote.status("echo")).isEqualTo(Status.RUNNING);
            assertThat(requestWithRetries(client, remote.port("echo", "rep"), "again")).isEqualTo("AGAIN");
        }
    }

    /**
     * The Lazy Pirate pattern: a fresh REQ socket per try, since jeromq 0.6.0 may lose the first
     * message on a fresh connection (see ControlServerTest).
     */
    private static String requestWithRetries(ZContext zmq, int port, String request) {
        for (int attempt = 0; attempt < 10; attempt++) {
            ZMQ.Socket req = zmq.createSocket(SocketType.REQ);
            try {
                req.setLinger(0);
                req.setReceiveTimeOut(1000);
                req.connect("tcp://127.0.0.1:" + port);
                req.send(request);
                String reply = req.recvStr();
                if (reply != null) {
                    return reply;
                }
            } finally {
                req.close();
            }
        }
        throw new AssertionError("no reply to '" + request + "' after 10 tries");
    }
}
