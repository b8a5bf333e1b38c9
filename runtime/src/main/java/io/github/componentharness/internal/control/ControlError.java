package io.github.componentharness.internal.control;

/**
 * An error reply's code, so a client can tell a wait that ran out of time, a key not there yet
 * and a bad request apart without parsing the message.
 */
public enum ControlError {
    /** The request is not what the protocol asks for. */
    BAD_REQUEST("bad-request"),
    /** The token is missing or wrong; nothing was done. */
    UNAUTHORIZED("unauthorized"),
    /** The state key does not resolve (yet). */
    ABSENT("absent"),
    /** A wait or a start ran out of time. */
    TIMEOUT("timeout"),
    /** Any other failure: unknown component, component FAILED, stop overran. */
    FAILED("failed");

    private final String code;

    ControlError(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static ControlError ofCode(Object code) {
        for (ControlError e : values()) {
            if (e.code.equals(code)) {
                return e;
            }
        }
        return FAILED;
    }
}
