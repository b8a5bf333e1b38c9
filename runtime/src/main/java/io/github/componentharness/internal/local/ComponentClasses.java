package io.github.componentharness.internal.local;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentSpec;
import io.github.componentharness.HarnessException;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.internal.spec.SpecValidation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads and checks the component classes of a spec, and makes fresh instances of them. */
public final class ComponentClasses {

    private final Map<String, Constructor<? extends Component>> constructors;

    private ComponentClasses(Map<String, Constructor<? extends Component>> constructors) {
        this.constructors = constructors;
    }

    /**
     * Loads every class of {@code spec} through {@code loader}.
     *
     * @throws HarnessException naming each component whose class is missing, not a
     *     {@link Component}, abstract, or without a no-arg constructor
     */
    public static ComponentClasses load(HarnessSpec spec, ClassLoader loader) {
        Map<String, Constructor<? extends Component>> constructors = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ComponentSpec c : spec.components()) {
            String where = "component '" + c.name() + "': class " + c.className();
            Class<?> type;
            try {
                type = c.componentClass().isPresent() ? c.componentClass().get() : Class.forName(c.className(), false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                problems.add(where + " not found on the classpath (" + e + "): check its className, and that the class is "
                        + "compiled into the test classpath");
                continue;
            }
            if (!Component.class.isAssignableFrom(type)) {
                problems.add(where + " does not implement " + Component.class.getName() + ": implement it"
                        + (implementsForeignComponent(type) ? " (it implements a copy loaded by another class loader: "
                                + "keep a single harness-runtime on the classpath)" : ""));
                continue;
            }
            if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                problems.add(where + " is abstract: name a concrete class");
                continue;
            }
            try {
                @SuppressWarnings("unchecked")
                Constructor<? extends Component> constructor = (Constructor<? extends Component>) type.getDeclaredConstructor();
                constructor.setAccessible(true);
                constructors.put(c.name(), constructor);
            } catch (NoSuchMethodException e) {
                problems.add(where + " has no public no-arg constructor: add one (configuration comes from ctx.config)");
            } catch (RuntimeException e) {
                problems.add(where + " cannot be instantiated: " + e.getMessage());
            }
        }
        SpecValidation.throwIfAny(problems);
        return new ComponentClasses(constructors);
    }

    private static boolean implementsForeignComponent(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getSuperclass()) {
            for (Class<?> i : t.getInterfaces()) {
                if (i.getName().equals(Component.class.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The class loader of the declared component {@code name}'s class. */
    ClassLoader loader(String name) {
        return constructors.get(name).getDeclaringClass().getClassLoader();
    }

    /** A fresh instance for one run of the declared component {@code name}. */
    Component newInstance(String name, String instanceName) {
        Constructor<? extends Component> constructor = constructors.get(name);
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new HarnessException("component '" + instanceName + "' could not be created: the constructor of "
                    + constructor.getDeclaringClass().getName() + " threw " + e.getCause(), e.getCause());
        } catch (ExceptionInInitializerError e) {
            throw new HarnessException("component '" + instanceName + "' could not be created: the static initialiser of "
                    + constructor.getDeclaringClass().getName() + " threw " + e.getCause() + " (" + e + ")", e);
        } catch (LinkageError e) {
            // Also the second try after a failed static initialiser: NoClassDefFoundError "Could not initialize class".
            throw new HarnessException("component '" + instanceName + "' could not be created: "
                    + constructor.getDeclaringClass().getName() + " cannot be loaded or initialised: " + e, e);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new HarnessException("component '" + instanceName + "' could not be created from "
                    + constructor.getDeclaringClass().getName() + ": " + e, e);
        }
    }
}
