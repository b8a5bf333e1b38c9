package io.github.componentharness.internal.local;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

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
        if (name.startsWith(RUNTIME_PACKAGE)) {
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
