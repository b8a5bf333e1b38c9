package io.github.componentharness.internal.local;

import io.github.componentharness.HarnessException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands out free TCP ports for the components' declared port names.
 *
 * <p>Components bind their own sockets (jeromq, Jetty, a database server), so a pre-bound socket
 * cannot be handed to them as Kafka's test kit does for its own server. Instead each port is
 * reserved by a bound listening socket, held until just before the owning component's thread
 * starts, which shrinks the window between release and use to microseconds. And ports are
 * chosen outside the kernel's ephemeral range: the ports that the plain reserve-then-release
 * approach (binding port 0) gets come from that range, which is also where every outgoing
 * connection on the machine takes its local port, which is how Curator's test cluster lost its
 * ports to strangers. Outside that range only another explicit bind can take a released port.
 * Ports handed out by live harnesses in this JVM are never handed out twice.
 */
public final class PortAllocator implements AutoCloseable {

    private static final int LOWEST = 10_000;
    private static final int HIGHEST = 65_535;
    private static final int ATTEMPTS = 10_000;
    private static final Set<Integer> IN_USE_IN_THIS_JVM = ConcurrentHashMap.newKeySet();
    private static final int[] EPHEMERAL = ephemeralRange();

    private final Map<Integer, ServerSocket> reservations = new HashMap<>();
    private final Map<String, Map<String, Integer>> ports = new LinkedHashMap<>();

    /** Reserves one port for each declared port name of each instance. */
    public synchronized void allocate(String instance, List<String> portNames) {
        Map<String, Integer> own = new LinkedHashMap<>();
        for (String portName : portNames) {
            own.put(portName, reserve(instance, portName));
        }
        ports.put(instance, java.util.Collections.unmodifiableMap(own));
    }

    /** Records ports allocated elsewhere (by a process-mode coordinator) for one instance. */
    public synchronized void assign(String instance, Map<String, Integer> given) {
        ports.put(instance, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(given)));
    }

    /** The ports of one instance, by port name. */
    public synchronized Map<String, Integer> ports(String instance) {
        return ports.getOrDefault(instance, Map.of());
    }

    /** Closes the reservations of one instance, right before it binds them itself. */
    public synchronized void release(String instance) {
        for (int port : ports(instance).values()) {
            ServerSocket socket = reservations.remove(port);
            if (socket != null) {
                closeQuietly(socket);
            }
        }
    }

    /** Releases every reservation and lets this JVM hand the ports out again. */
    @Override
    public synchronized void close() {
        reservations.values().forEach(PortAllocator::closeQuietly);
        reservations.clear();
        ports.values().forEach(m -> IN_USE_IN_THIS_JVM.removeAll(m.values()));
    }

    private int reserve(String instance, String portName) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = LOWEST + random.nextInt(HIGHEST - LOWEST + 1);
            if ((port >= EPHEMERAL[0] && port <= EPHEMERAL[1]) || !IN_USE_IN_THIS_JVM.add(port)) {
                continue;
            }
            ServerSocket socket = tryBind(port);
            if (socket != null) {
                reservations.put(port, socket);
                return port;
            }
            IN_USE_IN_THIS_JVM.remove(port);
        }
        throw new HarnessException("cannot find a free port for " + instance + "." + portName + " after " + ATTEMPTS
                + " attempts outside the ephemeral range " + EPHEMERAL[0] + "-" + EPHEMERAL[1]
                + ": free some ports or narrow net.ipv4.ip_local_port_range");
    }

    private static ServerSocket tryBind(int port) {
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(false);
            // The wildcard address conflicts with a bind on any address, so the port is free for all.
            socket.bind(new InetSocketAddress(port), 1);
            return socket;
        } catch (IOException taken) {
            if (socket != null) {
                closeQuietly(socket);
            }
            return null;
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing to do: the port is released either way.
        }
    }

    static int[] ephemeralRange() {
        return ephemeralRange(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
    }

    /**
     * Read line by line: procfs files report a size of 0, and {@code Files.readString} trusts
     * sizes (it returned "3" of "32768\t60999" here, and the fallback range was used on Linux).
     */
    static int[] ephemeralRange(Path file) {
        try (java.io.BufferedReader in = Files.newBufferedReader(file)) {
            return parseRange(in.readLine());
        } catch (IOException | RuntimeException notLinux) {
            // IANA's dynamic range: macOS and Windows use it by default.
            return new int[] {49_152, 65_535};
        }
    }

    /** The two bounds of a text such as {@code "32768\t60999\n"}. */
    static int[] parseRange(String text) {
        String[] bounds = text.trim().split("\\s+");
        return new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])};
    }
}
