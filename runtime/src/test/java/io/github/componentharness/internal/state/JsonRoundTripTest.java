package io.github.componentharness.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.componentharness.internal.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any state value reads the same in-process and over the wire: its JSON form, written as a reply
 * and read back by a client, is its JSON form again.
 */
class JsonRoundTripTest {

    @Property(tries = 2000)
    void anyStateValueSurvivesTheWire(@ForAll("stateValues") Object value) {
        Object form = JsonValues.toJson(value);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("ok", true);
        reply.put("value", form);
        Map<String, Object> read = Json.readObject(new String(Json.write(reply).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(read).containsKey("value");
        assertThat(JsonValues.toJson(read.get("value"))).isEqualTo(form);
    }

    @Provide
    Arbitrary<Object> stateValues() {
        return Arbitraries.recursive(this::scalars, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(l -> (Object) l),
                Arbitraries.maps(Arbitraries.strings().all().ofMaxLength(6), inner).ofMaxSize(3).map(m -> (Object) m)), 0, 3);
    }

    private Arbitrary<Object> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.of(true, false).map(b -> b),
                Arbitraries.strings().ofMaxLength(40).map(s -> s),
                Arbitraries.strings().all().ofMaxLength(8).map(s -> s),
                Arbitraries.longs().map(l -> l),
                Arbitraries.integers().map(i -> i),
                Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(Double.POSITIVE_INFINITY)
                        .withSpecialValue(Double.NEGATIVE_INFINITY).withSpecialValue(-0.0).withSpecialValue(Double.MIN_VALUE)
                        .withSpecialValue(Double.MAX_VALUE).map(d -> d),
                Arbitraries.floats().map(f -> f),
                Arbitraries.bigIntegers().between(BigInteger.TWO.pow(80).negate(), BigInteger.TWO.pow(80)).map(b -> b),
                Arbitraries.bigDecimals().ofScale(3).map(b -> b),
                Arbitraries.of(BigDecimal.valueOf(1, -3), new BigDecimal("1e400"), new BigDecimal("1.50")).map(b -> b),
                Arbitraries.longs().array(long[].class).ofMaxSize(5).map(a -> a),
                Arbitraries.of(Thread.State.class).map(e -> e));
    }
}
