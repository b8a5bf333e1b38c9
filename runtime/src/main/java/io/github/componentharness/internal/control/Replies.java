package io.github.componentharness.internal.control;

import io.github.componentharness.HarnessTimeoutException;
import io.github.componentharness.NoSuchStateException;
import io.github.componentharness.internal.state.StateException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reply bodies: {@code {"ok":true,"value":…}} or {@code {"ok":false,"error":…,"code":…}}. */
final class Replies {

    private Replies() {
    }

    static Map<String, Object> ok(Object value) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("ok", true);
        reply.put("value", value);
        return reply;
    }

    static Map<String, Object> error(ControlError code, String message) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("ok", false);
        reply.put("error", message);
        reply.put("code", code.code());
        return reply;
    }

    static Map<String, Object> error(RuntimeException e) {
        if (e instanceof BadRequest || e instanceof IllegalArgumentException) {
            return error(ControlError.BAD_REQUEST, e.getMessage());
        }
        if (e instanceof NoSuchStateException) {
            return error(ControlError.ABSENT, e.getMessage());
        }
        if (e instanceof HarnessTimeoutException) {
            return error(ControlError.TIMEOUT, e.getMessage());
        }
        if (e instanceof io.github.componentharness.HarnessException) {
            return error(ControlError.FAILED, e.getMessage());
        }
        return error(ControlError.FAILED, e.toString());
    }
}
