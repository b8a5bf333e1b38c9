package io.github.componentharness.internal.fork;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a forked harness talks to the plugin that started it: the control port to serve, where to
 * write its status files, and the Maven process to watch. Travels as the {@code fork} object of
 * {@code spec.json}; a spec run as a production service has none.
 *
 * @param token the control port's token, or {@code null} to serve no control port
 * @param statusDir where {@code ready.json}, {@code failed.json} and {@code stopped.json} go
 * @param parentPid the Maven process to outlive by at most a second or two, or 0 for none
 * @param parentStartMillis the parent's start time, so a recycled pid is not mistaken for it
 * @param watchStdin whether the end of standard input means the parent is gone
 */
public record ForkSettings(String controlHost, int controlPort, String token, Path statusDir, long parentPid,
        long parentStartMillis, boolean watchStdin) {

    public static final String KEY = "fork";

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("controlHost", controlHost);
        m.put("controlPort", controlPort);
        m.put("token", token);
        m.put("statusDir", statusDir == null ? null : statusDir.toString());
        m.put("parentPid", parentPid);
        m.put("parentStartMillis", parentStartMillis);
        m.put("watchStdin", watchStdin);
        return m;
    }

    static ForkSettings fromJson(Object json) {
        if (!(json instanceof Map)) {
            return new ForkSettings("127.0.0.1", 0, null, null, 0, 0, false);
        }
        Map<?, ?> m = (Map<?, ?>) json;
        return new ForkSettings(
                m.get("controlHost") == null ? "127.0.0.1" : m.get("controlHost").toString(),
                m.get("controlPort") instanceof Number ? ((Number) m.get("controlPort")).intValue() : 0,
                m.get("token") == null ? null : m.get("token").toString(),
                m.get("statusDir") == null ? null : Path.of(m.get("statusDir").toString()),
                m.get("parentPid") instanceof Number ? ((Number) m.get("parentPid")).longValue() : 0,
                m.get("parentStartMillis") instanceof Number ? ((Number) m.get("parentStartMillis")).longValue() : 0,
                Boolean.TRUE.equals(m.get("watchStdin")));
    }
}
