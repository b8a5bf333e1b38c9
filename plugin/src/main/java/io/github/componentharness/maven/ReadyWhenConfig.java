package io.github.componentharness.maven;

import java.util.ArrayList;
import java.util.List;

/**
 * A component's {@code <readyWhen>}: every probe must hold before it counts as ready. Each kind
 * may be given more than once.
 *
 * <pre>{@code
 * <readyWhen>
 *   <port>tcp</port>                                         <!-- a TCP connection succeeds -->
 *   <log>Server started</log>                                <!-- a line of its output matches -->
 *   <http>http://127.0.0.1:{port:http}/health</http>         <!-- a GET answers 2xx -->
 * </readyWhen>
 * }</pre>
 */
public class ReadyWhenConfig {

    private final List<String> ports = new ArrayList<>();
    private final List<String> logs = new ArrayList<>();
    private final List<String> urls = new ArrayList<>();

    /** A declared port name: ready once a TCP connection to this instance's port succeeds. */
    public void setPort(String portName) {
        ports.add(portName);
    }

    /** A regular expression, found anywhere in a line of the instance's output. */
    public void setLog(String regex) {
        logs.add(regex);
    }

    /** A URL (placeholders allowed) whose GET must answer 2xx. */
    public void setHttp(String url) {
        urls.add(url);
    }

    List<String> ports() {
        return ports;
    }

    List<String> logs() {
        return logs;
    }

    List<String> urls() {
        return urls;
    }
}
