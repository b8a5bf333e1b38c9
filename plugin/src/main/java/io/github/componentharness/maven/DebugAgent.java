package io.github.componentharness.maven;

/**
 * {@code harness.debug} as failsafe's {@code maven.failsafe.debug} reads it: {@code true} (or
 * empty) for a JDWP agent that suspends the JVM until a debugger attaches on port 5005, a port,
 * JDWP options such as {@code transport=dt_socket,server=y,suspend=n,address=*:8000}, or a whole
 * {@code -agentlib:jdwp=...} argument; {@code false} for none.
 */
record DebugAgent(String argument) {

    private static final String JDWP = "-agentlib:jdwp=";
    private static final String DEFAULT_OPTIONS = "transport=dt_socket,server=y,suspend=y,address=localhost:";

    /** The agent for the parameter's value, or {@code null} for none. */
    static DebugAgent of(String value) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("false")) {
            return null;
        }
        String v = value.trim();
        if (v.equalsIgnoreCase("true")) {
            return new DebugAgent(JDWP + DEFAULT_OPTIONS + 5005);
        }
        if (v.matches("\\d{1,5}")) {
            return new DebugAgent(JDWP + DEFAULT_OPTIONS + v);
        }
        return new DebugAgent(v.startsWith("-") ? v : JDWP + v);
    }

    /** Whether the JVM waits for a debugger before it runs: then the start waits without a timeout. */
    boolean suspends() {
        return !argument.contains("suspend=n");
    }
}
