package io.github.componentharness.internal.local;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.util.ResourceBundle;

/** {@link System.Logger} of one component: lines go to its tagged output and its log file. */
final class ComponentLogger implements System.Logger {

    private final ComponentOutput output;
    private final Level threshold = threshold();

    ComponentLogger(ComponentOutput output) {
        this.output = output;
    }

    @Override
    public String getName() {
        return output.name();
    }

    @Override
    public boolean isLoggable(Level level) {
        return level != Level.OFF && level.getSeverity() >= threshold.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (!isLoggable(level)) {
            return;
        }
        String text = level.getName() + " " + msg;
        if (thrown != null) {
            StringWriter stack = new StringWriter();
            thrown.printStackTrace(new PrintWriter(stack));
            text = text + System.lineSeparator() + stack.toString().stripTrailing();
        }
        output.message(level.getSeverity() >= Level.WARNING.getSeverity(), text);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            log(level, bundle, params == null || params.length == 0 ? format : MessageFormat.format(format, params),
                    (Throwable) null);
        }
    }

    private static Level threshold() {
        String configured = System.getProperty("harness.log.level", "INFO");
        try {
            return Level.valueOf(configured.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Level.INFO;
        }
    }
}
