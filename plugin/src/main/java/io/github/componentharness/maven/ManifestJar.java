package io.github.componentharness.maven;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * A jar holding only a manifest whose {@code Class-Path} lists the real classpath, so a classpath
 * of any length fits on the command line (Windows stops at 32k characters).
 */
final class ManifestJar {

    private ManifestJar() {
    }

    private static String uri(Path element) {
        String uri = element.toUri().toString();
        return Files.isDirectory(element) && !uri.endsWith("/") ? uri + "/" : uri;
    }

    static Path write(Path jar, List<Path> classpath, String mainClass) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, mainClass);
        // Absolute file URIs: directories end in '/', spaces and the like are escaped.
        main.put(Attributes.Name.CLASS_PATH, classpath.stream()
                .map(ManifestJar::uri)
                .collect(Collectors.joining(" ")));
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }
}
