package io.github.componentharness;

/**
 * A wait ran out of time although the awaited outcome was still possible: a component still
 * starting, a state value not there yet. Outcomes that can never happen, such as awaiting a
 * {@code FAILED} component, raise a plain {@link HarnessException} at once instead.
 */
public class HarnessTimeoutException extends HarnessException {

    private static final long serialVersionUID = 1L;

    public HarnessTimeoutException(String message) {
        super(message);
    }
}
