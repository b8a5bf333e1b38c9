package io.github.componentharness.internal.spec;

import io.github.componentharness.HarnessException;

/** The spec, or a component class it names, is not usable: nothing was started. */
public final class InvalidSpecException extends HarnessException {

    private static final long serialVersionUID = 1L;

    public InvalidSpecException(String message) {
        super(message);
    }
}
