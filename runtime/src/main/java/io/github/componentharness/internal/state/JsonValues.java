package io.github.componentharness.internal.state;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns state values into their JSON form, the same in-process and over the wire: integral
 * numbers (a {@code BigDecimal} with no fraction too) become {@code Long} (or {@code BigInteger}),
 * others {@code Double}, with NaN and the infinities as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"} (JSON has no such numbers); text {@code String}, with
 * an unpaired surrogate as U+FFFD; collections and arrays {@code List}, maps and records
 * {@code Map}. Atomics and adders give their current value, {@code Optional} its content.
 */
public final class JsonValues {

    /** Deep enough for real state, shallow enough to stop a cycle quickly. */
    static final int MAX_DEPTH = 32;
    /** Bounds the size of one reply however large a collection the component holds. */
    static final int MAX_ELEMENTS = 10_000;

    private JsonValues() {
    }

    /**
     * The JSON form of {@code value}.
     *
     * @throws NoJsonFormException for an object of a type with no JSON form
     */
    public static Object toJson(Object value) {
        return toJson(value, 0);
    }

    private static Object toJson(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new NoJsonFormException("nested deeper than " + MAX_DEPTH + " levels (a cycle?)");
        }
        if (value == null || value instanceof Boolean) {
            return value;
        }
        if (value instanceof String) {
            return wellFormed((String) value);
        }
        if (value instanceof Number) {
            return number((Number) value);
        }
        if (value instanceof CharSequence || value instanceof Character || value instanceof Enum
                || value instanceof TemporalAccessor || value instanceof java.time.Duration || value instanceof UUID
                || value instanceof URI || value instanceof Path || value instanceof InetSocketAddress) {
            return wellFormed(value instanceof Enum ? ((Enum<?>) value).name() : value.toString());
        }
        if (value instanceof AtomicBoolean) {
            return ((AtomicBoolean) value).get();
        }
        if (value instanceof AtomicReference) {
            return toJson(((AtomicReference<?>) value).get(), depth + 1);
        }
        if (value instanceof Optional) {
            return toJson(((Optional<?>) value).orElse(null), depth + 1);
        }
        if (value instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (out.size() >= MAX_ELEMENTS) {
                    break;
                }
                out.put(wellFormed(String.valueOf(e.getKey())), toJson(e.getValue(), depth + 1));
            }
            return out;
        }
        if (value instanceof Collection) {
            List<Object> out = new ArrayList<>();
            for (Object element : (Collection<?>) value) {
                if (out.size() >= MAX_ELEMENTS) {
                    break;
                }
                out.add(toJson(element, depth + 1));
            }
            return out;
        }
        if (value.getClass().isArray()) {
            int length = Math.min(Array.getLength(value), MAX_ELEMENTS);
            List<Object> out = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                out.add(toJson(Array.get(value, i), depth + 1));
            }
            return out;
        }
        if (value instanceof Record) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (RecordComponent rc : value.getClass().getRecordComponents()) {
                out.put(rc.getName(), toJson(Members.recordValue(value, rc), depth + 1));
            }
            return out;
        }
        throw new NoJsonFormException("a " + value.getClass().getName() + " has no JSON form");
    }

    private static Object number(Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof AtomicInteger || n instanceof AtomicLong || n instanceof LongAdder
                || n instanceof LongAccumulator) {
            return n.longValue();
        }
        if (n instanceof BigInteger) {
            BigInteger big = (BigInteger) n;
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (n instanceof BigDecimal) {
            BigDecimal decimal = ((BigDecimal) n).stripTrailingZeros();
            return decimal.scale() <= 0 ? number(decimal.toBigIntegerExact()) : finite(decimal.doubleValue());
        }
        // Float, Double, DoubleAdder, DoubleAccumulator and any other Number.
        return finite(n.doubleValue());
    }

    /** JSON has no NaN or infinity: they travel as the strings Java prints for them. */
    private static Object finite(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? Double.toString(d) : (Object) d;
    }

    /** Text as UTF-8 can carry it: an unpaired surrogate becomes U+FFFD, as encoding it would make it. */
    private static String wellFormed(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                    : !Character.isLowSurrogate(c) || i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            if (!paired && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(paired ? c : '\uFFFD');
            }
        }
        return out == null ? text : out.toString();
    }

    /** Raised for a value that cannot be sent as JSON. */
    public static final class NoJsonFormException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoJsonFormException(String message) {
            super(message);
        }
    }
}
