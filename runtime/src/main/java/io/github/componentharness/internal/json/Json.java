package io.github.componentharness.internal.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.jr.ob.JSON;
import io.github.componentharness.HarnessException;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/** The one place that talks to the JSON library, which is shaded and relocated in the jar. */
public final class Json {

    // Nulls are written: a state value that is null must reach the client as "value":null, not vanish.
    private static final JSON COMPACT = JSON.std
            .with(JSON.Feature.WRITE_NULL_PROPERTIES, JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS)
            .without(JSON.Feature.PRETTY_PRINT_OUTPUT);
    private static final JSON PRETTY = COMPACT.with(JSON.Feature.PRETTY_PRINT_OUTPUT);

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
     * Reads exactly one JSON object: nothing but whitespace may follow it, keys are unique, and
     * every number is finite (JSON has no NaN or infinity; {@code 1e999999} is refused rather
     * than read as one).
     *
     * @throws NotOneObject when the text is anything else; its message never quotes the text
     */
    public static Map<String, Object> readObject(String text) {
        Map<String, Object> object;
        try (JsonParser parser = COMPACT.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new NotOneObject("it is not an object");
            }
            object = COMPACT.mapFrom(parser);
            if (parser.nextToken() != null) {
                throw new NotOneObject("more follows the object, at character " + parser.currentTokenLocation().getCharOffset());
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new NotOneObject("malformed JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        } catch (IOException | RuntimeException e) {
            if (e instanceof NotOneObject) {
                throw (NotOneObject) e;
            }
            throw new NotOneObject("malformed JSON (" + e.getClass().getSimpleName() + ")");
        }
        requireFinite(object);
        return object;
    }

    /** Text that is not exactly one JSON object; the message says why in the harness's words. */
    public static final class NotOneObject extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NotOneObject(String message) {
            super(message);
        }
    }

    private static void requireFinite(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NotOneObject("a number is out of range: JSON numbers must be finite doubles");
            }
        } else if (value instanceof Map) {
            ((Map<?, ?>) value).values().forEach(Json::requireFinite);
        } else if (value instanceof Collection) {
            ((Collection<?>) value).forEach(Json::requireFinite);
        }
    }
}
