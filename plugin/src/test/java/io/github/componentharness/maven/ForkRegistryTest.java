package io.github.componentharness.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;
import io.github.componentharness.HarnessSpec;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.AbstractExecutionListener;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session-end listener on its own, as a long-lived Maven (mvnd, an IDE) relies on it: a build
 * that never ran {@code harness:stop} leaves no harness JVM once its session ends, though the
 * Maven JVM lives on.
 */
class ForkRegistryTest {

    public static class Idle implements Component {
        @Override
        public void run(ComponentContext ctx) throws InterruptedException {
            ctx.ready();
            ctx.awaitStop();
        }
    }

    /** Records the events the wrapping listener passes on. */
    static final class Recording extends AbstractExecutionListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void sessionEnded(ExecutionEvent event) {
            events.add("sessionEnded");
        }
    }

    @TempDir
    Path dir;

    private ForkedHarness fork;

    @AfterEach
    void killWhatIsLeft() {
        if (fork != null) {
            fork.kill();
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void theEndOfTheSessionStopsAHarnessThatStopNeverStopped() throws Exception {
        List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of)
                .toList();
        ForkConfig config = new ForkConfig(Path.of(System.getProperty("java.home"), "bin", "java"), List.of(), classpath,
                Map.of(), Map.of(), dir, dir.resolve("harness/it"), "127.0.0.1", 0, null, null, Duration.ofSeconds(30),
                Duration.ofSeconds(10));
        fork = ForkedHarness.fork(config, HarnessSpec.builder().component("idle", Idle.class).build());
        fork.awaitReady();
        assertThat(fork.isAlive()).isTrue();

        MavenExecutionRequest request = new DefaultMavenExecutionRequest();
        Recording original = new Recording();
        request.setExecutionListener(original);
        MavenSession session = new MavenSession(null, request, new DefaultMavenExecutionResult(), List.of());
        ForkRegistry.register(ForkRegistry.key(dir.toString(), "it"), fork, session);
        assertThat(request.getExecutionListener()).isInstanceOf(ForkRegistry.SessionEndListener.class);

        request.getExecutionListener().sessionEnded(null);

        assertThat(fork.isAlive()).isFalse();
        assertThat(fork.waitForExit()).as("SIGTERM stops the harness cleanly").isZero();
        assertThat(original.events).containsExactly("sessionEnded");
        assertThat(ForkRegistry.remove(ForkRegistry.key(dir.toString(), "it"))).isNull();
    }
}
