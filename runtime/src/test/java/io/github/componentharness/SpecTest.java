package io.github.componentharness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.componentharness.fixtures.Idle;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpecTest {

    @Test
    void replicasAreNamedOneToN() {
        HarnessSpec spec = HarnessSpec.builder().component("worker", Idle.class, c -> c.replicas(3)).build();
        assertThat(spec.components().get(0).instanceNames()).containsExactly("worker-1", "worker-2", "worker-3");
        HarnessSpec single = HarnessSpec.builder().component("broker", Idle.class).build();
        assertThat(single.components().get(0).instanceNames()).containsExactly("broker");
    }

    @Test
    void jsonRoundTripKeepsEverything() {
        HarnessSpec spec = HarnessSpec.builder()
                .component("broker", Idle.class, c -> c.ports("frontend", "backend").config("queueSize", 100))
                .component("worker", "com.example.Worker", c -> c.replicas(3).dependsOn("broker").config("mode", "fast"))
                .startTimeout(Duration.ofSeconds(12))
                .stopTimeout(Duration.ofMillis(1500))
                .failOnLeak(true)
                .logDir(Path.of("target/harness/it/logs"))
                .workDir(Path.of("target/harness/it/work"))
                .build();
        String json = spec.toJson();
        assertThat(json).contains("\"className\" : \"io.github.componentharness.fixtures.Idle\"");
        HarnessSpec back = HarnessSpec.fromJson(json);
        assertThat(back).isEqualTo(spec);
        assertThat(back.components().get(0).config()).containsEntry("queueSize", "100");
        assertThat(back.components().get(0).componentClass()).isEmpty();
    }

    @Test
    void invalidJsonIsNamed() {
        assertThatThrownBy(() -> HarnessSpec.fromJson("{\"components\": 3}"))
                .hasMessage("Invalid harness spec JSON: 'components' of the spec must be a list");
        assertThatThrownBy(() -> HarnessSpec.fromJson("{\"startTimeout\":\"soon\",\"components\":[]}"))
                .hasMessageContaining("'startTimeout' must be an ISO-8601 duration such as PT30S, not soon");
        assertThatThrownBy(() -> HarnessSpec.fromJson("not json")).hasMessage("Invalid harness spec JSON: malformed JSON at line 1, column 1");
    }

    @Test
    void everyProblemIsListedWithItsFix() {
        assertThatThrownBy(() -> HarnessSpec.builder()
                .component("", Idle.class)
                .component("a", Idle.class, c -> c.replicas(0))
                .component("b", Idle.class, c -> c.ports("http", "http").dependsOn("nope"))
                .component("b", Idle.class)
                .component("bad name", Idle.class)
                .startTimeout(Duration.ZERO)
                .stopTimeout(Duration.ofSeconds(-1))
                .build())
                .isInstanceOf(HarnessException.class)
                .hasMessageContaining("component 'b' is declared more than once: give each component its own name")
                .hasMessageContaining("startTimeout must be positive, not PT0S")
                .hasMessageContaining("stopTimeout must be positive, not PT-1S")
                .hasMessageContaining("a component has a blank name (class io.github.componentharness.fixtures.Idle): give it a name")
                .hasMessageContaining("component 'a' has replicas 0: use 1 or more")
                .hasMessageContaining("component 'b' declares port 'http' twice")
                .hasMessageContaining("component 'b' depends on unknown component 'nope' (known: , a, b, bad name): fix its dependsOn")
                .hasMessageContaining("component name 'bad name' may only hold letters, digits");
    }

    @Test
    void aCycleIsNamedInFull() {
        assertThatThrownBy(() -> HarnessSpec.builder()
                .component("a", Idle.class, c -> c.dependsOn("b"))
                .component("b", Idle.class, c -> c.dependsOn("c"))
                .component("c", Idle.class, c -> c.dependsOn("a"))
                .component("d", Idle.class)
                .build())
                .hasMessage("Invalid harness spec: dependency cycle a -> b -> c -> a: remove one of these dependsOn");
        assertThatThrownBy(() -> HarnessSpec.builder().component("a", Idle.class, c -> c.dependsOn("a")).build())
                .hasMessage("Invalid harness spec: component 'a' depends on itself: remove it from its dependsOn");
    }

    @Test
    void instanceNamesMustNotClash() {
        assertThatThrownBy(() -> HarnessSpec.builder()
                .component("worker", Idle.class, c -> c.replicas(2))
                .component("worker-2", Idle.class)
                .build())
                .hasMessage("Invalid harness spec: instance name 'worker-2' is used by both 'worker' and 'worker-2': rename one of them");
    }

    @Test
    void anEmptySpecIsRefused() {
        assertThatThrownBy(() -> HarnessSpec.builder().build())
                .hasMessage("Invalid harness spec: no components declared: declare at least one");
    }

    public abstract static class Abstract implements Component {
    }

    public static class NoDefaultConstructor implements Component {
        public NoDefaultConstructor(String unused) {
        }

        @Override
        public void run(ComponentContext ctx) {
        }
    }

    @Test
    void badClassesAreNamedBeforeAnythingStarts() {
        HarnessSpec spec = HarnessSpec.builder()
                .component("ghost", "com.example.Brokr", c -> { })
                .component("plain", "java.lang.String", c -> { })
                .component("abstract", Abstract.class)
                .component("ctor", NoDefaultConstructor.class)
                .build();
        assertThatThrownBy(() -> Harness.start(spec))
                .isInstanceOf(HarnessException.class)
                .hasMessageContaining("component 'ghost': class com.example.Brokr not found on the classpath")
                .hasMessageContaining("component 'plain': class java.lang.String does not implement io.github.componentharness.Component: implement it")
                .hasMessageContaining("component 'abstract': class " + Abstract.class.getName() + " is abstract")
                .hasMessageContaining("component 'ctor': class " + NoDefaultConstructor.class.getName()
                        + " has no public no-arg constructor: add one");
    }

    public static class ThrowingConstructor implements Component {
        public ThrowingConstructor() {
            throw new IllegalStateException("no license key");
        }

        @Override
        public void run(ComponentContext ctx) {
        }
    }

    @Test
    void aThrowingConstructorFailsTheStartNamingTheComponent() {
        assertThatThrownBy(() -> Harness.start(HarnessSpec.builder().component("licensed", ThrowingConstructor.class).build()))
                .hasMessageContaining("component 'licensed' could not be created: the constructor of")
                .hasMessageContaining("no license key");
    }
}
