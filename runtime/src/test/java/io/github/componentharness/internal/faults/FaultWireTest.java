package io.github.componentharness.internal.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.componentharness.Fault;
import io.github.componentharness.internal.json.Json;
import java.time.Duration;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every fault survives the wire, and every request body either is a fault or says which field is wrong. */
class FaultWireTest {

    @Property
    void everyFaultReadsBackAsItself(@ForAll("faults") Fault fault) {
        String json = Json.write(FaultWire.toWire(fault));
        assertThat(FaultWire.fromWire(Json.readObject(json))).isEqualTo(fault);
    }

    @Property
    void anyFieldsGiveAFaultOrAnIllegalArgument(@ForAll("fields") Map<String, Object> fields) {
        try {
            Fault fault = FaultWire.fromWire(fields);
            assertThat(fault.latency().isNegative()).isFalse();
            assertThat(fault.jitter().isNegative()).isFalse();
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank().hasSizeLessThan(400);
        }
    }

    @Property(tries = 50)
    void aNegativeDelayNamesItsField(@ForAll("negative") long ms) {
        assertThatThrownBy(() -> FaultWire.fromWire(Map.of("kind", "delay", "from", "a", "to", "b", "ms", ms)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ms' must be a whole number from 0");
    }

    @Provide
    Arbitrary<Long> negative() {
        return Arbitraries.longs().lessOrEqual(-1);
    }

    @Provide
    Arbitrary<Fault> faults() {
        Arbitrary<String> names = Arbitraries.strings().alpha().numeric().withChars('-', '.').ofMinLength(1).ofMaxLength(20);
        Arbitrary<Fault.Direction> directions = Arbitraries.of(Fault.Direction.class);
        Arbitrary<Duration> millis = Arbitraries.longs().between(0, FaultWire.MAX_MILLIS).map(Duration::ofMillis);
        return Arbitraries.oneOf(
                Combinators.combine(names, names).as(Fault::partition),
                Combinators.combine(names, names, millis, millis, directions).as(Fault::delay),
                Combinators.combine(names, names, directions).as(Fault::blackhole),
                Combinators.combine(names, names, Arbitraries.longs().between(1, Long.MAX_VALUE), directions).as(Fault::bandwidth),
                Combinators.combine(names, names).as(Fault::heal),
                names.map(Fault::heal),
                Arbitraries.just(Fault.healAll()));
    }

    @Provide
    Arbitrary<Map<String, Object>> fields() {
        Arbitrary<Object> values = Arbitraries.oneOf(
                Arbitraries.of("partition", "delay", "blackhole", "bandwidth", "heal", "both", "upstream", "", "DELAY").map(s -> s),
                Arbitraries.strings().ofMaxLength(300).map(s -> s),
                Arbitraries.longs().map(l -> l),
                Arbitraries.doubles().map(d -> d),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, 1e300, -0.0).map(d -> d),
                Arbitraries.of(true, false).map(b -> b),
                Arbitraries.just(null));
        return Arbitraries.maps(Arbitraries.of("kind", "from", "to", "ms", "jitterMs", "bytesPerSecond", "direction", "x"), values)
                .ofMaxSize(8);
    }
}
