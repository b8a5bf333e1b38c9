package io.github.componentharness.internal.local;

import io.github.componentharness.HarnessTimeoutException;

/** A component was not ready within the start timeout. */
public final class StartTimeoutException extends HarnessTimeoutException {

    private static final long serialVersionUID = 1L;

    private final String component;

    public StartTimeoutException(String component, String message) {
        super(message);
        this.component = component;
    }

    /** The first instance that was not ready. */
    public String component() {
        return component;
    }
}
