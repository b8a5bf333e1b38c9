package io.github.componentharness;

import io.github.componentharness.internal.control.ControlServer;
import io.github.componentharness.internal.control.Tokens;
import io.github.componentharness.internal.fork.ThreadHost;
import java.util.Objects;

/**
 * Serves a {@link LocalHarness} on a control port, so tests in another JVM, or any ZeroMQ client
 * in any language, can query and drive its components through {@link Harness#connect}. The
 * Maven plugin's forked harness serves one; a harness in a test or a {@code main} can too.
 *
 * <p>Every request must carry this port's {@link #token()}, 128 random bits made for each port.
 */
public final class ControlPort implements AutoCloseable {

    /** The default control host: loopback, so only this machine can reach it. */
    public static final String LOOPBACK = "127.0.0.1";

    private final ControlServer server;
    private final String token;

    private ControlPort(ControlServer server, String token) {
        this.server = server;
        this.token = token;
    }

    /** Serves {@code harness} on loopback, on a port the system chooses. */
    public static ControlPort serve(LocalHarness harness) {
        return serve(harness, LOOPBACK, 0);
    }

    /**
     * Serves {@code harness} on {@code host:port}. The {@code shutdown} op closes the harness
     * and this port.
     *
     * @param host the address to bind; anything but loopback is logged as a warning
     * @param port the port, or 0 for one the system chooses
     * @throws HarnessException when the address cannot be bound
     */
    public static ControlPort serve(LocalHarness harness, String host, int port) {
        return serve(harness, host, port, Tokens.newToken(), null);
    }

    /**
     * As {@link #serve(LocalHarness, String, int)}, with a given token, and what the
     * {@code shutdown} op does: {@code onShutdown} when given (it then owns closing the harness and
     * this port, as the forked harness does), else closing the harness, then this port.
     */
    public static ControlPort serve(LocalHarness harness, String host, int port, String token, Runnable onShutdown) {
        Objects.requireNonNull(harness, "harness");
        ControlPort[] self = new ControlPort[1];
        Runnable shutdown = onShutdown != null ? onShutdown : () -> {
            try {
                harness.close();
            } finally {
                if (self[0] != null) {
                    self[0].close();
                }
            }
        };
        // A failure is logged by the server; an in-process harness has no build to fail.
        ControlServer server = ControlServer.start(new ThreadHost(harness.engine()), host, port, token, shutdown, failure -> { });
        self[0] = new ControlPort(server, token);
        return self[0];
    }

    /** The endpoint clients connect to, such as {@code tcp://127.0.0.1:41234}. */
    public String endpoint() {
        return server.endpoint();
    }

    /** The token every request must carry. */
    public String token() {
        return token;
    }

    /** Stops serving; the harness itself keeps running. */
    @Override
    public void close() {
        server.close();
    }
}
