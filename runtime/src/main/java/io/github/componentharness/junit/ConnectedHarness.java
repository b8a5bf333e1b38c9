package io.github.componentharness.junit;

import io.github.componentharness.Harness;
import io.github.componentharness.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * For failsafe ITs against the harness that {@code harness:start} forked: test and lifecycle
 * methods may take a connected {@link Harness} (one connection per test class, closed after
 * it), and when a test fails the system's evidence is written beside the failsafe report:
 * every component's status, failure, state snapshot, thread stacks and the last lines of its
 * log, in {@code target/failsafe-reports/<test class>.<method>-harness.txt}; the failure names
 * that file.
 *
 * <pre>{@code
 * @ExtendWith(ConnectedHarness.class)
 * class PipelineIT {
 *     @Test
 *     void workFlows(Harness h) { ... }
 * }
 * }</pre>
 *
 * The system property {@code harness.evidenceDir} moves the evidence elsewhere;
 * {@code harness.execution} picks the harness of one {@code start} execution where a module has
 * several.
 */
public final class ConnectedHarness implements ParameterResolver, TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

    /** The system property naming the {@code start} execution whose harness to connect to, when there are several. */
    public static final String EXECUTION = "harness.execution";

    /** How many lines of each component's log the evidence keeps. */
    static final int LOG_LINES = 40;
    private static final int TAIL_BYTES = 64 * 1024;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConnectedHarness.class);

    /** The class's connection, closed by JUnit when the class's store closes. */
    private static final class Connection implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        // With several start executions in a module, -Dharness.execution=<id> (or failsafe's
        // systemPropertyVariables) picks one.
        final Harness harness = System.getProperty(EXECUTION) == null ? Harness.connect()
                : Harness.connect(System.getProperty(EXECUTION));

        @Override
        public void close() {
            harness.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Harness.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return harness(context);
    }

    private static Harness harness(ExtensionContext context) {
        ExtensionContext classContext = context.getTestClass().isPresent() && context.getParent().isPresent()
                && context.getTestMethod().isPresent() ? context.getParent().get() : context;
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(Connection.class, k -> new Connection(), Connection.class).harness;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (failure instanceof org.opentest4j.TestAbortedException
                || failure instanceof org.junit.jupiter.api.extension.ParameterResolutionException) {
            // Skipped by an assumption, or no harness to connect to: the message says it all.
            throw failure;
        }
        writeEvidence(context, failure, context.getTestMethod().map(m -> "." + m.getName()).orElse("") + invocation(context));
    }

    // A failing @BeforeEach or @AfterEach fails its test as surely as the test itself: same evidence.
    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        handleTestExecutionException(context, failure);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        handleTestExecutionException(context, failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (failure instanceof org.opentest4j.TestAbortedException) {
            throw failure;
        }
        writeEvidence(context, failure, ".beforeAll");
    }

    private static void writeEvidence(ExtensionContext context, Throwable failure, String suffix) throws Throwable {
        String name = context.getRequiredTestClass().getName() + suffix;
        Path dir = Path.of(System.getProperty("harness.evidenceDir", "target/failsafe-reports"));
        Path file = dir.resolve(name + "-harness.txt");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, evidence(harness(context), name, failure), StandardCharsets.UTF_8);
            failure.addSuppressed(new Evidence("the system's evidence (status, state, threads, logs of every component) is in "
                    + file.toAbsolutePath()));
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(new Evidence("the system's evidence could not be written to " + file + ": " + e));
        }
        throw failure;
    }

    /**
     * {@code [2]} for the second invocation of a parameterised or repeated test, so each keeps
     * its own evidence; empty for a plain test.
     */
    private static String invocation(ExtensionContext context) {
        String id = context.getUniqueId();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-invocation:#(\\d+)\\]$").matcher(id);
        return m.find() ? "[" + m.group(1) + "]" : "";
    }

    /** Names the evidence file in the failure's report. */
    static final class Evidence extends Exception {
        private static final long serialVersionUID = 1L;

        Evidence(String message) {
            super(message, null, false, false);
        }
    }

    static String evidence(Harness h, String test, Throwable failure) {
        StringBuilder out = new StringBuilder();
        out.append("Harness evidence for ").append(test).append(" failing with ").append(failure).append("\n\n");
        Map<String, Status> statuses;
        try {
            statuses = h.status();
        } catch (RuntimeException e) {
            return out.append("The harness did not answer: ").append(e.getMessage()).append('\n').toString();
        }
        statuses.forEach((component, status) -> out.append(String.format("%-24s %s%n", component, status)));
        for (String component : statuses.keySet()) {
            out.append("\n=== ").append(component).append(" (").append(statuses.get(component)).append(")\n");
            section(out, "failure", () -> h.failure(component).orElse("none"));
            section(out, "state", () -> String.valueOf(h.snapshot(component)));
            section(out, "threads", () -> h.threads(component).stripTrailing());
            section(out, "last " + LOG_LINES + " lines of " + component + ".log", () -> logTail(component));
        }
        return out.toString();
    }

    private interface Part {
        String get() throws IOException;
    }

    private static void section(StringBuilder out, String title, Part part) {
        out.append("--- ").append(title).append('\n');
        try {
            out.append(part.get()).append('\n');
        } catch (IOException | RuntimeException e) {
            out.append("(unavailable: ").append(e.getMessage()).append(")\n");
        }
    }

    /** The newest {@code <component>.log} under {@code target/harness/*}: the running execution's. */
    private static String logTail(String component) throws IOException {
        Path root = Path.of("target", "harness");
        Optional<Path> log;
        try (Stream<Path> dirs = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
            log = dirs.map(d -> d.resolve(component + ".log")).filter(Files::isRegularFile)
                    .max(Comparator.comparing(p -> p.toFile().lastModified()));
        }
        if (log.isEmpty()) {
            return "(no " + component + ".log under " + root.toAbsolutePath() + ")";
        }
        // Its end only (a log may be large), read leniently: a component may write any bytes.
        byte[] tail;
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(log.get().toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            file.seek(start);
            tail = new byte[(int) (file.length() - start)];
            file.readFully(tail);
        }
        List<String> lines = List.of(new String(tail, StandardCharsets.UTF_8).split("\\R"));
        return String.join("\n", new ArrayList<>(lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size())));
    }
}
