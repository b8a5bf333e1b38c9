package io.github.componentharness.internal.local;

import io.github.componentharness.HarnessException;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path behind a class loader, as the URLs an isolating loader needs: a
 * {@link URLClassLoader}'s own, else {@code java.class.path}. Manifest-only jars (the plugin's
 * fork and surefire's default) are followed through their {@code Class-Path}.
 */
final class ApplicationClassPath {

    private ApplicationClassPath() {
    }

    static List<URL> of(ClassLoader loader) {
        List<URL> roots = new ArrayList<>();
        if (loader instanceof URLClassLoader) {
            roots.addAll(List.of(((URLClassLoader) loader).getURLs()));
        } else {
            for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    roots.add(url(Path.of(entry).toAbsolutePath()));
                }
            }
        }
        Set<URL> expanded = new LinkedHashSet<>();
        roots.forEach(u -> expand(u, expanded));
        return List.copyOf(expanded);
    }

    private static void expand(URL url, Set<URL> into) {
        if (!into.add(url) || !"file".equals(url.getProtocol()) || !url.getPath().endsWith(".jar")) {
            return;
        }
        Path jar;
        try {
            jar = Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return;
        }
        if (!Files.isRegularFile(jar)) {
            return;
        }
        String classPath;
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
        } catch (IOException e) {
            return;
        }
        if (classPath == null) {
            return;
        }
        for (String relative : classPath.trim().split("\\s+")) {
            if (relative.isEmpty()) {
                continue;
            }
            try {
                into.add(URI.create(url.toString()).resolve(relative).toURL());
            } catch (IllegalArgumentException | MalformedURLException e) {
                throw new HarnessException("cannot read the class path of " + jar + ": bad Class-Path entry '" + relative + "'");
            }
        }
        // The entries are not expanded further: the JDK follows only the first jar's Class-Path too.
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new HarnessException("bad class path element " + path + ": " + e.getMessage());
        }
    }
}
