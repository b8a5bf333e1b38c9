package io.github.componentharness.internal.spec;

import io.github.componentharness.ComponentSpec;
import io.github.componentharness.HarnessException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of args, system properties, probes, stop args and config values:
 * {@code {port:NAME}}, {@code {port:INSTANCE.NAME}}, {@code {workDir}}, {@code {name}} and
 * {@code {replica}}. Only a brace pair around a word that starts in lower case (and an optional
 * {@code :argument}), with no {@code $} before it, is one: JSON text, regex quantifiers such as
 * {@code a{2,3}}, date patterns such as {@code %d{HH:mm:ss}} and {@code ${VARIABLE}} pass through
 * unchanged.
 */
public final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("(?<!\\$)\\{([a-z][A-Za-z]*)(?::([^{}\\s]*))?\\}");

    /** What a placeholder resolves to for one instance. */
    public interface Values {
        int port(String instance, String portName);

        String workDir();

        String name();

        int replica();
    }

    private Placeholders() {
    }

    /** {@code text} with every placeholder replaced; {@code null} stays {@code null}. */
    public static String resolve(String text, Values values) {
        if (text == null || text.indexOf('{') < 0) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), m.group(2), values, text)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String value(String kind, String argument, Values values, String text) {
        switch (kind) {
            case "port": {
                int dot = argument == null ? -1 : argument.lastIndexOf('.');
                return String.valueOf(dot < 0 ? values.port(values.name(), argument)
                        : values.port(argument.substring(0, dot), argument.substring(dot + 1)));
            }
            case "workDir":
                return values.workDir();
            case "name":
                return values.name();
            case "replica":
                return String.valueOf(values.replica());
            default:
                // check() refuses these before anything starts; reaching here is the harness's bug.
                throw new HarnessException("unknown placeholder {" + kind + "} in '" + text + "'");
        }
    }

    /**
     * Adds a problem for each placeholder of {@code c} that cannot resolve: an unknown kind, a
     * port its component (or the named peer instance) does not declare.
     *
     * @param instances every instance name of the spec, with the ports its component declares
     */
    static void check(ComponentSpec c, Map<String, List<String>> instances, List<String> problems) {
        List<String[]> texts = new ArrayList<>();
        c.args().forEach(a -> texts.add(new String[] {"args", a}));
        c.systemProperties().forEach((k, v) -> texts.add(new String[] {"systemProperties " + k, v}));
        c.config().forEach((k, v) -> texts.add(new String[] {"config " + k, v}));
        c.readyWhen().stream().filter(r -> r.probe() != ComponentSpec.ReadyWhen.Probe.PORT)
                .forEach(r -> texts.add(new String[] {r.toString(), r.target()}));
        c.stop().ifPresent(s -> s.args().forEach(a -> texts.add(new String[] {"stop args", a})));
        for (String[] where : texts) {
            if (where[1] == null) {
                continue;
            }
            Matcher m = PLACEHOLDER.matcher(where[1]);
            while (m.find()) {
                String problem = problem(c, m.group(1), m.group(2), instances);
                if (problem != null) {
                    problems.add("component '" + c.name() + "' uses " + m.group() + " in its " + where[0] + ": " + problem);
                }
            }
        }
    }

    private static String problem(ComponentSpec c, String kind, String argument, Map<String, List<String>> instances) {
        switch (kind) {
            case "port": {
                if (argument == null || argument.isEmpty()) {
                    return "name the port, as {port:http} or {port:broker.frontend}";
                }
                int dot = argument.lastIndexOf('.');
                if (dot < 0) {
                    return c.ports().contains(argument) ? null : "it declares no port '" + argument + "' (declared: "
                            + (c.ports().isEmpty() ? "none" : String.join(", ", c.ports())) + "): declare it in its ports";
                }
                String instance = argument.substring(0, dot);
                String port = argument.substring(dot + 1);
                List<String> ports = instances.get(instance);
                if (ports == null) {
                    return "there is no instance '" + instance + "' (instances: " + String.join(", ", instances.keySet())
                            + "): name a replica as worker-2";
                }
                return ports.contains(port) ? null : "'" + instance + "' declares no port '" + port + "' (declared: "
                        + (ports.isEmpty() ? "none" : String.join(", ", ports)) + ")";
            }
            case "workDir":
            case "name":
            case "replica":
                return argument == null ? null : "{" + kind + "} takes no argument";
            default:
                return "unknown placeholder (known: {port:NAME}, {port:INSTANCE.NAME}, {workDir}, {name}, {replica})";
        }
    }
}
