package io.github.componentharness.internal.local;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * System properties as each instance sees them, as a JVM of its own would show them: the JVM's,
 * overlaid with the instance's {@code systemProperties}, and, for an isolated instance, with
 * what its threads set themselves. A thread belongs to the instance whose thread group holds it.
 * Installed as the JVM's properties object the first time an instance needs it; threads of no
 * instance read and write the JVM's properties unchanged.
 */
final class InstanceProperties extends Properties {

    private static final long serialVersionUID = 1L;

    /** One instance's view: its declared values, and whether its own writes stay private. */
    private static final class Overlay {
        final Map<String, String> values = new ConcurrentHashMap<>();
        final boolean privateWrites;

        Overlay(Map<String, String> declared, boolean privateWrites) {
            values.putAll(declared);
            this.privateWrites = privateWrites;
        }
    }

    private static final Object INSTALL_LOCK = new Object();
    private static volatile InstanceProperties installed;

    private final transient Map<ThreadGroup, Overlay> overlays = new ConcurrentHashMap<>();

    private InstanceProperties(Properties jvm) {
        putAll(jvm);
    }

    /**
     * Gives the threads of {@code group} their own view of the system properties: {@code declared}
     * over the JVM's, and with {@code privateWrites}, what they set stays theirs.
     */
    static void register(ThreadGroup group, Map<String, String> declared, boolean privateWrites) {
        if (declared.isEmpty() && !privateWrites) {
            return;
        }
        install().overlays.put(group, new Overlay(declared, privateWrites));
    }

    static void unregister(ThreadGroup group) {
        InstanceProperties properties = installed;
        if (properties != null) {
            properties.overlays.remove(group);
        }
    }

    private static InstanceProperties install() {
        synchronized (INSTALL_LOCK) {
            if (installed == null || System.getProperties() != installed) {
                installed = new InstanceProperties(System.getProperties());
                System.setProperties(installed);
            }
            return installed;
        }
    }

    private Overlay overlay() {
        if (overlays.isEmpty()) {
            return null;
        }
        for (ThreadGroup g = Thread.currentThread().getThreadGroup(); g != null; g = g.getParent()) {
            Overlay overlay = overlays.get(g);
            if (overlay != null) {
                return overlay;
            }
        }
        return null;
    }

    @Override
    public String getProperty(String key) {
        Overlay overlay = overlay();
        if (overlay != null) {
            String value = overlay.values.get(key);
            if (value != null) {
                return value;
            }
        }
        return super.getProperty(key);
    }

    @Override
    public String getProperty(String key, String defaultValue) {
        String value = getProperty(key);
        return value == null ? defaultValue : value;
    }

    @Override
    public synchronized Object setProperty(String key, String value) {
        Overlay overlay = overlay();
        if (overlay != null && (overlay.privateWrites || overlay.values.containsKey(key))) {
            String previous = overlay.values.put(key, value);
            return previous != null ? previous : super.getProperty(key);
        }
        return super.setProperty(key, value);
    }

    @Override
    public synchronized Object remove(Object key) {
        Overlay overlay = overlay();
        if (overlay != null && key instanceof String && overlay.values.containsKey(key)) {
            return overlay.values.remove(key);
        }
        return super.remove(key);
    }
}
