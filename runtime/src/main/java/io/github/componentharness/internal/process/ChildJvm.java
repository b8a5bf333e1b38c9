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
            if (!isDebugger(arg)) {
                args.add(arg);
            }
        }
        return new ChildJvm(Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"),
                args);
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
