package io.github.componentharness;

/**
 * A harness operation could not be done: bad spec, a component that failed or never got ready, a
 * component that did not stop, an unknown component or state key. The message names the
 * component, the cause and the fix.
 */
public class HarnessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HarnessException(String message) {
        super(message);
    }

    public HarnessException(String message, Throwable cause) {
        super(message, cause);
    }
}
