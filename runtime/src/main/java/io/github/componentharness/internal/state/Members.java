package io.github.componentharness.internal.state;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads fields and no-arg getters that a component's own classes declare. The JDK's classes,
 * {@code Object} and {@code Class} included, are never looked into: state lookups must not
 * become a way to reach class loaders or other internals.
 */
final class Members {

    private Members() {
    }

    /** Whether the class is the user's own, as opposed to the JDK's. */
    static boolean isUserClass(Class<?> type) {
        if (type.isPrimitive() || type.isArray()) {
            return false;
        }
        Module module = type.getModule();
        if (module.isNamed() && module.getLayer() == ModuleLayer.boot()
                && (module.getName().startsWith("java.") || module.getName().startsWith("jdk."))) {
            return false;
        }
        String name = type.getName();
        return !(name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun."));
    }

    /**
     * The value of the field, record component, or getter ({@code getName()}, or {@code isName()}
     * returning a boolean) called {@code name}, searched from the object's class upwards.
     */
    static Optional<Object> read(Object target, String name) {
        if (target instanceof StaticFields) {
            Field field = instanceField(target, name);
            if (field == null) {
                return Optional.empty();
            }
            Object value = get(field, target);
            return Optional.of(value == null ? NULL : value);
        }
        for (Class<?> type = target.getClass(); type != null && isUserClass(type); type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getName().equals(name) && !Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                    Object value = get(field, target);
                    return Optional.of(value == null ? NULL : value);
                }
            }
        }
        if (target instanceof Record) {
            for (RecordComponent rc : target.getClass().getRecordComponents()) {
                if (rc.getName().equals(name)) {
                    Object value = recordValue(target, rc);
                    return Optional.of(value == null ? NULL : value);
                }
            }
        }
        // Getters only: a key must never run an arbitrary method such as close() or reset().
        String capitalised = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (Class<?> type = target.getClass(); type != null && isUserClass(type); type = type.getSuperclass()) {
            for (String candidate : List.of("get" + capitalised, "is" + capitalised)) {
                for (Method method : type.getDeclaredMethods()) {
                    if (method.getName().equals(candidate) && method.getParameterCount() == 0
                            && !Modifier.isStatic(method.getModifiers()) && method.getReturnType() != void.class
                            && !method.isSynthetic()
                            && (candidate.startsWith("get") || method.getReturnType() == boolean.class
                                || method.getReturnType() == Boolean.class)) {
                        Object value = invoke(method, target);
                        return Optional.of(value == null ? NULL : value);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Marks a member that exists but holds {@code null}. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** The instance field called {@code name} that the object's own classes declare, or {@code null}. */
    static Field instanceField(Object target, String name) {
        for (Field field : fields(target)) {
            if (field.getName().equals(name)) {
                return field;
            }
        }
        return null;
    }

    /**
     * The instance fields that the object's own classes declare, in declaration order; for
     * {@link StaticFields}, the static ones of its class.
     */
    static List<Field> fields(Object target) {
        boolean statics = target instanceof StaticFields;
        List<Field> fields = new ArrayList<>();
        Class<?> start = statics ? ((StaticFields) target).type() : target.getClass();
        for (Class<?> type = start; type != null && isUserClass(type); type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) == statics && !field.isSynthetic()) {
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    static Object get(Field field, Object target) {
        try {
            field.setAccessible(true);
            return field.get(Modifier.isStatic(field.getModifiers()) ? null : target);
        } catch (IllegalAccessException | InaccessibleObjectException e) {
            throw new StateException("cannot read field '" + field.getName() + "' of " + field.getDeclaringClass().getName()
                    + ": " + e.getMessage() + " (open its package to io.github.componentharness)");
        }
    }

    static Object recordValue(Object record, RecordComponent component) {
        return invoke(component.getAccessor(), record);
    }

    private static Object invoke(Method method, Object target) {
        try {
            method.setAccessible(true);
            return method.invoke(target);
        } catch (IllegalAccessException | InaccessibleObjectException e) {
            throw new StateException("cannot call " + method.getDeclaringClass().getName() + "." + method.getName()
                    + "(): " + e.getMessage());
        } catch (InvocationTargetException e) {
            throw new StateException(method.getDeclaringClass().getSimpleName() + "." + method.getName() + "() threw "
                    + e.getCause(), e.getCause());
        }
    }
}
