package io.github.componentharness.internal.fork;

import io.github.componentharness.Fault;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.internal.faults.FaultWire;
import io.github.componentharness.internal.json.Json;
import io.github.componentharness.internal.local.Placement;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
 * @param placement in process mode, what this component JVM hosts; {@code null} in a harness
 *     JVM or a coordinator
 */
public record ForkSettings(String controlHost, int controlPort, String token, Path statusDir, long parentPid,
        long parentStartMillis, boolean watchStdin, Placement placement) {

    public static final String KEY = "fork";

    /**
     * Settings for a harness JVM that this JVM starts and that watches it: its standard input, and
     * this JVM's pid and start time.
     */
    public static ForkSettings childOfThisJvm(String controlHost, int controlPort, String token, Path statusDir,
            Placement placement) {
        ProcessHandle self = ProcessHandle.current();
        return new ForkSettings(controlHost, controlPort, token, statusDir, self.pid(),
                self.info().startInstant().map(Instant::toEpochMilli).orElse(0L), true, placement);
    }

    /** The {@code spec.json} a forked {@code HarnessMain} reads: the spec, with these settings as its fork section. */
    public String specJson(HarnessSpec spec) {
        return specJson(spec, Map.of());
    }

    /** Where {@code spec.json} keeps the system properties that HarnessMain sets before anything runs. */
    public static final String SYSTEM_PROPERTIES = "systemProperties";

    /**
     * As {@link #specJson(HarnessSpec)}, with system properties that the forked JVM sets as it
     * starts, as failsafe's booter does (Maven's {@code -D} user properties): in the owner-only
     * file rather than on a command line anyone may read, and of any length.
     */
    public String specJson(HarnessSpec spec, Map<String, String> systemProperties) {
        Map<String, Object> json = new LinkedHashMap<>(Json.readObject(spec.toJson()));
        json.put(KEY, toJson());
        if (!systemProperties.isEmpty()) {
            json.put(SYSTEM_PROPERTIES, new LinkedHashMap<>(systemProperties));
        }
        return Json.writePretty(json);
    }

    /** The system properties a {@code spec.json} carries for its JVM. */
    public static Map<String, String> systemProperties(Map<String, Object> specJson) {
        Map<String, String> out = new LinkedHashMap<>();
        if (specJson.get(SYSTEM_PROPERTIES) instanceof Map) {
            ((Map<?, ?>) specJson.get(SYSTEM_PROPERTIES)).forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("controlHost", controlHost);
        m.put("controlPort", controlPort);
        m.put("token", token);
        m.put("statusDir", statusDir == null ? null : statusDir.toString());
        m.put("parentPid", parentPid);
        m.put("parentStartMillis", parentStartMillis);
        m.put("watchStdin", watchStdin);
        if (placement != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("process", placement.process());
            p.put("hosted", new ArrayList<>(new TreeSet<>(placement.hosted())));
            p.put("ports", placement.ports());
            if (!placement.faults().isEmpty()) {
                p.put("faults", FaultWire.toWire(placement.faults()));
            }
            m.put("placement", p);
        }
        return m;
    }

    public static ForkSettings fromJson(Object json) {
        if (!(json instanceof Map)) {
            return new ForkSettings("127.0.0.1", 0, null, null, 0, 0, false, null);
        }
        Map<?, ?> m = (Map<?, ?>) json;
        return new ForkSettings(
                m.get("controlHost") == null ? "127.0.0.1" : m.get("controlHost").toString(),
                m.get("controlPort") instanceof Number ? ((Number) m.get("controlPort")).intValue() : 0,
                m.get("token") == null ? null : m.get("token").toString(),
                m.get("statusDir") == null ? null : Path.of(m.get("statusDir").toString()),
                m.get("parentPid") instanceof Number ? ((Number) m.get("parentPid")).longValue() : 0,
                m.get("parentStartMillis") instanceof Number ? ((Number) m.get("parentStartMillis")).longValue() : 0,
                Boolean.TRUE.equals(m.get("watchStdin")),
                placement(m.get("placement")));
    }

    private static Placement placement(Object json) {
        if (!(json instanceof Map)) {
            return null;
        }
        Map<?, ?> p = (Map<?, ?>) json;
        Set<String> hosted = new LinkedHashSet<>();
        ((List<?>) p.get("hosted")).forEach(h -> hosted.add(String.valueOf(h)));
        Map<String, Map<String, Integer>> ports = new LinkedHashMap<>();
        ((Map<?, ?>) p.get("ports")).forEach((instance, own) -> {
            Map<String, Integer> byName = new LinkedHashMap<>();
            ((Map<?, ?>) own).forEach((name, port) -> byName.put(String.valueOf(name), ((Number) port).intValue()));
            ports.put(String.valueOf(instance), byName);
        });
        List<Fault> faults = new ArrayList<>();
        if (p.get("faults") instanceof List) {
            ((List<?>) p.get("faults")).forEach(f -> faults.add(FaultWire.fromWire((Map<?, ?>) f)));
        }
        return new Placement(String.valueOf(p.get("process")), hosted, ports, faults);
    }
}
