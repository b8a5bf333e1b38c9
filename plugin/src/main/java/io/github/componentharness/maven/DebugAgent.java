package io.github.componentharness.maven;

/**
 * {@code harness.debug}: {@code true} for a JDWP agent that suspends the JVM until a debugger
 * attaches on port 5005 (as {@code maven.failsafe.debug} does), a port, JDWP options such as
 * {@code transport=dt_socket,server=y,suspend=n,address=*:8000}, or JVM arguments as given to
 * failsafe's debug parameter ({@code -agentlib:jdwp=...}, or {@code -Xdebug -Xrunjdwp:...});
 * {@code false} or blank for none.
 *
 * @param argument the JVM arguments, separated by spaces (see {@link #arguments()})
 */
record DebugAgent(String argument) {

    /** The JVM arguments, one per element. */
    java.util.List<String> arguments() {
        return JvmArguments.split(argument);
    }

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
