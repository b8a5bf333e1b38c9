package io.github.componentharness.internal.local;

import io.github.componentharness.ComponentContext;
import io.github.componentharness.HarnessException;
import io.github.componentharness.internal.spec.Placeholders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** The {@link ComponentContext} of one run. */
final class RunContext implements ComponentContext {

    /** What a run needs from its harness. */
    interface Services {
        int port(String component, String portName);

        /** The port instance {@code from} reaches {@code component}'s port through: a proxy's when faults are on. */
        int peerPort(String from, String component, String portName);

        /** The work directory root of the harness. */
        Path workRoot();
    }

    private final Instance instance;
    private final ComponentRun run;
    private final Services services;
    private final ConfigValues config;
    private final ComponentLogger log;
    private final int runNumber;
    private Path workDir;

    RunContext(Instance instance, int runNumber, ComponentRun run, Services services) {
        this.instance = instance;
        this.runNumber = runNumber;
        this.run = run;
        this.services = services;
        this.config = new ConfigValues(instance.name(), instance.spec().config(), this::resolve);
        this.log = new ComponentLogger(instance.output());
    }

    @Override
    public String name() {
        return instance.name();
    }

    /** {@code text} with its placeholders ({@code {port:http}}, {@code {workDir}}, ...) resolved for this run. */
    String resolve(String text) {
        return Placeholders.resolve(text, new Placeholders.Values() {
            @Override
            public int port(String instanceName, String portName) {
                return services.peerPort(instance.name(), instanceName, portName);
            }

            @Override
            public String workDir() {
                return RunContext.this.workDir().toString();
            }

            @Override
            public String name() {
                return instance.name();
            }

            @Override
            public int replica() {
                return instance.spec().instanceNames().indexOf(instance.name()) + 1;
            }
        });
    }

    @Override
    public String config(String key) {
        return config.required(key);
    }

    @Override
    public <T> T config(String key, Class<T> type) {
        return config.required(key, type);
    }

    @Override
    public String config(String key, String defaultValue) {
        return config.optional(key, String.class, defaultValue);
    }

    @Override
    public int config(String key, int defaultValue) {
        return config.optional(key, Integer.class, defaultValue);
    }

    @Override
    public long config(String key, long defaultValue) {
        return config.optional(key, Long.class, defaultValue);
    }

    @Override
    public double config(String key, double defaultValue) {
        return config.optional(key, Double.class, defaultValue);
    }

    @Override
    public boolean config(String key, boolean defaultValue) {
        return config.optional(key, Boolean.class, defaultValue);
    }

    @Override
    public Duration config(String key, Duration defaultValue) {
        return config.optional(key, Duration.class, defaultValue);
    }

    @Override
    public int port(String portName) {
        return services.port(name(), portName);
    }

    @Override
    public int port(String component, String portName) {
        return services.peerPort(name(), component, portName);
    }

    @Override
    public void ready() {
        run.markReady();
    }

    @Override
    public boolean stopping() {
        return run.stopRequested();
    }

    @Override
    public void awaitStop() throws InterruptedException {
        run.awaitStopRequest();
    }

    @Override
    public void onStop(AutoCloseable resource) {
        run.closeOnStop(Objects.requireNonNull(resource, "resource"));
    }

    @Override
    public void publish(String key, Object value) {
        if (key == null || key.isBlank()) {
            throw new HarnessException("component '" + name() + "' published a value under a blank key: name it");
        }
        run.publish(key, value);
    }

    @Override
    public synchronized Path workDir() {
        if (workDir == null) {
            Path dir = services.workRoot().resolve(name() + "-run" + runNumber);
            try {
                FileTrees.deleteIfExists(dir);
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the work directory of component '" + name() + "' at " + dir, e);
            }
            workDir = dir;
        }
        return workDir;
    }

    @Override
    public System.Logger log() {
        return log;
    }
}
