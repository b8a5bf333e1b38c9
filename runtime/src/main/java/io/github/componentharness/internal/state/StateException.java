package io.github.componentharness.internal.state;

import io.github.componentharness.HarnessException;

/** A state lookup that cannot be answered: the message says which part of the path and why. */
public class StateException extends HarnessException {

    private static final long serialVersionUID = 1L;

    public StateException(String message) {
        super(message);
    }

    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
