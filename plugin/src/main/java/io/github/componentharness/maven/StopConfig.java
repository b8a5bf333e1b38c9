package io.github.componentharness.maven;

import java.util.ArrayList;
import java.util.List;

/**
 * A main-class component's {@code <stop>}: a main called with {@code <args>} when the instance is
 * asked to stop, as an operations script stops such a server; the component's own main class
 * unless {@code <mainClass>} names another.
 */
public class StopConfig {

    /** The class whose main stops the instance; by default the component's own main class. */
    private String mainClass;

    /** The stop main's arguments; placeholders such as {@code {port:tcp}} allowed. */
    private List<String> args = new ArrayList<>();

    public String getMainClass() {
        return mainClass;
    }

    public List<String> getArgs() {
        return args == null ? List.of() : args;
    }
}
