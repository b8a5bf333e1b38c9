package io.github.componentharness.internal.json;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.componentharness.HarnessException;
import java.io.IOException;
import java.util.Map;

/** The one place that talks to the JSON library, which is shaded and relocated in the jar. */
public final class Json {

    private static final JSON COMPACT = JSON.std.without(JSON.Feature.PRETTY_PRINT_OUTPUT);
    private static final JSON PRETTY = JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT);

    private Json() {
    }

    /** Writes maps, lists, strings, numbers, booleans and nulls. */
    public static String write(Object value) {
        try {
            return COMPACT.asString(value);
        } catch (IOException e) {
            throw new HarnessException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    public static String writePretty(Object value) {
        try {
            return PRETTY.asString(value);
        } catch (IOException e) {
            throw new HarnessException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Reads one JSON object.
     *
     * @throws IllegalArgumentException when the text is not one JSON object
     */
    public static Map<String, Object> readObject(String text) {
        try {
            return COMPACT.mapFrom(text);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
        }
    }
}
