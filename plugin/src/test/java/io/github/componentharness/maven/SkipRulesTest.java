package io.github.componentharness.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SkipRulesTest {

    private static final SkipRules.Failsafe OLD = new SkipRules.Failsafe("3.5.4", null, false);
    private static final SkipRules.Failsafe NEW = new SkipRules.Failsafe("3.6.0", null, false);

    private static Optional<SkipRules.Decision> skipTests(SkipRules.Failsafe failsafe) {
        return SkipRules.decide(false, false, false, true, failsafe);
    }

    @Test
    void skipTestsSkipsOnlyWhereFailsafeStillSkipsItsItsOnIt() {
        assertThat(skipTests(OLD)).hasValueSatisfying(d -> assertThat(d.skip()).isTrue());
        assertThat(skipTests(new SkipRules.Failsafe("3.6.0-M1", null, false))).hasValueSatisfying(d -> assertThat(d.skip()).isTrue());
        assertThat(skipTests(NEW)).hasValueSatisfying(d -> {
            assertThat(d.skip()).isFalse();
            assertThat(d.reason()).contains("this build has 3.6.0").contains("-DskipITs skips both");
        });
        assertThat(skipTests(new SkipRules.Failsafe("3.10.1", null, false)).orElseThrow().skip()).isFalse();
        assertThat(skipTests(new SkipRules.Failsafe(null, null, false)).orElseThrow().reason()).contains("no maven-failsafe-plugin");
    }

    @Test
    void theOtherSwitchesAlwaysSkip() {
        assertThat(SkipRules.decide(true, false, false, false, NEW).orElseThrow().reason()).isEqualTo("harness.skip");
        assertThat(SkipRules.decide(false, true, false, false, NEW).orElseThrow().reason()).isEqualTo("maven.test.skip");
        assertThat(SkipRules.decide(false, false, true, false, NEW).orElseThrow().skip()).isTrue();
        // failsafe 3.6.0 still honours <skipTests> in its own configuration.
        assertThat(SkipRules.decide(false, false, false, false, new SkipRules.Failsafe("3.6.1", true, false)).orElseThrow().skip()).isTrue();
        assertThat(SkipRules.decide(false, false, false, false, NEW)).isEmpty();
        // An explicit <skipTests>false</skipTests> beats -DskipTests, in failsafe and here.
        assertThat(SkipRules.decide(false, false, false, true, new SkipRules.Failsafe("3.5.4", false, false)).orElseThrow().skip())
                .isFalse();
        // <skipITs> or <skip> in failsafe's configuration: no ITs, no harness.
        assertThat(SkipRules.decide(false, false, false, false, new SkipRules.Failsafe("3.6.1", null, true)).orElseThrow().skip())
                .isTrue();
    }
}
