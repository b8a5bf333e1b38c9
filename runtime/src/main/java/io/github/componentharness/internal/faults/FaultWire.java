package io.github.componentharness.internal.faults;

import io.github.componentharness.Fault;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Fault} as the control protocol carries it: {@code {"kind":"delay","from":"worker-2",
 * "to":"broker.backend","ms":200,"jitterMs":50,"direction":"upstream"}}; {@code bytesPerSecond}
 * for bandwidth. Fields a kind does not use are left out.
 */
public final class FaultWire {

    /** The longest delay a fault may set. */
    public static final long MAX_MILLIS = Fault.MAX_DELAY.toMillis();
    /** Names longer than this are no instance's: the error does not quote them. */
    private static final int MAX_NAME_CHARS = 200;

    private FaultWire() {
    }

    public static Map<String, Object> toWire(Fault f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", f.kind().wireName());
        if (f.from() != null) {
            m.put("from", f.from());
        }
        if (f.to() != null) {
            m.put("to", f.to());
        }
        if (f.kind() == Fault.Kind.DELAY) {
            m.put("ms", f.latency().toMillis());
            m.put("jitterMs", f.jitter().toMillis());
        }
        if (f.kind() == Fault.Kind.BANDWIDTH) {
            m.put("bytesPerSecond", f.bytesPerSecond());
        }
        if (f.kind() == Fault.Kind.DELAY || f.kind() == Fault.Kind.BLACKHOLE || f.kind() == Fault.Kind.BANDWIDTH) {
            m.put("direction", f.direction().wireName());
        }
        return m;
    }

    /**
     * The fault a request's fields describe.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public static Fault fromWire(Map<?, ?> m) {
        Fault.Kind kind = Fault.Kind.of(text(m, "kind", true));
        String from = text(m, "from", false);
        String to = text(m, "to", false);
        if (m.get("direction") != null && (kind == Fault.Kind.PARTITION || kind == Fault.Kind.HEAL)) {
            throw new IllegalArgumentException("'direction' is for delay, blackhole and bandwidth: a " + kind.wireName()
                    + " hits a link both ways");
        }
        Fault.Direction direction = m.get("direction") == null ? Fault.Direction.BOTH
                : Fault.Direction.of(text(m, "direction", true));
        long ms = number(m, "ms", kind == Fault.Kind.DELAY, MAX_MILLIS);
        long jitterMs = number(m, "jitterMs", false, MAX_MILLIS);
        long rate = number(m, "bytesPerSecond", kind == Fault.Kind.BANDWIDTH, Long.MAX_VALUE);
        return new Fault(kind, from, to, Duration.ofMillis(ms), Duration.ofMillis(jitterMs), rate, direction);
    }

    public static List<Map<String, Object>> toWire(List<Fault> faults) {
        return faults.stream().map(FaultWire::toWire).toList();
    }

    private static String text(Map<?, ?> m, String name, boolean required) {
        Object value = m.get(name);
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof String) || ((String) value).isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' must be a non-empty string");
        }
        if (((String) value).length() > MAX_NAME_CHARS) {
            throw new IllegalArgumentException("'" + name + "' is longer than any name (" + MAX_NAME_CHARS + " characters)");
        }
        return (String) value;
    }

    private static long number(Map<?, ?> m, String name, boolean required, long max) {
        Object value = m.get(name);
        if (value == null && !required) {
            return 0;
        }
        if (!(value instanceof Number)) {
            throw new IllegalArgumentException("'" + name + "' must be a number" + (required ? ", and this kind needs it" : ""));
        }
        double d = ((Number) value).doubleValue();
        if (d < 0 || d > max || d != Math.rint(d)) {
            throw new IllegalArgumentException("'" + name + "' must be a whole number from 0 to " + max + " (got " + value + ")");
        }
        return ((Number) value).longValue();
    }
}
