package io.github.componentharness;

import io.github.componentharness.internal.spec.SpecJson;
import io.github.componentharness.internal.spec.SpecValidation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The declared component set and how to run it. Immutable and validated when built: names,
 * dependencies, replicas and timeouts. Whether each class exists and is a {@link Component} is
 * checked when a harness starts, with the class loader that runs it.
 *
 * <pre>{@code
 * HarnessSpec spec = HarnessSpec.builder()
 *     .component("broker", Broker.class, c -> c.ports("frontend", "backend"))
 *     .component("worker", Worker.class, c -> c.replicas(3).dependsOn("broker"))
 *     .build();
 * }</pre>
 */
public final class HarnessSpec {

    /** Default time for the whole start, and for one component started on its own. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);
    /** Default time a component gets to stop once asked. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Where the components run. {@link Harness#start} runs threads only; {@code HarnessMain} and
     * the Maven plugin run either.
     */
    public enum Mode {
        /** Every component instance on its own thread of one JVM: the default, and the fastest. */
        THREADS,
        /**
         * Every component instance, or each named {@linkplain ComponentSpec#process() process}
         * group, in a JVM of its own, behind one coordinator that serves the control port.
         */
        PROCESSES;

        /** The mode named {@code threads} or {@code processes}, in any case. */
        public static Mode of(String name) {
            for (Mode m : values()) {
                if (m.name().equalsIgnoreCase(String.valueOf(name).trim())) {
                    return m;
                }
            }
            throw new HarnessException("unknown mode '" + name + "': use threads or processes");
        }

        /** The name as configured: {@code threads} or {@code processes}. */
        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final List<ComponentSpec> components;
    private final Mode mode;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private final boolean failOnLeak;
    private final Path logDir;
    private final Path workDir;
    private final Isolation isolation;
    private final boolean faults;

    private HarnessSpec(Builder b) {
        this.components = List.copyOf(b.components.values());
        this.mode = b.mode;
        this.startTimeout = b.startTimeout;
        this.stopTimeout = b.stopTimeout;
        this.failOnLeak = b.failOnLeak;
        this.logDir = b.logDir;
        this.workDir = b.workDir;
        this.isolation = b.isolation;
        this.faults = b.faults;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads a spec written by {@link #toJson()}, validating it as {@link Builder#build()} does. */
    public static HarnessSpec fromJson(String json) {
        return SpecJson.read(json);
    }

    /** The JSON form the plugin hands to the forked harness. */
    public String toJson() {
        return SpecJson.write(this);
    }

    /** The declared components, in declaration order. */
    public List<ComponentSpec> components() {
        return components;
    }

    /** The declared component with this name (not an instance name such as {@code worker-1}). */
    public Optional<ComponentSpec> component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Threads (the default) or processes. */
    public Mode mode() {
        return mode;
    }

    /** Time for the whole start, and for one component started or restarted on its own. */
    public Duration startTimeout() {
        return startTimeout;
    }

    /** Time a component gets to stop once asked; an overrun is reported and the stop goes on. */
    public Duration stopTimeout() {
        return stopTimeout;
    }

    /**
     * Whether instances reach their peers' ports through proxies of the harness, so that a test
     * can cut, slow or stall one link ({@link Harness#fault}); see {@link Builder#faults}.
     */
    public boolean faults() {
        return faults;
    }

    /** Whether closing the harness throws when a component left a thread running. */
    public boolean failOnLeak() {
        return failOnLeak;
    }

    /** Where each component's tagged output is written as {@code <instance>.log}, if anywhere. */
    public Optional<Path> logDir() {
        return Optional.ofNullable(logDir);
    }

    /** The root of the components' work directories; a temporary one (deleted on close) if empty. */
    public Optional<Path> workDir() {
        return Optional.ofNullable(workDir);
    }

    /** The harness-wide isolation, when declared; see {@link Builder#isolation}. */
    public Optional<Isolation> isolation() {
        return Optional.ofNullable(isolation);
    }

    /** The isolation of {@code component}: its own, else the harness-wide one, else {@code fallback}. */
    public Isolation isolationOf(ComponentSpec component, Isolation fallback) {
        return component.isolation().or(this::isolation).orElse(fallback);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HarnessSpec)) {
            return false;
        }
        HarnessSpec other = (HarnessSpec) o;
        return components.equals(other.components) && mode == other.mode && startTimeout.equals(other.startTimeout)
                && stopTimeout.equals(other.stopTimeout) && failOnLeak == other.failOnLeak
                && Objects.equals(logDir, other.logDir) && Objects.equals(workDir, other.workDir)
                && isolation == other.isolation && faults == other.faults;
    }

