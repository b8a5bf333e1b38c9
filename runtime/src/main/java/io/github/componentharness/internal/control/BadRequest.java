package io.github.componentharness.internal.control;

/** A request that breaks the protocol; answered with a {@code bad-request} error. */
final class BadRequest extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
        super(message, null, false, false);
    }
}
