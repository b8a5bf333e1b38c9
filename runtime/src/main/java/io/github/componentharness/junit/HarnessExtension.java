package io.github.componentharness.junit;

import io.github.componentharness.Harness;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.LocalHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a spec in-process around JUnit 5 tests. Registered on a {@code static} field, one
 * harness serves the whole class; on an instance field, each test method gets a fresh one.
 * Test and lifecycle methods may take the {@link LocalHarness} (or {@link Harness}) and any
 * component object whose type only one component instance has.
 *
 * <pre>{@code
 * @RegisterExtension
 * static HarnessExtension harness = new HarnessExtension(HarnessSpec.builder()
 *     .component("broker", Broker.class, c -> c.ports("frontend", "backend"))
 *     .build());
 *
 * @Test
 * void brokerStarts(LocalHarness h, Broker broker) { ... }
 * }</pre>
 *
 * The harness is closed when its class or method ends, whatever the outcome; a close that
 * reports a leak under {@code failOnLeak} fails that class or method.
 */
public final class HarnessExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HarnessExtension.class);

    private final HarnessSpec spec;

    public HarnessExtension(HarnessSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** The spec this extension runs. */
    public HarnessSpec spec() {
        return spec;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // Only called for an extension on a static field: one harness for the class.
        start(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (find(context) == null) {
            start(context);
        }
    }

    private void start(ExtensionContext context) {
        context.getStore(NAMESPACE).put(this, new Running(Harness.start(spec)));
    }

    private LocalHarness find(ExtensionContext context) {
        Running running = context.getStore(NAMESPACE).get(this, Running.class);
        return running == null ? null : running.harness;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalHarness.class || type == Harness.class || !instancesOf(type).isEmpty();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        LocalHarness harness = find(context);
        if (harness == null) {
            throw new ParameterResolutionException("no harness is running for " + context.getDisplayName()
                    + ": register the HarnessExtension on a static field to use it in @BeforeAll methods");
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == LocalHarness.class || type == Harness.class) {
            return harness;
        }
        List<String> candidates = instancesOf(type);
        if (candidates.size() > 1) {
            throw new ParameterResolutionException("several components are a " + type.getSimpleName() + " " + candidates
                    + ": take a LocalHarness parameter and call component(name, " + type.getSimpleName() + ".class)");
        }
        return harness.component(candidates.get(0), type);
    }

    private List<String> instancesOf(Class<?> type) {
        List<String> names = new ArrayList<>();
        spec.components().forEach(c -> {
            if (c.componentClass().map(type::isAssignableFrom).orElse(false)
                    || (c.componentClass().isEmpty() && type.getName().equals(c.className()))) {
                names.addAll(c.instanceNames());
            }
        });
        return names;
    }

    /** Closes the harness when JUnit closes the store of its class or method. */
    // JUnit before 5.13 closes only CloseableResource, later releases prefer AutoCloseable.
    @SuppressWarnings("deprecation")
    private static final class Running implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final LocalHarness harness;

        Running(LocalHarness harness) {
            this.harness = harness;
        }

        @Override
        public void close() {
            harness.close();
        }
    }
}
