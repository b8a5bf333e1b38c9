package io.github.componentharness.internal.spec;

import io.github.componentharness.ComponentSpec;
import io.github.componentharness.HarnessException;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.Isolation;
import io.github.componentharness.internal.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
        if (spec.faults()) {
            root.put("faults", true);
        }
        spec.logDir().ifPresent(dir -> root.put("logDir", dir.toString()));
        spec.workDir().ifPresent(dir -> root.put("workDir", dir.toString()));
        spec.isolation().ifPresent(i -> root.put("isolation", i.configName()));
        root.put("components", spec.components().stream().map(SpecJson::component).toList());
        return Json.writePretty(root);
    }

    private static Map<String, Object> component(ComponentSpec c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put(c.kind() == ComponentSpec.Kind.MAIN ? "mainClass" : "className", c.className());
        m.put("ports", c.ports());
        m.put("config", c.config());
        m.put("replicas", c.replicas());
        m.put("dependsOn", c.dependsOn());
        c.process().ifPresent(p -> m.put("process", p));
        if (!c.args().isEmpty()) {
            m.put("args", c.args());
        }
        if (!c.systemProperties().isEmpty()) {
            m.put("systemProperties", c.systemProperties());
        }
        if (!c.readyWhen().isEmpty()) {
            m.put("readyWhen", c.readyWhen().stream()
                    .map(r -> Map.of(r.probe().name().toLowerCase(Locale.ROOT), r.target())).toList());
        }
        c.stop().ifPresent(stop -> {
            Map<String, Object> s = new LinkedHashMap<>();
            if (stop.mainClass() != null) {
                s.put("mainClass", stop.mainClass());
            }
            s.put("args", stop.args());
            m.put("stop", s);
        });
        c.isolation().ifPresent(i -> m.put("isolation", i.configName()));
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
        b.faults(Boolean.TRUE.equals(root.get("faults")));
        if (root.get("logDir") != null) {
            b.logDir(Path.of(root.get("logDir").toString()));
        }
        if (root.get("workDir") != null) {
            b.workDir(Path.of(root.get("workDir").toString()));
        }
        if (root.get("isolation") != null) {
            b.isolation(Isolation.of(root.get("isolation").toString()));
        }
        for (Object entry : list(root, "components", "the spec")) {
            if (!(entry instanceof Map)) {
                throw new HarnessException("Invalid harness spec JSON: each entry of 'components' must be an object");
            }
            Map<?, ?> c = (Map<?, ?>) entry;
            String name = c.get("name") == null ? null : c.get("name").toString();
            String className = c.get("className") == null ? null : c.get("className").toString();
            String mainClass = c.get("mainClass") == null ? null : c.get("mainClass").toString();
            String where = "component '" + name + "'";
            java.util.function.Consumer<ComponentSpec.Builder> configurer = cb -> {
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
                list(c, "args", where).forEach(a -> cb.args(String.valueOf(a)));
                Object properties = c.get("systemProperties");
                if (properties instanceof Map) {
                    ((Map<?, ?>) properties).forEach((k, v) -> cb.systemProperty(String.valueOf(k), v));
                }
                for (Object probe : list(c, "readyWhen", where)) {
                    readyWhen(cb, probe, where);
                }
                if (c.get("stop") instanceof Map) {
                    Map<?, ?> stop = (Map<?, ?>) c.get("stop");
                    cb.stopArgs(list(stop, "args", where).stream().map(String::valueOf).toArray(String[]::new));
                    if (stop.get("mainClass") != null) {
                        cb.stopMainClass(stop.get("mainClass").toString());
                    }
                }
                if (c.get("isolation") != null) {
                    cb.isolation(Isolation.of(c.get("isolation").toString()));
                }
            };
            if (mainClass != null) {
                b.mainClass(name, mainClass, configurer);
            } else {
                b.component(name, className, configurer);
            }
        }
        return b.build();
    }

    private static void readyWhen(ComponentSpec.Builder cb, Object probe, String where) {
        if (!(probe instanceof Map) || ((Map<?, ?>) probe).size() != 1) {
            throw new HarnessException("Invalid harness spec JSON: each 'readyWhen' entry of " + where
                    + " must be an object with one of port, log or http");
        }
        Map.Entry<?, ?> e = ((Map<?, ?>) probe).entrySet().iterator().next();
        String target = String.valueOf(e.getValue());
        switch (String.valueOf(e.getKey())) {
            case "port" -> cb.readyWhenPort(target);
            case "log" -> cb.readyWhenLog(target);
            case "http" -> cb.readyWhenHttp(target);
            default -> throw new HarnessException("Invalid harness spec JSON: unknown readyWhen probe '" + e.getKey() + "' of "
                    + where + ": use port, log or http");
        }
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
