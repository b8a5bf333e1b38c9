package io.github.componentharness.internal.local;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentSpec;
import io.github.componentharness.HarnessException;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.internal.spec.SpecValidation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Loads and checks the classes of a spec (components and main classes), and makes the body of
 * each run from them, through the harness's loader or a run's own.
 */
public final class ComponentClasses {

    private final ClassLoader loader;
    private final Map<String, Class<?>> types;

    private ComponentClasses(ClassLoader loader, Map<String, Class<?>> types) {
        this.loader = loader;
        this.types = types;
    }

    /**
     * Loads every class of {@code spec} through {@code loader}, without initialising it.
     *
     * @throws HarnessException naming each component whose class is missing, not a
     *     {@link Component}, abstract, or without a no-arg constructor; or whose main class has
     *     no {@code public static void main(String[])}
     */
    public static ComponentClasses load(HarnessSpec spec, ClassLoader loader) {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ComponentSpec c : spec.components()) {
            boolean main = c.kind() == ComponentSpec.Kind.MAIN;
            String where = "component '" + c.name() + "': " + (main ? "main class " : "class ") + c.className();
            Class<?> type;
            try {
                type = c.componentClass().isPresent() ? c.componentClass().get() : Class.forName(c.className(), false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                problems.add(where + " not found on the classpath (" + e + "): check its " + (main ? "mainClass" : "className")
                        + ", and that the class is on the test classpath (a dependency, or compiled into it)");
                continue;
            }
            String problem = main ? mainProblem(type) : componentProblem(type);
            if (problem == null && c.stop().isPresent() && c.stop().get().mainClass() != null) {
                String stopClass = c.stop().get().mainClass();
                try {
                    String stopProblem = mainProblem(Class.forName(stopClass, false, loader));
                    if (stopProblem != null) {
                        problems.add("component '" + c.name() + "': stop main class " + stopClass + " " + stopProblem);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    problems.add("component '" + c.name() + "': stop main class " + stopClass + " not found on the classpath ("
                            + e + "): check its stop mainClass");
                }
            }
            if (problem != null) {
                problems.add(where + " " + problem);
            } else {
                types.put(c.name(), type);
            }
        }
        SpecValidation.throwIfAny(problems);
        return new ComponentClasses(loader, types);
    }

    private static String componentProblem(Class<?> type) {
        if (!Component.class.isAssignableFrom(type)) {
            return "does not implement " + Component.class.getName() + ": implement it"
                    + (implementsForeignComponent(type) ? " (it implements a copy loaded by another class loader: "
                            + "keep a single harness-runtime on the classpath)" : "")
                    + (hasMain(type) ? ", or declare it as a mainClass, as it has a main" : "");
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            return "is abstract: name a concrete class";
        }
        try {
            type.getDeclaredConstructor();
            return null;
        } catch (NoSuchMethodException e) {
            return "has no public no-arg constructor: add one (configuration comes from ctx.config)";
        } catch (RuntimeException | LinkageError e) {
            return "cannot be inspected: " + e;
        }
    }

    private static String mainProblem(Class<?> type) {
        try {
            return hasMain(type) ? null : "has no public static void main(String[]): name the class that has the main";
        } catch (LinkageError e) {
            return "cannot be inspected: " + e;
        }
    }

    private static boolean hasMain(Class<?> type) {
        try {
            Method main = type.getMethod("main", String[].class);
            return Modifier.isStatic(main.getModifiers()) && main.getReturnType() == void.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
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

    /** The loader the classes were checked with: the harness's. */
    ClassLoader loader() {
        return loader;
    }

    /**
     * The body of one run of the declared component {@code spec}: a fresh component object, or a
     * main class made ready to call. Classes come from {@code runLoader} (the harness's loader, or
     * an isolated run's own) and are initialised here, so a static initialiser that throws is
     * reported as the instance's failure to be created.
     *
     * @param resolve resolves the placeholders of args for this run
     * @param stopTimeout the harness's, of which a main's threads get half to end before its main thread is interrupted
     */
    Component create(ComponentSpec spec, String instanceName, ClassLoader runLoader, UnaryOperator<String> resolve,
            java.time.Duration stopTimeout) {
        String className = spec.className();
        Class<?> type;
        try {
            type = runLoader == loader ? types.get(spec.name()) : Class.forName(className, false, runLoader);
            type = Class.forName(type.getName(), true, type.getClassLoader());
        } catch (ExceptionInInitializerError e) {
            throw new HarnessException("component '" + instanceName + "' could not be created: the static initialiser of "
                    + className + " threw " + e.getCause() + " (" + e + ")", e);
        } catch (ClassNotFoundException | LinkageError e) {
            // Also the second try after a failed static initialiser: NoClassDefFoundError "Could not initialize class".
            throw new HarnessException("component '" + instanceName + "' could not be created: " + className
                    + " cannot be loaded or initialised: " + e, e);
        }
        if (spec.kind() == ComponentSpec.Kind.MAIN) {
            return mainBody(spec, instanceName, type, runLoader, resolve, stopTimeout.dividedBy(2));
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return (Component) constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new HarnessException("component '" + instanceName + "' could not be created: the constructor of "
                    + className + " threw " + e.getCause(), e.getCause());
        } catch (LinkageError e) {
            throw new HarnessException("component '" + instanceName + "' could not be created: " + className
                    + " cannot be loaded or initialised: " + e, e);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new HarnessException("component '" + instanceName + "' could not be created from " + className + ": " + e, e);
        }
    }

    private Component mainBody(ComponentSpec spec, String instanceName, Class<?> type, ClassLoader runLoader,
            UnaryOperator<String> resolve, java.time.Duration mainGrace) {
        try {
            Method main = mainOf(type);
            Method stopMain = null;
            List<String> stopArgs = List.of();
            if (spec.stop().isPresent()) {
                ComponentSpec.Stop stop = spec.stop().get();
                stopMain = stop.mainClass() == null ? main : mainOf(Class.forName(stop.mainClass(), false, runLoader));
                stopArgs = stop.args().stream().map(resolve).toList();
            }
            return new MainClassBody(type, main, spec.args().stream().map(resolve).toList(), stopMain, stopArgs,
                    runLoader == loader ? null : runLoader, mainGrace);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw new HarnessException("component '" + instanceName + "' could not be prepared: " + e, e);
        }
    }

    private static Method mainOf(Class<?> type) throws NoSuchMethodException {
        Method main = type.getMethod("main", String[].class);
        // A main of a class that is not public (allowed by the java launcher) is still callable.
        main.setAccessible(true);
        return main;
    }
}
