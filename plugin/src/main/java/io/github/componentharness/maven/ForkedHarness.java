package io.github.componentharness.maven;

import io.github.componentharness.HarnessSpec;
import io.github.componentharness.internal.control.Tokens;
import io.github.componentharness.internal.fork.ForkSettings;
import io.github.componentharness.internal.fork.HarnessProcess;
import io.github.componentharness.internal.fork.Reports;
import io.github.componentharness.internal.fork.OwnerOnlyFiles;
import io.github.componentharness.internal.fork.StatusFiles;
import io.github.componentharness.internal.process.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * One harness JVM forked for one execution: started, awaited until ready (checking all the
 * while that it is still alive), and stopped so that it is gone when {@link #stop()} returns.
 * Starting, waiting, stopping and killing are {@link HarnessProcess}'s, as for every harness JVM;
 * this class adds what a build needs: the manifest-only class path, harness.log, and messages.
 */
final class ForkedHarness {

    /** Time for a JVM to boot, on top of the spec's own start timeout. */
    static final Duration BOOT_MARGIN = Duration.ofSeconds(30);
    private static final Duration STATUS_POLL = Duration.ofMillis(10);
    static final String EXIT_ON_OUT_OF_MEMORY = "-XX:+ExitOnOutOfMemoryError";
    /** A start quicker than this says nothing until it is ready; a slower one reports every {@link #PROGRESS_EVERY}. */
    static final Duration PROGRESS_FIRST = Duration.ofSeconds(1);
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
    static final String OPEN_SHUTDOWN_HOOKS = "--add-opens=java.base/java.lang=ALL-UNNAMED";

    /** How a stop went. */
    record StopResult(int exitCode, boolean destroyed, boolean diedBefore, List<Reports.Problem> problems, String exitReport,
            String logTail, long replyMillis, long exitMillis) {

        List<Reports.Problem> leaks() {
            return problems.stream().filter(p -> p.kind() == Reports.ProblemKind.LEAK).toList();
        }
    }

    private final ForkConfig config;
    private final HarnessSpec spec;
    private final HarnessProcess process;
    private final List<String> command;
    private final String token;
    /** Echoes component output to Maven's console ({@code harness.showLogs}), or {@code null}. */
    private volatile LogEcho echo;

    private ForkedHarness(ForkConfig config, HarnessSpec spec, HarnessProcess process, List<String> command, String token) {
        this.config = config;
        this.spec = spec;
        this.process = process;
        this.command = command;
        this.token = token;
    }

    /**
     * Forks the harness JVM; {@link #awaitReady()} waits for it. Register it with every teardown
     * path in between: from its first millisecond, a build that ends must take it along.
     *
     * @throws ForkException when it cannot be forked
     */
    static ForkedHarness fork(ForkConfig config, HarnessSpec spec) throws ForkException {
        return fork(config, spec, Map.of());
    }

    /**
     * @param userProperties Maven's {@code -D} user properties: the harness JVM sets them as it
     *     starts, from its owner-only spec, as failsafe's booter does (never on a command line)
     */
    static ForkedHarness fork(ForkConfig config, HarnessSpec spec, Map<String, String> userProperties) throws ForkException {
        String token = Tokens.newToken();
        try {
            prepare(config);
            rotateLogs(config, spec);
            OwnerOnlyFiles.write(config.specFile(), ForkSettings.childOfThisJvm(config.controlHost(), config.controlPort(), token,
                    config.harnessDir(), null).specJson(spec, userProperties));
            Path jar = ManifestJar.write(config.harnessDir().resolve("classpath.jar"), config.classpath(), ForkConfig.MAIN_CLASS);
            List<String> command = command(config, jar);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(config.workingDirectory().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(config.logFile().toFile()));
            builder.environment().putAll(config.environment());
            return new ForkedHarness(config, spec, HarnessProcess.start(builder, config.harnessDir(), token, spec), command, token);
        } catch (IOException e) {
            throw new ForkException("Cannot fork the harness JVM with " + config.javaExecutable() + ": " + e.getMessage()
                    + ". Check <jvm> or the JDK toolchain", e);
        }
    }

    private static void prepare(ForkConfig config) throws IOException {
        OwnerOnlyFiles.ownerOnlyFolder(config.harnessDir());
        Files.deleteIfExists(config.propertiesFile());
        Files.deleteIfExists(config.logFile());
    }

    /**
     * Starts every log of this run afresh, keeping the previous run's as {@code <name>.log.1}:
     * a failure report must never quote an older build's lines. Within one run logs are appended
     * to (a restart in process mode starts a new JVM, not a new log).
     */
    static void rotateLogs(ForkConfig config, HarnessSpec spec) throws IOException {
        Path logDir = spec.logDir().orElse(config.harnessDir());
        for (io.github.componentharness.ComponentSpec c : spec.components()) {
            for (String instance : c.instanceNames()) {
                Path log = logDir.resolve(instance + ".log");
                if (Files.isRegularFile(log)) {
                    Files.move(log, logDir.resolve(instance + ".log.1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static List<String> command(ForkConfig config, Path jar) {
        List<String> command = new ArrayList<>();
        command.add(config.javaExecutable().toString());
        // A harness whose heap ran out cannot serve its ITs: it exits, and the build says so,
        // rather than live on answering nothing. jvmArgs may say -XX:-ExitOnOutOfMemoryError.
        command.add(EXIT_ON_OUT_OF_MEMORY);
        // A main-class component's shutdown hooks run at its stop, read from java.lang's registry.
        command.add(OPEN_SHUTDOWN_HOOKS);
        command.addAll(config.jvmArgs());
        config.systemProperties().forEach((k, v) -> command.add("-D" + k + "=" + v));
        if (config.debug() != null && config.debugComponent() != null) {
            // Process mode: the coordinator starts that component's JVM with the agent.
            command.add("-D" + ChildJvm.DEBUG_COMPONENT + "=" + config.debugComponent());
            command.add("-D" + ChildJvm.DEBUG_AGENT + "=" + config.debug().argument());
        } else if (config.debug() != null) {
            command.addAll(config.debug().arguments());
        }
        command.add("-cp");
        command.add(jar.toString());
        command.add(ForkConfig.MAIN_CLASS);
        command.add(config.specFile().toString());
        return command;
    }

    /**
     * Waits until the harness is ready.
     *
     * @throws ForkException when it dies, fails or is not ready in time; it is gone by then
     */
    void awaitReady() throws ForkException {
        awaitReady(line -> { });
    }

    /**
     * Waits until the harness is ready; a start that takes over a second reports its progress to
     * {@code progress} every two seconds: which components are ready, which still start.
     *
     * @throws ForkException when it dies, fails or is not ready in time; it is gone by then
     */
    void awaitReady(java.util.function.Consumer<String> progress) throws ForkException {
        Thread reporter = new Thread(() -> reportProgress(progress), "harness-start-progress");
        reporter.setDaemon(true);
        reporter.start();
        try {
            awaitStart();
        } catch (ForkException | RuntimeException e) {
            kill();
            throw e;
        } finally {
            reporter.interrupt();
            try {
                // No progress line after the outcome's.
                reporter.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void reportProgress(java.util.function.Consumer<String> progress) {
        try {
            Thread.sleep(PROGRESS_FIRST.toMillis());
            while (!Thread.currentThread().isInterrupted()) {
                StatusFiles.readProgress(config.harnessDir())
                        .ifPresent(p -> progress.accept("Harness starting: " + p.describe()));
                Thread.sleep(PROGRESS_EVERY.toMillis());
            }
        } catch (InterruptedException ready) {
            // The start is over: its outcome is reported.
        }
    }

    private void awaitStart() throws ForkException {
        // A debugger may hold the harness at a breakpoint for as long as it likes.
        OptionalLong deadline = config.debug() != null && config.debug().suspends() ? OptionalLong.empty()
                : OptionalLong.of(System.nanoTime() + spec.startTimeout().plus(BOOT_MARGIN).toNanos());
        try {
            StatusFiles.Start start = process.awaitStart(deadline, STATUS_POLL);
            switch (start.kind()) {
                case READY:
                    return;
                case FAILED:
                    process.process().waitFor(5, TimeUnit.SECONDS);
                    Reports.Failed failed = start.failed();
                    String componentLog = failed.component() == null ? ""
                            : LogTail.of(spec.logDir().orElse(config.harnessDir()).resolve(failed.component() + ".log"));
                    boolean systemUnderTest = failed.kind() == Reports.FailureKind.COMPONENT
                            || failed.kind() == Reports.FailureKind.TIMEOUT;
                    throw new ForkException(failed.error() + "\n" + (componentLog.isEmpty() ? LogTail.of(config.logFile())
                            : componentLog), systemUnderTest);
                case EXITED:
                    throw new ForkException("The harness JVM exited with code " + start.exitCode() + " before it was ready.\n"
                            + "Command: " + String.join(" ", command) + "\n" + LogTail.of(config.logFile()), false);
                default:
                    throw new ForkException("The harness JVM was not ready within " + spec.startTimeout().plus(BOOT_MARGIN).toSeconds()
                            + " s (startTimeout plus " + BOOT_MARGIN.toSeconds() + " s to boot).\n" + LogTail.of(config.logFile()), true);
            }
        } catch (IOException e) {
            throw new ForkException("Cannot read the harness status in " + config.harnessDir() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ForkException("Interrupted while waiting for the harness to be ready", e);
        }
    }

    String endpoint() {
        return process.ready().endpoint();
    }

    String token() {
        return token;
    }

    Map<String, Map<String, Integer>> ports() {
        return process.ready().ports();
    }

    long startMillis() {
        return process.ready().startMillis();
    }

    long pid() {
        return process.pid();
    }

    ForkConfig config() {
        return config;
    }

    /**
     * Asks the harness to stop its components, waits for its JVM to exit within the stop budget
     * it published, and kills it when it overruns. Returns only once the JVM is gone, so agents
     * such as JaCoCo have written their data.
     */
    /** Echoes component output to Maven's console until the harness stops, as {@link LogEcho#start} reads {@code showLogs}. */
    void showLogs(String showLogs, java.util.function.Consumer<String> console) {
        echo = LogEcho.start(showLogs, config.logFile(), console);
    }

    /** Stops echoing component output, if it does; what is left in the log is echoed first. */
    void closeEcho() {
        LogEcho shown = echo;
        echo = null;
        if (shown != null) {
            shown.close();
        }
    }

    StopResult stop() throws InterruptedException {
        HarnessProcess.Stop stop;
        try {
            stop = process.stop();
        } finally {
            closeEcho();
        }
        List<Reports.Problem> problems = new ArrayList<>();
        if (stop.report() != null) {
            problems.addAll(stop.report().problems());
        }
        String exitReport = null;
        try {
            Path exit = config.harnessDir().resolve(StatusFiles.EXIT);
            if (Files.isRegularFile(exit)) {
                exitReport = Files.readString(exit);
            }
        } catch (IOException e) {
            exitReport = "cannot read " + config.harnessDir().resolve(StatusFiles.EXIT) + ": " + e;
        }
        return new StopResult(stop.exitCode(), stop.destroyed(), stop.diedBefore(), problems, exitReport,
                LogTail.of(config.logFile()), stop.replyMillis(), stop.exitMillis());
    }

    /** SIGTERM (the harness stops its components in order, or cancels its start), then SIGKILL if it does not go. */
    void kill() {
        process.terminate();
        closeEcho();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the harness JVM ends by itself (harness:run), and returns its exit code. */
    int waitForExit() throws InterruptedException {
        return process.process().waitFor();
    }
}
