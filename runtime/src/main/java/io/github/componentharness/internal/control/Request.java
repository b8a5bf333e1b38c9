package io.github.componentharness.internal.control;

import java.util.Map;

/** One parsed control request: a JSON object whose fields are read with checked types. */
final class Request {

    private final Map<String, Object> fields;

    Request(Map<String, Object> fields) {
        this.fields = fields;
    }

    /**
     * The request's {@code id}, echoed in the reply: a string of at most {@code maxChars}
     * characters or an integral number; anything else is not echoed.
     */
    Object id(int maxChars) {
        Object id = fields.get("id");
        if (id instanceof String) {
            return ((String) id).length() <= maxChars ? id : null;
        }
        return id instanceof Long || id instanceof Integer ? id : null;
    }

    String op() {
        return requiredString("op");
    }

    /** Every field, as sent. */
    Map<String, Object> fields() {
        return fields;
    }

    Object token() {
        return fields.get("token");
    }

    boolean has(String name) {
        return fields.get(name) != null;
    }

    Object raw(String name) {
        return fields.get(name);
    }

    String requiredString(String name) {
        Object value = fields.get(name);
        if (!(value instanceof String) || ((String) value).isEmpty()) {
            throw new BadRequest("'" + name + "' must be a non-empty string");
        }
        return (String) value;
    }

    String optionalString(String name) {
        return has(name) ? requiredString(name) : null;
    }

    long requiredMillis(String name, long max) {
        Object value = fields.get(name);
        if (!(value instanceof Number) || ((Number) value).doubleValue() < 0 || ((Number) value).doubleValue() > max) {
            throw new BadRequest("'" + name + "' must be a number of milliseconds from 0 to " + max);
        }
        return ((Number) value).longValue();
    }
}
