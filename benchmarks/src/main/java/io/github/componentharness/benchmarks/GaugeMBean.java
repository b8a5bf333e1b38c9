package io.github.componentharness.benchmarks;

/** The JMX view of the same value, as spring-boot:start reads its application's state. */
public interface GaugeMBean {
    long getDepth();
}
