package io.github.componentharness.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;
import io.github.componentharness.HarnessException;
import io.github.componentharness.ComponentSpec;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.Isolation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecFactoryTest {

    public static class Ok implements Component {
        @Override
        public void run(ComponentContext ctx) {
        }
    }

    private static final Path DIR = Path.of("target/harness/default");

    @Test
    void thePomConfigurationBecomesTheSpec() {
        HarnessSpec spec = SpecFactory.build(List.of(
                new ComponentConfig("broker", "com.example.Broker").ports("frontend", "backend").config("queueSize", "100"),
                new ComponentConfig("worker", "com.example.Worker").replicas(3).dependsOn("broker")),
                "threads", "20s", "PT2S", true, DIR, DIR.resolve("work"));
        assertThat(spec.startTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(spec.stopTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(spec.failOnLeak()).isTrue();
        assertThat(spec.logDir()).hasValue(DIR);
        assertThat(spec.components().get(0).ports()).containsExactly("frontend", "backend");
        assertThat(spec.components().get(0).config()).containsEntry("queueSize", "100");
        assertThat(spec.components().get(1).instanceNames()).containsExactly("worker-1", "worker-2", "worker-3");
        assertThat(spec.components().get(1).dependsOn()).containsExactly("broker");
    }

    @Test
    void aMainClassWithItsArgsPropertiesAndProbes() {
        ReadyWhenConfig probes = new ReadyWhenConfig();
        // Maven calls the setter once per element: repeated elements add probes.
        probes.setPort("tcp");
        probes.setPort("admin");
        probes.setLog("started");
        HarnessSpec spec = SpecFactory.build(List.of(new ComponentConfig("db", null).mainClass("org.h2.tools.Server")
                .ports("tcp", "admin").args("-tcpPort", "{port:tcp}").systemProperty("h2.x", "{name}").readyWhen(probes)
                .isolation("shared")), "threads", "30s", "10s", false, DIR, DIR, "instance");
        ComponentSpec db = spec.components().get(0);
        assertThat(db.kind()).isEqualTo(ComponentSpec.Kind.MAIN);
        assertThat(db.className()).isEqualTo("org.h2.tools.Server");
        assertThat(db.args()).containsExactly("-tcpPort", "{port:tcp}");
        assertThat(db.systemProperties()).containsEntry("h2.x", "{name}");
        assertThat(db.readyWhen()).extracting(ComponentSpec.ReadyWhen::target).containsExactly("tcp", "admin", "started");
        assertThat(db.isolation()).hasValue(Isolation.SHARED);
        assertThat(spec.isolation()).hasValue(Isolation.INSTANCE);
    }

    @Test
    void aComponentNeedsExactlyOneOfClassNameAndMainClass() {
        assertThatThrownBy(() -> SpecFactory.build(List.of(new ComponentConfig("a", "A").mainClass("B"),
                new ComponentConfig("c", null)), "threads", "30s", "10s", false, DIR, DIR))
                .hasMessageContaining("component 'a' has both a <className> and a <mainClass>")
                .hasMessageContaining("component 'c' has neither a <className> nor a <mainClass>");
        assertThatThrownBy(() -> SpecFactory.build(List.of(new ComponentConfig("a", "A").isolation("jvm")), "threads", "30s",
                "10s", false, DIR, DIR))
                .hasMessage("Invalid <isolation> of component 'a' 'jvm': use instance (a class loader per instance, statics "
                        + "not shared, as in process mode) or shared (one set of classes for all)");
    }

    @Test
    void mistakesAreNamedBeforeAnyFork() {
        assertThatThrownBy(() -> SpecFactory.build(List.of(), "threads", "30s", "10s", false, DIR, DIR))
                .hasMessage("Invalid harness spec: no <components> configured: declare at least one <component> with a <name> and a <className> (or a <mainClass>)");
        assertThatThrownBy(() -> SpecFactory.build(List.of(new ComponentConfig("a", "A")), "threads", "soon", "10s", false, DIR, DIR))
                .hasMessage("Invalid <startTimeout> 'soon': use a duration such as 30s, 500ms, 2m or PT30S");
        assertThatThrownBy(() -> SpecFactory.build(List.of(
                new ComponentConfig("a", "A").dependsOn("b"),
                new ComponentConfig("b", "B").dependsOn("a"),
                new ComponentConfig("a", "C")), "threads", "30s", "10s", false, DIR, DIR))
                .isInstanceOf(HarnessException.class)
                .hasMessageContaining("component 'a' is declared more than once");
        assertThatThrownBy(() -> SpecFactory.build(List.of(
                new ComponentConfig("a", "A").dependsOn("b"),
                new ComponentConfig("b", "B").dependsOn("a")), "threads", "30s", "10s", false, DIR, DIR))
                .hasMessage("Invalid harness spec: dependency cycle a -> b -> a: remove one of these dependsOn");
    }

    @Test
    void processModeAndProcessGroups() {
        HarnessSpec spec = SpecFactory.build(List.of(
                new ComponentConfig("broker", "com.example.Broker"),
                new ComponentConfig("worker", "com.example.Worker").replicas(2).dependsOn("broker").process("workers")),
                "processes", "30s", "10s", false, DIR, DIR);
        assertThat(spec.mode()).isEqualTo(HarnessSpec.Mode.PROCESSES);
        assertThat(spec.components().get(1).process()).hasValue("workers");
        assertThatThrownBy(() -> SpecFactory.build(List.of(new ComponentConfig("a", "A")), "jvms", "30s", "10s", false, DIR, DIR))
                .hasMessage("Invalid <mode> 'jvms': use threads (every component a thread of one JVM) "
                        + "or processes (a JVM per component, or per <process>)");
        assertThatThrownBy(() -> SpecFactory.build(List.of(
                new ComponentConfig("a", "A").process("one"),
                new ComponentConfig("b", "B").dependsOn("a"),
                new ComponentConfig("c", "C").dependsOn("b").process("one")), "processes", "30s", "10s", false, DIR, DIR))
                .hasMessage("Invalid harness spec: processes depend on each other: one -> b -> one (a process starts once "
                        + "what its components depend on runs): put these components in one process, or in separate ones");
    }

    @Test
    void classesAreCheckedOnTheHarnessClasspath() {
        HarnessSpec spec = SpecFactory.build(List.of(
                new ComponentConfig("ok", Ok.class.getName()),
                new ComponentConfig("ghost", "com.example.Brokr"),
                new ComponentConfig("text", "java.lang.String")), "threads", "30s", "10s", false, DIR, DIR);
        assertThatThrownBy(() -> SpecFactory.checkClasses(spec, List.of(Path.of("target/test-classes"))))
                .hasMessageContaining("component 'ghost': class com.example.Brokr not found on the classpath")
                .hasMessageContaining("component 'text': class java.lang.String does not implement io.github.componentharness.Component")
                .hasMessageNotContaining("'ok'");
    }
}
