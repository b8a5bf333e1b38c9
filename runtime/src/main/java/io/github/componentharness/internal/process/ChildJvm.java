package io.github.componentharness.internal.process;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the coordinator starts a component JVM: like itself. The same {@code java}, the same class
 * path and the same JVM arguments (heap settings, system properties, agents such as JaCoCo's),
 * except a debugger agent, whose port only one JVM can listen on.
 *
 * @param java the {@code java} executable
 * @param classpath the class path, as given to the coordinator
 * @param jvmArgs the JVM arguments
 */
public record ChildJvm(Path java, String classpath, List<String> jvmArgs) {

    public ChildJvm {
        jvmArgs = List.copyOf(jvmArgs);
    }

    /** The JVM running this code, as the model for every component JVM. */
    public static ChildJvm likeThisOne() {
        List<String> args = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!isDebugger(arg) && !arg.startsWith("-D" + CLOCK_ORIGIN + "=")) {
                args.add(arg);
            }
        }
        // One clock for harness.log: every component JVM counts from when the coordinator started.
        args.add("-D" + CLOCK_ORIGIN + "=" + clockOrigin());
        return new ChildJvm(Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"),
                args);
    }

    /**
     * The system properties by which the plugin asks for one component's JVM to run under a
     * debugger ({@code harness.debugComponent}, with the agent in {@code harness.debugAgent}).
     */
    public static final String DEBUG_COMPONENT = "harness.debugComponent";
    public static final String DEBUG_AGENT = "harness.debugAgent";

    /** The system property that holds the epoch millisecond the harness.log times count from. */
    public static final String CLOCK_ORIGIN = "harness.clockOrigin";

    /** When this harness began, as harness.log counts: the coordinator's JVM start, inherited by its component JVMs. */
    public static long clockOrigin() {
        return Long.getLong(CLOCK_ORIGIN, ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    static boolean isDebugger(String arg) {
        return arg.contains("jdwp") || arg.equals("-Xdebug");
    }

    public List<String> command(String mainClass, Path specFile) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.add(specFile.toString());
        return command;
    }
}
