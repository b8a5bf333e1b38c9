package io.github.componentharness;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A network fault on the links between instances, or the healing of one, for a harness whose
 * spec has {@link HarnessSpec.Builder#faults(boolean) faults} on. A link is what one instance
 * reaches one peer port through: {@code from} names an instance or a component (all its
 * replicas); {@code to} an instance, a component, or {@code instance.port}.
 *
 * <p>Faults of different kinds on one link add up (a delayed link can also be throttled);
 * setting a kind again replaces its values; {@link #heal} clears every kind.
 *
 * @param kind what happens to the link
 * @param from the instance or component whose outgoing links it hits; {@code null} only when healing everything
 * @param to the instance, component or {@code instance.port} reached; {@code null} only when healing
 * @param latency added to each chunk of data ({@link Kind#DELAY}), else zero; milliseconds on the wire, an hour at most
 * @param jitter the most by which one chunk's delay differs from {@code latency}, either way ({@link Kind#DELAY})
 * @param bytesPerSecond the rate each connection of a link carries, each way ({@link Kind#BANDWIDTH}), else zero
 * @param direction which way data is hit: {@code upstream} is from {@code from} to its peer
 */
public record Fault(Kind kind, String from, String to, Duration latency, Duration jitter, long bytesPerSecond,
        Direction direction) {

    /** What a fault does to a link. */
    public enum Kind {
        /** Cuts the link's open connections (a reset), and resets new ones as soon as they are accepted. */
        PARTITION,
        /** Adds latency, with jitter, to data, keeping its order. */
        DELAY,
        /** Accepts connections and data, and delivers nothing until healed, as a network that drops every packet. */
        BLACKHOLE,
        /** Caps the rate, in bytes per second. */
        BANDWIDTH,
        /** Clears every fault of the links named. */
        HEAL;

        /** The wire and configuration name, lower case. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind called {@code name} on the wire. */
        public static Kind of(String name) {
            for (Kind k : values()) {
                if (k.wireName().equals(name)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown fault kind '" + name + "' (known: partition, delay, blackhole, "
                    + "bandwidth, heal)");
        }
    }

    /** Which way data is hit, seen from the instance that opened the connection. */
    public enum Direction {
        /** Requests and replies alike. */
        BOTH,
        /** From {@code from} to its peer only. */
        UPSTREAM,
        /** From the peer back to {@code from} only. */
        DOWNSTREAM;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Direction of(String name) {
            for (Direction d : values()) {
                if (d.wireName().equals(name)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("unknown direction '" + name + "' (known: both, upstream, downstream)");
        }

        public boolean upstream() {
            return this != DOWNSTREAM;
        }

        public boolean downstream() {
            return this != UPSTREAM;
        }
    }

    /** The longest latency or jitter a delay may set, as the longest await. */
    public static final Duration MAX_DELAY = Duration.ofHours(1);

    public Fault {
        Objects.requireNonNull(kind, "kind");
        latency = latency == null ? Duration.ZERO : latency;
        jitter = jitter == null ? Duration.ZERO : jitter;
        direction = direction == null ? Direction.BOTH : direction;
        if (kind != Kind.HEAL && (from == null || to == null)) {
            throw new IllegalArgumentException(kind.wireName() + " needs both 'from' (an instance or component) and 'to' "
                    + "(an instance, a component or instance.port)");
        }
        if (from == null && to != null) {
            throw new IllegalArgumentException("heal with a 'to' needs a 'from' too");
        }
        if (latency.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("a delay's latency and jitter must not be negative (latency " + latency.toMillis()
                    + " ms, jitter " + jitter.toMillis() + " ms)");
        }
        if (latency.compareTo(MAX_DELAY) > 0 || jitter.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("a delay's latency and jitter may be an hour at most (latency "
                    + latency.toMillis() + " ms, jitter " + jitter.toMillis() + " ms); to hold data until healed, use blackhole");
        }
        if (kind == Kind.BANDWIDTH && bytesPerSecond <= 0) {
            throw new IllegalArgumentException("bandwidth needs a rate above 0 bytes per second (got " + bytesPerSecond
                    + "); to stop data altogether, use blackhole");
        }
    }

    /** Cuts the links from {@code from} to {@code to}: open connections are reset, and new ones once accepted. */
    public static Fault partition(String from, String to) {
        return new Fault(Kind.PARTITION, from, to, null, null, 0, null);
    }

    /** Delays data both ways on the links from {@code from} to {@code to} by {@code latency} ± {@code jitter}. */
    public static Fault delay(String from, String to, Duration latency, Duration jitter) {
        return delay(from, to, latency, jitter, Direction.BOTH);
    }

    /** Delays data going one way, or both, on the links from {@code from} to {@code to}. */
    public static Fault delay(String from, String to, Duration latency, Duration jitter, Direction direction) {
        return new Fault(Kind.DELAY, from, to, Objects.requireNonNull(latency, "latency"), jitter, 0, direction);
    }

    /** Holds every byte on the links from {@code from} to {@code to}, both ways, until healed. */
    public static Fault blackhole(String from, String to) {
        return blackhole(from, to, Direction.BOTH);
    }

    /** Holds the bytes going one way, or both, until healed. */
    public static Fault blackhole(String from, String to, Direction direction) {
        return new Fault(Kind.BLACKHOLE, from, to, null, null, 0, direction);
    }

    /** Caps each direction of each connection on the links from {@code from} to {@code to} at {@code bytesPerSecond}. */
    public static Fault bandwidth(String from, String to, long bytesPerSecond) {
        return bandwidth(from, to, bytesPerSecond, Direction.BOTH);
    }

    public static Fault bandwidth(String from, String to, long bytesPerSecond, Direction direction) {
        return new Fault(Kind.BANDWIDTH, from, to, null, null, bytesPerSecond, direction);
    }

    /** Clears the faults of the links from {@code from} to {@code to}. */
    public static Fault heal(String from, String to) {
        return new Fault(Kind.HEAL, Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to"), null, null, 0, null);
    }

    /** Clears the faults of every link from {@code from}. */
    public static Fault heal(String from) {
        return new Fault(Kind.HEAL, Objects.requireNonNull(from, "from"), null, null, null, 0, null);
    }

    /** Clears every fault. */
    public static Fault healAll() {
        return new Fault(Kind.HEAL, null, null, null, null, 0, null);
    }

    /** {@code delay worker-2 -> broker.backend 200 ms ± 50 ms upstream}, as the log and the errors say it. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(kind.wireName());
        if (from == null) {
            return s.append(" everything").toString();
        }
        s.append(' ').append(from).append(" -> ").append(to == null ? "all its peers" : to);
        switch (kind) {
            case DELAY:
                s.append(' ').append(latency.toMillis()).append(" ms");
                if (!jitter.isZero()) {
                    s.append(" ± ").append(jitter.toMillis()).append(" ms");
                }
                break;
            case BANDWIDTH:
                s.append(' ').append(bytesPerSecond).append(" bytes/s");
                break;
            default:
                break;
        }
        if (direction != Direction.BOTH && kind != Kind.PARTITION && kind != Kind.HEAL) {
            s.append(' ').append(direction.wireName());
        }
        return s.toString();
    }
}
