package io.github.componentharness;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A condition on a state value that the harness checks on its own side, so awaiting it costs no
 * polling over the wire. Numbers compare by value whatever their Java type: {@code ge(300)}
 * holds for {@code 300L} and {@code 300.0}. Ordering conditions never hold for a value that is
 * not a number; {@code matches} tests the whole of the value's text against a regular
 * expression in RE2 syntax (Java's, without backreferences and lookaround), which runs in time
 * linear in the text: no pattern, however it is written, holds a thread for long.
 */
public final class Condition {

    /** The comparison a condition makes; these are the names used on the control port. */
    public enum Op {
        EQ, NE, GT, GE, LT, LE, EXISTS, MATCHES;

        /** The name on the wire, such as {@code ge}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Op op;
    private final Object operand;
    private final Pattern pattern;

    private Condition(Op op, Object operand) {
        this.op = op;
        this.operand = operand;
        this.pattern = op == Op.MATCHES ? compile((String) operand) : null;
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("condition 'matches' needs a regular expression in RE2 syntax (no "
                    + "backreferences or lookaround): " + e.getDescription() + " in " + regex);
        }
    }

    /** Holds when the value equals {@code expected} (numbers by value). */
    public static Condition eq(Object expected) {
        return new Condition(Op.EQ, expected);
    }

    /** Holds when the value is present and does not equal {@code unexpected}. */
    public static Condition ne(Object unexpected) {
        return new Condition(Op.NE, unexpected);
    }

    /** Holds when the value is a number greater than {@code bound}. */
    public static Condition gt(Number bound) {
        return new Condition(Op.GT, Objects.requireNonNull(bound, "bound"));
    }

    /** Holds when the value is a number greater than or equal to {@code bound}. */
    public static Condition ge(Number bound) {
        return new Condition(Op.GE, Objects.requireNonNull(bound, "bound"));
    }

    /** Holds when the value is a number less than {@code bound}. */
    public static Condition lt(Number bound) {
        return new Condition(Op.LT, Objects.requireNonNull(bound, "bound"));
    }

    /** Holds when the value is a number less than or equal to {@code bound}. */
    public static Condition le(Number bound) {
        return new Condition(Op.LE, Objects.requireNonNull(bound, "bound"));
    }

    /** Holds as soon as the key resolves to a value, even {@code null}. */
    public static Condition exists() {
        return new Condition(Op.EXISTS, null);
    }

    /**
     * Holds when the value's text matches {@code regex} as a whole.
     *
     * @throws IllegalArgumentException when {@code regex} is not RE2 syntax
     */
    public static Condition matches(String regex) {
        return new Condition(Op.MATCHES, Objects.requireNonNull(regex, "regex"));
    }

    /**
     * The condition for a wire op name and operand, as a client sent them.
     *
     * @throws IllegalArgumentException for an unknown op or an operand of the wrong kind
     */
    public static Condition of(String opName, Object operand) {
        Op op;
        try {
            op = Op.valueOf(String.valueOf(opName).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown condition '" + opName
                    + "' (known: eq, ne, gt, ge, lt, le, exists, matches)");
        }
        switch (op) {
            case GT: case GE: case LT: case LE:
                if (!(operand instanceof Number)) {
                    throw new IllegalArgumentException("condition '" + op.wireName() + "' needs a number, not " + operand);
                }
                break;
            case MATCHES:
                if (!(operand instanceof String)) {
                    throw new IllegalArgumentException("condition 'matches' needs a regular expression string, not " + operand);
                }
                break;
            default:
                break;
        }
        return new Condition(op, op == Op.EXISTS ? null : operand);
    }

    public Op op() {
        return op;
    }

    /** The value compared against; {@code null} for {@code exists}. */
    public Object operand() {
        return operand;
    }

    /**
     * Tests a state value.
     *
     * @param value the value, as the harness reports it
     * @param present whether the key resolved at all
     */
    public boolean test(Object value, boolean present) {
        if (!present) {
            return false;
        }
        switch (op) {
            case EXISTS:
                return true;
            case EQ:
                return sameValue(value, operand);
            case NE:
                return !sameValue(value, operand);
            case MATCHES:
                return value != null && pattern.matcher(String.valueOf(value)).matches();
            default:
                Optional<Integer> order = compareNumbers(value, operand);
                if (order.isEmpty()) {
                    return false;
                }
                int c = order.get();
                return op == Op.GT ? c > 0 : op == Op.GE ? c >= 0 : op == Op.LT ? c < 0 : c <= 0;
        }
    }

    private static boolean sameValue(Object a, Object b) {
        Optional<Integer> order = compareNumbers(a, b);
        return order.map(c -> c == 0).orElseGet(() -> Objects.equals(a, b));
    }

    private static Optional<Integer> compareNumbers(Object a, Object b) {
        if (!(a instanceof Number) || !(b instanceof Number)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())));
        } catch (NumberFormatException notFinite) {
            return Optional.of(Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue()));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Condition && ((Condition) o).op == op && Objects.equals(((Condition) o).operand, operand);
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, operand);
    }

    /** Reads as {@code ge 300}, {@code matches "ok.*"} or {@code exists}. */
    @Override
    public String toString() {
        if (op == Op.EXISTS) {
            return "exists";
        }
        return op.wireName() + " " + (operand instanceof String ? "\"" + operand + "\"" : String.valueOf(operand));
    }
}
