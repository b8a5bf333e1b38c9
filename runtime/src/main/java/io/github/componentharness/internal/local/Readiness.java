package io.github.componentharness.internal.local;

import io.github.componentharness.ComponentSpec;
import io.github.componentharness.ComponentSpec.ReadyWhen;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The readiness probes of one run, resolved for its instance: each remembers its last result, so
 * a probe that never held is reported with why ("connection refused", "HTTP 503", "no line
 * matched").
 */
final class Readiness {

    private static final int CONNECT_TIMEOUT_MS = 500;
    private static final int HTTP_TIMEOUT_MS = 2_000;

    /** One probe; {@link #check} returns {@code null} when it holds, else what it found. */
    private abstract static class Probe {
        final String description;
        volatile String last = "not checked yet";

        Probe(String description) {
            this.description = description;
        }

        abstract String check();
    }

    private final List<Probe> probes;
    private final ComponentOutput output;
    private final List<Consumer<String>> watchers = new ArrayList<>();

    private Readiness(List<Probe> probes, ComponentOutput output) {
        this.probes = probes;
        this.output = output;
    }

    /**
     * The probes of {@code spec} for one run, or {@code null} when it declares none. A main class
     * without {@code readyWhen} is ready once every port it declares accepts a connection.
     */
    static Readiness of(ComponentSpec spec, RunContext ctx, ComponentOutput output) {
        List<ReadyWhen> declared = spec.readyWhen();
        if (declared.isEmpty() && spec.kind() == ComponentSpec.Kind.MAIN) {
            declared = spec.ports().stream().map(p -> new ReadyWhen(ReadyWhen.Probe.PORT, p)).toList();
        }
        if (declared.isEmpty()) {
            return null;
        }
        List<Probe> probes = new ArrayList<>();
        Readiness readiness = new Readiness(probes, output);
        for (ReadyWhen r : declared) {
            switch (r.probe()) {
                case PORT -> probes.add(port(r.target(), ctx.port(r.target())));
                case HTTP -> probes.add(http(ctx.resolve(r.target())));
                case LOG -> probes.add(readiness.log(ctx.resolve(r.target())));
                default -> throw new IllegalStateException(r.toString());
            }
        }
        return readiness;
    }

    private static Probe port(String name, int port) {
        return new Probe("readyWhen port '" + name + "' (127.0.0.1:" + port + ")") {
            @Override
            String check() {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MS);
                    return null;
                } catch (IOException e) {
                    return e.getMessage() == null ? e.toString() : e.getMessage().toLowerCase(java.util.Locale.ROOT);
                }
            }
        };
    }

    private static Probe http(String url) {
        return new Probe("readyWhen http '" + url + "'") {
            @Override
            String check() {
                HttpURLConnection c = null;
                try {
                    c = (HttpURLConnection) URI.create(url).toURL().openConnection();
                    c.setConnectTimeout(HTTP_TIMEOUT_MS);
                    c.setReadTimeout(HTTP_TIMEOUT_MS);
                    c.setUseCaches(false);
                    c.setRequestProperty("Connection", "close");
                    int code = c.getResponseCode();
                    try (InputStream body = code >= 400 ? c.getErrorStream() : c.getInputStream()) {
                        if (body != null) {
                            body.readAllBytes();
                        }
                    }
                    return code >= 200 && code < 300 ? null : "HTTP " + code;
                } catch (IOException | IllegalArgumentException e) {
                    return e.toString();
                } finally {
                    if (c != null) {
                        c.disconnect();
                    }
                }
            }
        };
    }

    private Probe log(String regex) {
        Pattern pattern = Pattern.compile(regex);
        Probe probe = new Probe("readyWhen log '" + regex + "'") {
            volatile boolean matched;

            {
                watchers.add(line -> {
                    if (!matched && pattern.matcher(line).find()) {
                        matched = true;
                    }
                });
            }

            @Override
            String check() {
                return matched ? null : "no line of its output matched yet";
            }
        };
        return probe;
    }

    /** Starts watching output lines, before the instance writes any. */
    void open() {
        if (!watchers.isEmpty()) {
            output.watch(line -> watchers.forEach(w -> w.accept(line)));
        }
    }

    void close() {
        output.watch(null);
    }

    /** Checks every probe (each remembers its result) and says whether all hold. */
    boolean holds() {
        boolean all = true;
        for (Probe p : probes) {
            String result = p.check();
            p.last = result == null ? "holds" : result;
            all &= result == null;
        }
        return all;
    }

    /** {@code readyWhen port 'tcp' (127.0.0.1:4242): connection refused; ...}, for reports. */
    String report() {
        StringBuilder out = new StringBuilder();
        for (Probe p : probes) {
            out.append(out.length() == 0 ? "" : "; ").append(p.description).append(": ").append(p.last);
        }
        return out.toString();
    }
}
