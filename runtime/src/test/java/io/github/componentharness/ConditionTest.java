package io.github.componentharness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ConditionTest {

    @Test
    void numbersCompareByValueWhateverTheirType() {
        assertThat(Condition.eq(3).test(3L, true)).isTrue();
        assertThat(Condition.eq(3).test(3.0, true)).isTrue();
        assertThat(Condition.ge(300).test(300L, true)).isTrue();
        assertThat(Condition.gt(300).test(300L, true)).isFalse();
        assertThat(Condition.lt(new BigDecimal("0.5")).test(0.25, true)).isTrue();
        assertThat(Condition.le(1).test(2L, true)).isFalse();
        assertThat(Condition.ne(1).test(2L, true)).isTrue();
    }

    @Test
    void orderingNeverHoldsForNonNumbersAndNothingHoldsForAnAbsentKey() {
        assertThat(Condition.ge(1).test("5", true)).isFalse();
        assertThat(Condition.ne(1).test(null, false)).isFalse();
        assertThat(Condition.exists().test(null, true)).isTrue();
        assertThat(Condition.exists().test(null, false)).isFalse();
    }

    @Test
    void matchesTestsTheWholeText() {
        assertThat(Condition.matches("RUN.*").test("RUNNING", true)).isTrue();
        assertThat(Condition.matches("RUN").test("RUNNING", true)).isFalse();
        assertThat(Condition.matches("4\\d").test(42L, true)).isTrue();
    }

    @Test
    void wireFormsAreCheckedAndPrinted() {
        assertThat(Condition.of("ge", 300)).isEqualTo(Condition.ge(300));
        assertThat(Condition.of("GE", 300).toString()).isEqualTo("ge 300");
        assertThat(Condition.matches("ok.*").toString()).isEqualTo("matches \"ok.*\"");
        assertThat(Condition.of("exists", "ignored")).isEqualTo(Condition.exists());
        assertThatThrownBy(() -> Condition.of("approx", 1))
                .hasMessage("unknown condition 'approx' (known: eq, ne, gt, ge, lt, le, exists, matches)");
        assertThatThrownBy(() -> Condition.of("gt", "x")).hasMessage("condition 'gt' needs a number, not x");
    }
}
