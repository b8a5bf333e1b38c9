package io.github.componentharness;

/**
 * A state key that does not resolve (yet): no published value, field, getter or static field of
 * that name, or a dotted path that leads nowhere. The message names the part of the path and
 * what is there instead. An {@code await} on such a key keeps waiting; {@code state} throws this.
 */
public class NoSuchStateException extends HarnessException {

    private static final long serialVersionUID = 1L;

    public NoSuchStateException(String message) {
        super(message);
    }
}
