package io.github.componentharness.maven;

import io.github.componentharness.internal.control.HarnessLocator;
import io.github.componentharness.internal.fork.OwnerOnlyFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The properties an IT needs to reach its harness: {@code harness.endpoint}, {@code harness.token}
 * and {@code harness.port.<component>.<port>}; set on the project and written to
 * {@code harness.properties}, readable by its owner only as it holds the token.
 */
final class PropertiesExport {

    private PropertiesExport() {
    }

    static Map<String, String> of(ForkedHarness fork) {
        return of(fork.endpoint(), fork.token(), fork.ports());
    }

    static Map<String, String> of(String endpoint, String token, Map<String, Map<String, Integer>> ports) {
        Map<String, String> out = new TreeMap<>();
        out.put(HarnessLocator.ENDPOINT, endpoint);
        out.put(HarnessLocator.TOKEN, token);
        ports.forEach((component, own) -> own.forEach((port, number) ->
                out.put("harness.port." + component + "." + port, String.valueOf(number))));
        return out;
    }

    static void write(Path file, Map<String, String> values) throws IOException {
        Properties p = new Properties();
        p.putAll(values);
        StringWriter text = new StringWriter();
        p.store(text, "Written by harness:start; holds this run's control token");
        OwnerOnlyFiles.write(file, text.toString());
    }
}
