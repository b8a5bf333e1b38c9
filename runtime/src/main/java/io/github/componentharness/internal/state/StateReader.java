package io.github.componentharness.internal.state;

import io.github.componentharness.NoSuchStateException;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Looks up a component's state by key: a published value first, else a field or no-arg getter
 * that the component's class declares, else a static field of it (a main class has only those); a dotted path reaches into maps, lists, records and the
 * user's own objects. Results are in their JSON form (see {@link JsonValues}).
 */
public final class StateReader {

    private StateReader() {
    }

    /**
     * The JSON form of the value at {@code key}.
     *
     * @throws NoSuchStateException when the key does not resolve
     * @throws StateException when it resolves to something with no JSON form, or cannot be read
     */
    public static Object read(String componentName, Object component, Map<String, Object> published, String key) {
        if (key == null || key.isEmpty() || key.startsWith(".") || key.endsWith(".") || key.contains("..")) {
            throw new StateException("malformed state key '" + key + "': use a name or a dotted path such as stats.processed");
        }
        Object value;
        if (published.containsKey(key)) {
            value = published.get(key);
        } else {
            String[] path = key.split("\\.");
            value = first(componentName, component, published, path[0]);
            for (int i = 1; i < path.length; i++) {
                value = step(componentName, value, path, i);
            }
        }
        try {
            return JsonValues.toJson(value);
        } catch (JsonValues.NoJsonFormException e) {
            throw new StateException("state '" + key + "' of component '" + componentName + "' cannot be sent: " + e.getMessage()
                    + "; ask for one of its fields with a dotted path, or publish a value");
        }
    }

    /** What {@link #readPlain} returns when reading the key could run code of the component's. */
    public static final Object NOT_PLAIN = new Object();

    private static final java.util.Set<Class<?>> PLAIN = java.util.Set.of(String.class, Boolean.class, Long.class,
            Integer.class, Short.class, Byte.class, Double.class, Float.class, java.util.concurrent.atomic.AtomicLong.class,
            java.util.concurrent.atomic.AtomicInteger.class, java.util.concurrent.atomic.AtomicBoolean.class,
            java.util.concurrent.atomic.LongAdder.class);

    /**
     * The JSON form of {@code key} when it is a published value or a field of the component
     * holding null, text, a number, a boolean, or a JDK atomic of one; else {@link #NOT_PLAIN}.
     * Runs no code of the component's (no getter, no {@code toString}, no collection of its own),
     * so the control port's serving thread may answer it itself.
     *
     * @param published the published value of {@code key}, or {@code absent}
     */
    public static Object readPlain(Object component, Object published, Object absent, String key) {
        if (key == null || key.isEmpty() || key.indexOf('.') >= 0) {
            return NOT_PLAIN;
        }
        Object value;
        if (published != absent) {
            value = published;
        } else {
            Field field = component == null ? null : Members.instanceField(component, key);
            if (field == null) {
                return NOT_PLAIN;
            }
            value = Members.get(field, component);
        }
        return value == null || PLAIN.contains(value.getClass()) ? JsonValues.toJson(value) : NOT_PLAIN;
    }

    /** Every published value and every declared field with a JSON form; the rest is left out. */
    public static Map<String, Object> snapshot(Object component, Map<String, Object> published) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field field : component == null ? List.<Field>of() : Members.fields(component)) {
            if (!out.containsKey(field.getName())) {
                try {
                    out.put(field.getName(), JsonValues.toJson(Members.get(field, component)));
                } catch (RuntimeException noJsonForm) {
                    // Sockets, contexts and the like: a snapshot shows what can be shown.
                }
            }
        }
        published.forEach((key, value) -> {
            try {
                out.put(key, JsonValues.toJson(value));
            } catch (RuntimeException noJsonForm) {
                out.remove(key);
            }
        });
        return out;
    }

    private static Object first(String componentName, Object component, Map<String, Object> published, String name) {
        if (published.containsKey(name)) {
            return published.get(name);
        }
        if (component == null) {
            throw new NoSuchStateException("component '" + componentName + "' has no state '" + name
                    + "' yet: its object is still being created");
        }
        Optional<Object> member = Members.read(component, name);
        if (member.isEmpty() && !(component instanceof StaticFields)) {
            // Real code keeps counters and singletons in statics too.
            member = Members.read(new StaticFields(component.getClass()), name);
        }
        if (member.isPresent()) {
            return unwrapNull(member.get());
        }
        TreeSet<String> known = new TreeSet<>(published.keySet());
        Members.fields(component).forEach(f -> known.add(f.getName()));
        if (!(component instanceof StaticFields)) {
            Members.fields(new StaticFields(component.getClass())).forEach(f -> known.add(f.getName()));
        }
        throw new NoSuchStateException("component '" + componentName + "' has no state '" + name + "' (published or fields: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
    }

    private static Object step(String componentName, Object value, String[] path, int index) {
        String segment = path[index];
        String where = String.join(".", java.util.Arrays.copyOfRange(path, 0, index));
        while (value instanceof Optional || value instanceof AtomicReference) {
            value = value instanceof Optional ? ((Optional<?>) value).orElse(null) : ((AtomicReference<?>) value).get();
        }
        if (value == null) {
            throw new NoSuchStateException("state '" + where + "' of component '" + componentName + "' is null, so it has no '"
                    + segment + "'");
        }
        if (value instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) value;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (String.valueOf(e.getKey()).equals(segment)) {
                    return e.getValue();
                }
            }
            throw new NoSuchStateException("state '" + where + "' of component '" + componentName + "' has no key '" + segment + "'");
        }
        if (value instanceof List || value.getClass().isArray() || value instanceof Collection) {
            List<?> list = value instanceof List ? (List<?>) value
                    : value instanceof Collection ? new ArrayList<>((Collection<?>) value) : arrayToList(value);
            int i;
            try {
                i = Integer.parseInt(segment);
            } catch (NumberFormatException e) {
                throw new StateException("state '" + where + "' of component '" + componentName + "' is a list: index it with a number, not '"
                        + segment + "'");
            }
            if (i < 0 || i >= list.size()) {
                throw new NoSuchStateException("state '" + where + "' of component '" + componentName + "' has " + list.size()
                        + " elements, no element " + i);
            }
            return list.get(i);
        }
        if (value instanceof Record) {
            for (RecordComponent rc : value.getClass().getRecordComponents()) {
                if (rc.getName().equals(segment)) {
                    return Members.recordValue(value, rc);
                }
            }
        } else if (Members.isUserClass(value.getClass())) {
            Optional<Object> member = Members.read(value, segment);
            if (member.isPresent()) {
                return unwrapNull(member.get());
            }
        } else {
            throw new StateException("state '" + where + "' of component '" + componentName + "' is a " + value.getClass().getName()
                    + ": the harness does not look inside the JDK's classes, so '" + segment + "' cannot be read");
        }
        throw new NoSuchStateException("state '" + where + "' of component '" + componentName + "' (a "
                + value.getClass().getSimpleName() + ") has no field or getter '" + segment + "'");
    }

    private static Object unwrapNull(Object value) {
        return value == Members.NULL ? null : value;
    }

    private static List<Object> arrayToList(Object array) {
        int length = java.lang.reflect.Array.getLength(array);
        List<Object> list = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            list.add(java.lang.reflect.Array.get(array, i));
        }
        return list;
    }
}
