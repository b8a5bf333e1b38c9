package io.github.componentharness.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.componentharness.Status;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

    record Point(int x, String label) {
    }

    @Test
    void numbersTakeOneFormPerKind() {
        assertThat(JsonValues.toJson(3)).isEqualTo(3L);
        assertThat(JsonValues.toJson((short) 3)).isEqualTo(3L);
        assertThat(JsonValues.toJson(new AtomicInteger(4))).isEqualTo(4L);
        LongAdder adder = new LongAdder();
        adder.add(5);
        assertThat(JsonValues.toJson(adder)).isEqualTo(5L);
        DoubleAdder doubles = new DoubleAdder();
        doubles.add(0.5);
        assertThat(JsonValues.toJson(doubles)).isEqualTo(0.5);
        assertThat(JsonValues.toJson(1.5f)).isEqualTo(1.5);
        assertThat(JsonValues.toJson(BigInteger.TEN)).isEqualTo(10L);
        assertThat(JsonValues.toJson(BigInteger.TEN.pow(30))).isEqualTo(BigInteger.TEN.pow(30));
        assertThat(JsonValues.toJson(new BigDecimal("1.25"))).as("decimals travel as doubles").isEqualTo(1.25);
        assertThat(JsonValues.toJson(new BigDecimal("1.50e3"))).isEqualTo(1500L);
        assertThat(JsonValues.toJson(Double.NaN)).as("JSON has no NaN").isEqualTo("NaN");
        assertThat(JsonValues.toJson(Float.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(JsonValues.toJson("a\uD800b")).as("an unpaired surrogate").isEqualTo("a\uFFFDb");
    }

    @Test
    void containersAndWrappersGiveTheirContent() {
        assertThat(JsonValues.toJson(new int[] {1, 2})).isEqualTo(List.of(1L, 2L));
        assertThat(JsonValues.toJson(Map.of(7, List.of("a")))).isEqualTo(Map.of("7", List.of("a")));
        assertThat(JsonValues.toJson(new Point(1, "p"))).isEqualTo(Map.of("x", 1L, "label", "p"));
        assertThat(JsonValues.toJson(Optional.of(2))).isEqualTo(2L);
        assertThat(JsonValues.toJson(Optional.empty())).isNull();
        assertThat(JsonValues.toJson(new AtomicReference<>(Status.RUNNING))).isEqualTo("RUNNING");
        assertThat(JsonValues.toJson(new AtomicBoolean(true))).isEqualTo(true);
        assertThat(JsonValues.toJson(Duration.ofSeconds(5))).isEqualTo("PT5S");
        assertThat(JsonValues.toJson(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(JsonValues.toJson('c')).isEqualTo("c");
    }

    @Test
    void cyclesAndHugeCollectionsAreBounded() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThatThrownBy(() -> JsonValues.toJson(cycle)).hasMessageContaining("nested deeper than 32 levels (a cycle?)");
        List<Integer> huge = new ArrayList<>();
        for (int i = 0; i < JsonValues.MAX_ELEMENTS + 5; i++) {
            huge.add(i);
        }
        assertThat((List<?>) JsonValues.toJson(huge)).hasSize(JsonValues.MAX_ELEMENTS);
        assertThatThrownBy(() -> JsonValues.toJson(new Object())).hasMessage("a java.lang.Object has no JSON form");
    }
}
