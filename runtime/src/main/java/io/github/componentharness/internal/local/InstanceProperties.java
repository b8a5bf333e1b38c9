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
        Thread current = Thread.currentThread();
        if (ThreadDumps.isCommonPoolWorker(current)) {
            // It serves every instance: whichever made the pool grow owns its group by accident.
            return null;
        }
        for (ThreadGroup g = current.getThreadGroup(); g != null; g = g.getParent()) {
            Overlay overlay = overlays.get(g);
            if (overlay != null) {
                return overlay;
            }
        }
        return null;
    }

    /** Marks a key that the instance removed, so the JVM's value does not show through. */
    private static final String REMOVED = new String("(removed)");

    /** The JVM's properties with the overlay's on top: what an instance's thread sees as a whole. */
    private Properties merged(Overlay overlay) {
        Properties view = new Properties();
        for (Map.Entry<Object, Object> e : super.entrySet()) {
            view.put(e.getKey(), e.getValue());
        }
        overlay.values.forEach((k, v) -> {
            if (v == REMOVED) {
                view.remove(k);
            } else {
                view.put(k, v);
            }
        });
        return view;
    }

    /** What {@link #overlaid} returns where the calling thread's overlay says nothing of a key. */
    private static final Object NOT_OVERLAID = new Object();

    /** The calling thread's own value of {@code key}: a value, {@code null} once removed, or {@link #NOT_OVERLAID}. */
    private Object overlaid(Object key) {
        Overlay overlay = overlay();
        String value = overlay == null || !(key instanceof String) ? null : overlay.values.get(key);
        return value == null ? NOT_OVERLAID : value == REMOVED ? null : value;
    }

    @Override
    public String getProperty(String key) {
        Object value = overlaid(key);
        return value != NOT_OVERLAID ? (String) value : super.getProperty(key);
    }

    @Override
    public String getProperty(String key, String defaultValue) {
        String value = getProperty(key);
        return value == null ? defaultValue : value;
    }

    // Frameworks read system properties as a Map (Spring's environment does): the same view.
    @Override
    public Object get(Object key) {
        Object value = overlaid(key);
        return value != NOT_OVERLAID ? value : super.get(key);
    }

    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
        Object value = get(key);
        return value == null ? defaultValue : value;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public java.util.Set<String> stringPropertyNames() {
        Overlay overlay = overlay();
        return overlay == null ? super.stringPropertyNames() : merged(overlay).stringPropertyNames();
    }

    @Override
    public java.util.Enumeration<?> propertyNames() {
        Overlay overlay = overlay();
        return overlay == null ? super.propertyNames() : merged(overlay).propertyNames();
    }

    @Override
    public java.util.Set<Object> keySet() {
        Overlay overlay = overlay();
        return overlay == null ? super.keySet() : java.util.Collections.unmodifiableSet(merged(overlay).keySet());
    }

    @Override
    public java.util.Set<Map.Entry<Object, Object>> entrySet() {
        Overlay overlay = overlay();
        return overlay == null ? super.entrySet() : java.util.Collections.unmodifiableSet(merged(overlay).entrySet());
    }

    @Override
    public void forEach(java.util.function.BiConsumer<? super Object, ? super Object> action) {
        Overlay overlay = overlay();
        if (overlay == null) {
            super.forEach(action);
        } else {
            merged(overlay).forEach(action);
        }
    }

    @Override
    public synchronized Object setProperty(String key, String value) {
        Overlay overlay = overlay();
        if (overlay != null && (overlay.privateWrites || overlay.values.containsKey(key))) {
            String previous = overlay.values.put(key, value);
            return previous == REMOVED ? null : previous != null ? previous : super.getProperty(key);
        }
        return super.setProperty(key, value);
    }

    @Override
    public synchronized Object remove(Object key) {
        Overlay overlay = overlay();
        if (overlay != null && key instanceof String && (overlay.privateWrites || overlay.values.containsKey(key))) {
            Object previous = get(key);
            overlay.values.put((String) key, REMOVED);
            return previous;
        }
        return super.remove(key);
    }

    /** A copy written to a stream is what the writing thread sees, as plain properties. */
    private Object writeReplace() {
        Overlay overlay = overlay();
        return merged(overlay != null ? overlay : new Overlay(Map.of(), false));
    }
}
