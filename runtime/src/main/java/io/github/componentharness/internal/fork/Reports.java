package io.github.componentharness.internal.fork;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a harness JVM reports about itself, as records with fields: {@link HarnessMain} writes
 * them to its status folder ({@code ready.json}, {@code failed.json}, {@code stopped.json}) and
 * whoever forked it (the plugin, a process-mode coordinator, the benchmarks) reads them back
 * through {@link StatusFiles}. Nothing crossing the JVM boundary is prose to be parsed.
 */
public final class Reports {

    private Reports() {
    }

    /**
     * The harness is serving.
     *
     * @param endpoint the control port, or {@code null} when it serves none
     * @param stopBudgetMillis the longest its whole stop may take, from the spec: whoever stops it
     *     waits this plus a fixed margin before killing it
     */
    public record Ready(long pid, String endpoint, long startMillis, Map<String, Map<String, Integer>> ports,
            long stopBudgetMillis) {

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pid", pid);
            m.put("endpoint", endpoint);
            m.put("startMillis", startMillis);
            m.put("ports", ports);
            m.put("stopBudgetMillis", stopBudgetMillis);
            return m;
        }

        @SuppressWarnings("unchecked")
        static Ready fromJson(Map<String, Object> m) {
            Map<String, Map<String, Integer>> ports = new LinkedHashMap<>();
            ((Map<String, Object>) m.get("ports")).forEach((instance, own) -> {
                Map<String, Integer> byName = new LinkedHashMap<>();
                ((Map<String, Object>) own).forEach((name, port) -> byName.put(name, ((Number) port).intValue()));
                ports.put(instance, byName);
            });
            return new Ready(number(m, "pid"), (String) m.get("endpoint"), number(m, "startMillis"), ports,
                    number(m, "stopBudgetMillis"));
        }
    }

    /** Why a start failed, so that the reader can say it in its own words and point at the right log. */
    public enum FailureKind {
        /** The spec or a component class is not usable: nothing started. */
        CONFIGURATION,
        /** The control port or a component's port could not be bound. */
        BIND,
        /** A component failed while starting (its constructor, static initialiser or run threw). */
        COMPONENT,
        /** A component was not ready within the start timeout. */
        TIMEOUT,
        /** The start was cancelled: SIGTERM, or the parent process went away. */
        CANCELLED,
        /** Anything else: a fault of the harness itself. */
        HARNESS
    }

    /**
     * The harness did not start; what had started was stopped again.
     *
     * @param component the instance that failed, or {@code null} when no one component did
     */
    public record Failed(long pid, FailureKind kind, String component, String error) {

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pid", pid);
            m.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
            m.put("component", component);
            m.put("error", error);
            return m;
        }

        static Failed fromJson(Map<String, Object> m) {
            return new Failed(number(m, "pid"), FailureKind.valueOf(String.valueOf(m.get("kind")).toUpperCase(java.util.Locale.ROOT)),
                    (String) m.get("component"), (String) m.get("error"));
        }
    }

    /** One component's bad stop: threads that outlived it, or a stop that overran its timeout. */
    public record Problem(String component, ProblemKind kind, String report) {

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("component", component);
            m.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
            m.put("report", report);
            return m;
        }

        static Problem fromJson(Map<String, Object> m) {
            return new Problem((String) m.get("component"),
                    ProblemKind.valueOf(String.valueOf(m.get("kind")).toUpperCase(java.util.Locale.ROOT)), (String) m.get("report"));
        }
    }

    public enum ProblemKind {
        /** Threads still alive after the component stopped. */
        LEAK,
        /** The component did not stop within the stop timeout. */
        OVERRUN,
        /** In process mode: a component JVM that exited by itself, or had to be killed. */
        PROCESS
    }

    /**
     * How the harness stopped.
     *
     * @param status every instance's final status, by name
     * @param error what went wrong stopping as a whole, or {@code null}
     */
    public record Stopped(String why, Map<String, String> status, List<Problem> problems, String error) {

        public List<Problem> leaks() {
            return problems.stream().filter(p -> p.kind() == ProblemKind.LEAK).toList();
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("why", why);
            m.put("status", status);
            m.put("problems", problems.stream().map(Problem::toJson).toList());
            m.put("error", error);
            return m;
        }

        @SuppressWarnings("unchecked")
        static Stopped fromJson(Map<String, Object> m) {
            Map<String, String> status = new LinkedHashMap<>();
            ((Map<String, Object>) m.get("status")).forEach((k, v) -> status.put(k, String.valueOf(v)));
            List<Problem> problems = new ArrayList<>();
            ((List<Object>) m.get("problems")).forEach(p -> problems.add(Problem.fromJson((Map<String, Object>) p)));
            return new Stopped((String) m.get("why"), status, problems, (String) m.get("error"));
        }
    }

    private static long number(Map<String, Object> m, String key) {
        Object value = m.get(key);
        return value instanceof Number ? ((Number) value).longValue() : 0;
    }
}
