package io.github.componentharness.internal.local;

import io.github.componentharness.HarnessException;

/** A component failed while the harness started: its constructor, static initialiser or run threw, or it returned early. */
public final class ComponentStartException extends HarnessException {

    private static final long serialVersionUID = 1L;

    private final String component;

    public ComponentStartException(String component, String message, Throwable cause) {
        super(message, cause);
        this.component = component;
    }

    /** The instance that failed. */
    public String component() {
        return component;
    }
}
