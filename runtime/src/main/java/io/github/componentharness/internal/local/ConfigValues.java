package io.github.componentharness.internal.local;

import io.github.componentharness.HarnessException;
import io.github.componentharness.internal.spec.Durations;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A component's configuration, with conversions whose errors name the component and the key. */
final class ConfigValues {

    private final String component;
    private final Map<String, String> values;
    private final UnaryOperator<String> placeholders;

    /** @param placeholders resolves the placeholders of a value, when it is read */
    ConfigValues(String component, Map<String, String> values, UnaryOperator<String> placeholders) {
        this.component = component;
        this.values = values;
        this.placeholders = placeholders;
    }

    String required(String key) {
        String value = placeholders.apply(values.get(key));
        if (value == null) {
            throw new HarnessException("component '" + component + "' needs config '" + key + "', which is not set "
                    + "(set: " + (values.isEmpty() ? "none" : String.join(", ", values.keySet())) + "): add <config><" + key
                    + ">…</" + key + "></config> to it, or .config(\"" + key + "\", …) to its spec");
        }
        return value;
    }

    <T> T required(String key, Class<T> type) {
        return convert(key, required(key), type);
    }

    <T> T optional(String key, Class<T> type, T defaultValue) {
        String value = placeholders.apply(values.get(key));
        return value == null ? defaultValue : convert(key, value, type);
    }

    private <T> T convert(String key, String text, Class<T> type) {
        String trimmed = text.trim();
        try {
            Object value;
            if (type == String.class) {
                value = text;
            } else if (type == Integer.class || type == int.class) {
                value = Integer.valueOf(trimmed);
            } else if (type == Long.class || type == long.class) {
                value = Long.valueOf(trimmed);
            } else if (type == Double.class || type == double.class) {
                value = Double.valueOf(trimmed);
            } else if (type == Boolean.class || type == boolean.class) {
                value = parseBoolean(trimmed);
            } else if (type == Duration.class) {
                value = Durations.parse(trimmed);
            } else {
                throw new HarnessException("config '" + key + "' of component '" + component + "' cannot be read as "
                        + type.getSimpleName() + ": ask for String, Integer, Long, Double, Boolean or Duration");
            }
            @SuppressWarnings("unchecked")
            T typed = (T) value;
            return typed;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new HarnessException("config '" + key + "' of component '" + component + "' is '" + text + "', which is not "
                    + article(type) + ": fix its value" + (type == Duration.class ? " (such as 500ms, 5s, 2m or PT5S)" : ""));
        }
    }

    private static Boolean parseBoolean(String text) {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException(text);
    }

    private static String article(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "an int";
        }
        if (type == Long.class || type == long.class) {
            return "a long";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a duration";
    }
}