    @Override
    public int hashCode() {
        return Objects.hash(components, mode, startTimeout, stopTimeout, failOnLeak, logDir, workDir, isolation, faults);
    }

    @Override
    public String toString() {
        return "HarnessSpec" + components.stream().map(ComponentSpec::name).toList();
    }

    /** Declares components and settings; {@link #build()} validates them all at once. */
    public static final class Builder {
        private final Map<String, ComponentSpec> components = new LinkedHashMap<>();
        private final List<String> duplicateNames = new ArrayList<>();
        private Mode mode = Mode.THREADS;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
        private boolean failOnLeak;
        private Path logDir;
        private Path workDir;
        private Isolation isolation;
        private boolean faults;

        private Builder() {
        }

        /** Declares a component with no ports, configuration or dependencies. */
        public Builder component(String name, Class<? extends Component> type) {
            return component(name, type, c -> { });
        }

        /** Declares a component, configured by {@code configurer}. */
        public Builder component(String name, Class<? extends Component> type, Consumer<ComponentSpec.Builder> configurer) {
            Objects.requireNonNull(type, "type");
            return add(ComponentSpec.builder(name, ComponentSpec.Kind.COMPONENT, type.getName(), type), configurer);
        }

        /** Declares a component by class name, to be loaded when the harness starts. */
        public Builder component(String name, String className, Consumer<ComponentSpec.Builder> configurer) {
            return add(ComponentSpec.builder(name, ComponentSpec.Kind.COMPONENT, className, null), configurer);
        }

        /**
         * Declares a component whose body is the {@code public static void main(String[])} of
         * {@code mainClassName}: code that was not written for the harness, run unchanged.
         */
        public Builder mainClass(String name, String mainClassName, Consumer<ComponentSpec.Builder> configurer) {
            return add(ComponentSpec.builder(name, ComponentSpec.Kind.MAIN, mainClassName, null), configurer);
        }

        /** Declares a main-class component from a class of this JVM; see {@link #mainClass(String, String, Consumer)}. */
        public Builder mainClass(String name, Class<?> mainClass, Consumer<ComponentSpec.Builder> configurer) {
            Objects.requireNonNull(mainClass, "mainClass");
            return add(ComponentSpec.builder(name, ComponentSpec.Kind.MAIN, mainClass.getName(), mainClass), configurer);
        }

        /**
         * Whether instances get class loaders of their own; components may override it. Unset,
         * a forked harness isolates ({@link Isolation#INSTANCE}) and {@link Harness#start} shares.
         */
        public Builder isolation(Isolation isolation) {
            this.isolation = isolation;
            return this;
        }

        private Builder add(ComponentSpec.Builder builder, Consumer<ComponentSpec.Builder> configurer) {
            configurer.accept(builder);
            ComponentSpec spec = builder.build();
            if (components.containsKey(spec.name())) {
                duplicateNames.add(spec.name());
            } else {
                components.put(spec.name(), spec);
            }
            return this;
        }

        /** Threads (the default) or processes; see {@link Mode}. */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = timeout;
            return this;
        }

        /**
         * Puts a proxy of the harness on every link: each instance reaches each peer port it asks
         * for ({@code ctx.port(peer, name)}, {@code {port:peer.name}}) through one of its own, so
         * {@link Harness#partition}, {@link Harness#delay} and the other faults can hit that link
         * alone. Tests still get the real ports from {@link Harness#port}. Off by default.
         */
        public Builder faults(boolean faults) {
            this.faults = faults;
            return this;
        }

        public Builder failOnLeak(boolean failOnLeak) {
            this.failOnLeak = failOnLeak;
            return this;
        }

        public Builder logDir(Path dir) {
            this.logDir = dir;
            return this;
        }

        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        /**
         * Validates and builds the spec.
         *
         * @throws HarnessException listing every problem found, each with what to fix
         */
        public HarnessSpec build() {
            SpecValidation.check(new ArrayList<>(components.values()), duplicateNames, mode, startTimeout, stopTimeout);
            return new HarnessSpec(this);
        }
    }
}
