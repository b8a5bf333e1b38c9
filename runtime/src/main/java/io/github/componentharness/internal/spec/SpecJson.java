package io.github.componentharness.internal.spec;

import io.github.componentharness.ComponentSpec;
import io.github.componentharness.HarnessException;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.internal.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The spec's JSON form, as the plugin writes it to {@code spec.json} for the forked harness. */
public final class SpecJson {

    private SpecJson() {
    }

    public static String write(HarnessSpec spec) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("mode", spec.mode().configName());
        root.put("startTimeout", spec.startTimeout().toString());
        root.put("stopTimeout", spec.stopTimeout().toString());
        root.put("failOnLeak", spec.failOnLeak());
        spec.logDir().ifPresent(dir -> root.put("logDir", dir.toString()));
        spec.workDir().ifPresent(dir -> root.put("workDir", dir.toString()));
        root.put("components", spec.components().stream().map(SpecJson::component).toList());
        return Json.writePretty(root);
    }

    private static Map<String, Object> component(ComponentSpec c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("className", c.className());
        m.put("ports", c.ports());
        m.put("config", c.config());
        m.put("replicas", c.replicas());
        m.put("dependsOn", c.dependsOn());
        c.process().ifPresent(p -> m.put("process", p));
        return m;
    }

    public static HarnessSpec read(String json) {
        Map<String, Object> root;
        try {
            root = Json.readObject(json);
        } catch (IllegalArgumentException e) {
            throw new HarnessException("Invalid harness spec JSON: " + e.getMessage());
        }
        HarnessSpec.Builder b = HarnessSpec.builder();
        if (root.get("mode") != null) {
            b.mode(HarnessSpec.Mode.of(root.get("mode").toString()));
        }
        if (root.containsKey("startTimeout")) {
            b.startTimeout(duration(root, "startTimeout"));
        }
        if (root.containsKey("stopTimeout")) {
            b.stopTimeout(duration(root, "stopTimeout"));
        }
        b.failOnLeak(Boolean.TRUE.equals(root.get("failOnLeak")));
        if (root.get("logDir") != null) {
            b.logDir(Path.of(root.get("logDir").toString()));
        }
        if (root.get("workDir") != null) {
            b.workDir(Path.of(root.get("workDir").toString()));
        }
        for (Object entry : list(root, "components", "the spec")) {
            if (!(entry instanceof Map)) {
                throw new HarnessException("Invalid harness spec JSON: each entry of 'components' must be an object");
            }
            Map<?, ?> c = (Map<?, ?>) entry;
            String name = c.get("name") == null ? null : c.get("name").toString();
            String className = c.get("className") == null ? null : c.get("className").toString();
            String where = "component '" + name + "'";
            b.component(name, className, cb -> {
                list(c, "ports", where).forEach(p -> cb.ports(String.valueOf(p)));
                list(c, "dependsOn", where).forEach(d -> cb.dependsOn(String.valueOf(d)));
                Object config = c.get("config");
                if (config instanceof Map) {
                    ((Map<?, ?>) config).forEach((k, v) -> cb.config(String.valueOf(k), v));
                }
                Object replicas = c.get("replicas");
                cb.replicas(replicas instanceof Number ? ((Number) replicas).intValue() : 1);
                if (c.get("process") != null) {
                    cb.process(c.get("process").toString());
                }
            });
        }
        return b.build();
    }

    private static Duration duration(Map<String, Object> root, String key) {
        try {
            return Duration.parse(String.valueOf(root.get(key)));
        } catch (DateTimeParseException e) {
            throw new HarnessException("Invalid harness spec JSON: '" + key + "' must be an ISO-8601 duration such as PT30S, not "
                    + root.get(key));
        }
    }

    private static List<?> list(Map<?, ?> map, String key, String where) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List)) {
            throw new HarnessException("Invalid harness spec JSON: '" + key + "' of " + where + " must be a list");
        }
        return (List<?>) value;
    }
}
