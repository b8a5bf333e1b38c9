package io.github.componentharness.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JvmArgumentsTest {

    @Test
    void jvmArgsAndArgLineAreSplitAsAShellWould() {
        assertThat(JvmArguments.split("-Xmx256m -Dgreeting=\"hello world\"",
                "-javaagent:/repo/jacoco.jar=destfile=/p/target/jacoco-it.exec"))
                .containsExactly("-Xmx256m", "-Dgreeting=hello world", "-javaagent:/repo/jacoco.jar=destfile=/p/target/jacoco-it.exec");
    }

    @Test
    void blankOrUnresolvedLinesAddNothing() {
        assertThat(JvmArguments.split(null, "  ", "${argLine}")).isEmpty();
    }

    @Test
    void anUnbalancedQuoteIsNamed() {
        assertThatThrownBy(() -> JvmArguments.split("-Dx=\"open"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot split the JVM arguments '-Dx=\"open'");
    }
}
