package io.github.componentharness.internal.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLClassLoader;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.util.List;
import java.util.jar.Manifest;

/**
 * The class loader of one isolated run: the application's classes are its own, so their static
 * fields start fresh; the JDK (its parent, the platform loader) and the harness runtime (from
 * the harness's loader, so {@code Component} and {@code ComponentContext} are the harness's
 * types) are shared.
 */
final class InstanceClassLoader extends URLClassLoader {

    private static final String RUNTIME_PACKAGE = "io.github.componentharness.";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader harnessLoader;

    InstanceClassLoader(String instance, List<URL> classPath, ClassLoader harnessLoader) {
        super("harness-" + instance, classPath.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        this.harnessLoader = harnessLoader;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(RUNTIME_PACKAGE) && isRuntimeClass(name)) {
            return harnessLoader.loadClass(name);
        }
        try {
            return super.loadClass(name, resolve);
        } catch (ClassNotFoundException e) {
            // JDK modules defined to the application loader (jdk.httpserver, jdk.compiler, ...) are
            // the JDK's too, which the platform loader does not see.
            ClassLoader jdk = JdkModules.LOADERS.get(packageOf(name));
            if (jdk != null) {
                return jdk.loadClass(name);
            }
            throw e;
        }
    }

    /**
     * Defines the application's classes as {@link URLClassLoader} does (code source, signers, the
     * jar's manifest for the package), with calls of {@code System.exit} and the like redirected
     * to {@link InstanceExits}: an instance's exit ends the instance, not the harness.
     */
    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        URL resource = findResource(name.replace('.', '/') + ".class");
        if (resource == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        CodeSigner[] signers = null;
        Manifest manifest = null;
        URL codeBase = resource;
        try {
            URLConnection connection = resource.openConnection();
            try (InputStream in = connection.getInputStream()) {
                bytes = in.readAllBytes();
            }
            if (connection instanceof JarURLConnection) {
                JarURLConnection jar = (JarURLConnection) connection;
                codeBase = jar.getJarFileURL();
                manifest = jar.getManifest();
                // Known once the entry has been read to its end.
                signers = jar.getJarEntry().getCodeSigners();
            } else {
                // A classes folder: the folder is the code source, as URLClassLoader has it.
                String text = resource.toString();
                codeBase = new URL(text.substring(0, text.length() - (name.replace('.', '/') + ".class").length()));
            }
        } catch (IOException e) {
            throw new ClassNotFoundException(name + ": cannot read " + resource, e);
        }
        byte[] rewritten;
        try {
            rewritten = ExitRedirect.mayExit(bytes) ? ExitRedirect.rewrite(bytes) : null;
        } catch (RuntimeException unreadable) {
            // A class file newer than ASM knows: defined as it is, its exits the JVM's.
            rewritten = null;
        }
        byte[] definition = rewritten != null ? rewritten : bytes;
        String pkg = packageOf(name);
        if (!pkg.isEmpty() && getDefinedPackage(pkg) == null) {
            try {
                if (manifest != null) {
                    definePackage(pkg, manifest, codeBase);
                } else {
                    definePackage(pkg, null, null, null, null, null, null, null);
                }
            } catch (IllegalArgumentException definedMeanwhile) {
                // Another thread of this parallel-capable loader defined it first.
            }
        }
        // Defined from the bytes read once: every isolated instance loads its classes anew.
        return defineClass(name, definition, 0, definition.length, new CodeSource(codeBase, signers));
    }

    /**
     * Whether the harness's loader finds the class in the runtime's own jar (or classes folder):
     * an application's class in a package under {@code io.github.componentharness} is the
     * application's, and isolated like any other.
     */
    private boolean isRuntimeClass(String name) {
        URL resource = harnessLoader.getResource(name.replace('.', '/') + ".class");
        return resource != null && resource.toString().contains(RUNTIME_LOCATION);
    }

    /** Where the runtime's classes are, as it appears in their resource URLs. */
    private static final String RUNTIME_LOCATION = runtimeLocation();

    private static String runtimeLocation() {
        URL own = InstanceClassLoader.class.getResource(InstanceClassLoader.class.getSimpleName() + ".class");
        String text = String.valueOf(own);
        // .../harness-runtime.jar!/io/github/... or .../target/classes/io/github/...: keep what precedes the package path.
        return text.substring(0, text.indexOf(InstanceClassLoader.class.getName().replace('.', '/')));
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** The loaders of the packages of the JDK's own modules that the platform loader does not define. */
    private static final class JdkModules {
        static final java.util.Map<String, ClassLoader> LOADERS = new java.util.HashMap<>();

        static {
            ClassLoader platform = ClassLoader.getPlatformClassLoader();
            for (Module m : ModuleLayer.boot().modules()) {
                ClassLoader loader = m.getClassLoader();
                if (loader != null && loader != platform && (m.getName().startsWith("java.") || m.getName().startsWith("jdk."))) {
                    m.getPackages().forEach(p -> LOADERS.put(p, loader));
                }
            }
        }
    }
}
