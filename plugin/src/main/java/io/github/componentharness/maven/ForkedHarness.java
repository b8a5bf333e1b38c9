package io.github.componentharness.maven;

import io.github.componentharness.HarnessException;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.internal.control.RemoteHarness;
import io.github.componentharness.internal.control.Tokens;
import io.github.componentharness.internal.fork.ForkSettings;
import io.github.componentharness.internal.fork.StatusFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One harness JVM forked for one execution: started, awaited until ready (checking all the
 * while that it is still alive), and stopped so that it is gone when {@link #stop()} returns.
 */
final class ForkedHarness {

    /** Time for a JVM to boot, on top of the spec's own start timeout. */
    static final Duration BOOT_MARGIN = Duration.ofSeconds(30);
    private static final Duration STATUS_POLL = Duration.ofMillis(10);
    /** Time for a harness to exit after it stopped its components, before it is destroyed. */
    static final Duration EXIT_MARGIN = Duration.ofSeconds(5);
    private static final Pattern COMPONENT = Pattern.compile("[Cc]omponent '([^']+)'");

    /** How a stop went. */
    record StopResult(int exitCode, boolean destroyed, boolean diedBefore, List<String> problems, String exitReport,
            String logTail, long replyMillis, long exitMillis) {
    }

    private final ForkConfig config;
    private final HarnessSpec spec;
    private final Process process;
    private final List<String> command;
    private final String token;
    private String endpoint;
    private Map<String, Map<String, Integer>> ports = Map.of();
    private long startMillis;

    private ForkedHarness(ForkConfig config, HarnessSpec spec, Process process, List<String> command, String token) {
        this.config = config;
        this.spec = spec;
        this.process = process;
        this.command = command;
        this.token = token;
    }

    /**
     * Forks the harness and waits until it is ready.
     *
     * @throws ForkException when it cannot be forked, dies, fails or is not ready in time; it is
     *     gone by then
     */
    static ForkedHarness launch(ForkConfig config, HarnessSpec spec) throws ForkException {
        String token = Tokens.newToken();
        List<String> command;
        Process process;
        try {
            prepare(config);
            writeSpec(config, spec, token);
            Path jar = ManifestJar.write(config.harnessDir().resolve("classpath.jar"), config.classpath(), ForkConfig.MAIN_CLASS);
            command = command(config, jar);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(config.workingDirectory().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(config.logFile().toFile()));
            builder.environment().putAll(config.environment());
            process = builder.start();
        } catch (IOException e) {
            throw new ForkException("Cannot fork the harness JVM with " + config.javaExecutable() + ": " + e.getMessage()
                    + ". Check <jvm> or the JDK toolchain", e);
        }
        ForkedHarness fork = new ForkedHarness(config, spec, process, command, token);
        try {
            fork.awaitReady();
        } catch (ForkException | RuntimeException e) {
            fork.kill();
            throw e;
        }
        return fork;
    }

    private static void prepare(ForkConfig config) throws IOException {
        StatusFiles.clear(config.harnessDir());
        Files.deleteIfExists(config.propertiesFile());
        Files.deleteIfExists(config.logFile());
    }

    private static void writeSpec(ForkConfig config, HarnessSpec spec, String token) throws IOException {
        OwnerOnlyFiles.write(config.specFile(), ForkSettings.childOfThisJvm(config.controlHost(), config.controlPort(), token,
                config.harnessDir(), null).specJson(spec));
    }

    static List<String> command(ForkConfig config, Path jar) {
        List<String> command = new ArrayList<>();
        command.add(config.javaExecutable().toString());
        command.addAll(config.jvmArgs());
        config.systemProperties().forEach((k, v) -> command.add("-D" + k + "=" + v));
        if (config.debug()) {
            command.add(ForkConfig.DEBUG_ARG);
        }
        command.add("-cp");
        command.add(jar.toString());
        command.add(ForkConfig.MAIN_CLASS);
        command.add(config.specFile().toString());
        return command;
    }

    private void awaitReady() throws ForkException {
        // A debugger may hold the harness at a breakpoint for as long as it likes.
        OptionalLong deadline = config.debug() ? OptionalLong.empty()
                : OptionalLong.of(System.nanoTime() + spec.startTimeout().plus(BOOT_MARGIN).toNanos());
        try {
            StatusFiles.Start start = StatusFiles.awaitStart(config.harnessDir(), process, deadline, STATUS_POLL);
            switch (start.kind()) {
                case READY:
                    accept(start.report());
                    return;
                case FAILED:
                    process.waitFor(5, TimeUnit.SECONDS);
                    Object error = start.report().get("error");
                    String componentLog = componentLog(error);
                    throw new ForkException(error + "\n" + (componentLog.isEmpty() ? LogTail.of(config.logFile()) : componentLog),
                            true);
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

    private String componentLog(Object error) {
        Matcher m = COMPONENT.matcher(String.valueOf(error));
        if (!m.find()) {
            return "";
        }
        return LogTail.of(config.harnessDir().resolve(m.group(1) + ".log"));
    }

    @SuppressWarnings("unchecked")
    private void accept(Map<String, Object> ready) {
        endpoint = (String) ready.get("endpoint");
        startMillis = ((Number) ready.get("startMillis")).longValue();
        Map<String, Map<String, Integer>> all = new LinkedHashMap<>();
        ((Map<String, Object>) ready.get("ports")).forEach((component, own) -> {
            Map<String, Integer> byName = new LinkedHashMap<>();
            ((Map<String, Object>) own).forEach((port, number) -> byName.put(port, ((Number) number).intValue()));
            all.put(component, byName);
        });
        ports = all;
    }

    String endpoint() {
        return endpoint;
    }

    String token() {
        return token;
    }

    Map<String, Map<String, Integer>> ports() {
        return ports;
    }

    long startMillis() {
        return startMillis;
    }

    long pid() {
        return process.pid();
    }

    ForkConfig config() {
        return config;
    }

    /**
     * Asks the harness to stop its components, waits for its JVM to exit, and destroys it when it
     * overruns. Returns only once the JVM is gone, so agents such as JaCoCo have written their data.
     */
    StopResult stop() throws InterruptedException {
        long begin = System.nanoTime();
        long replied = begin;
        boolean diedBefore = !process.isAlive();
        boolean destroyed = false;
        if (!diedBefore) {
            try (RemoteHarness remote = new RemoteHarness(endpoint, token)) {
                remote.shutdown();
            } catch (HarnessException e) {
                // It may be hung or gone: the wait below and destroy decide.
            }
            replied = System.nanoTime();
            if (!process.waitFor(spec.stopTimeout().plus(EXIT_MARGIN).toMillis(), TimeUnit.MILLISECONDS)) {
                destroyed = true;
                kill();
            }
        }
        process.waitFor();
        long exited = System.nanoTime();
        List<String> problems = new ArrayList<>();
        String exitReport = null;
        try {
            Map<String, Object> stopped = StatusFiles.read(config.harnessDir(), StatusFiles.STOPPED);
            if (stopped != null && stopped.get("problems") instanceof List) {
                ((List<?>) stopped.get("problems")).forEach(p -> problems.add(String.valueOf(p)));
            }
            Path exit = config.harnessDir().resolve(StatusFiles.EXIT);
            if (Files.isRegularFile(exit)) {
                exitReport = Files.readString(exit);
            }
        } catch (IOException | RuntimeException e) {
            problems.add("cannot read the stop report in " + config.harnessDir() + ": " + e);
        }
        return new StopResult(process.exitValue(), destroyed, diedBefore, problems, exitReport, LogTail.of(config.logFile()),
                (replied - begin) / 1_000_000, (exited - replied) / 1_000_000);
    }

    /** SIGTERM (the harness stops its components in order), then SIGKILL if it does not go. */
    void kill() {
        // Through the handle: Process.destroy would also close its standard input (read as Maven gone).
        process.toHandle().destroy();
        try {
            if (!process.waitFor(EXIT_MARGIN.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(EXIT_MARGIN.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    Process process() {
        return process;
    }
}
