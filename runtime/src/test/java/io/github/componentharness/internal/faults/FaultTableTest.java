package io.github.componentharness.internal.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.componentharness.Fault;
import io.github.componentharness.HarnessException;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.fixtures.Idle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a fault's names become links, how kinds add up and heal, and what it says when a name is wrong. */
class FaultTableTest {

    private final FaultTable table = new FaultTable(HarnessSpec.builder()
            .component("broker", Idle.class, c -> c.ports("frontend", "backend"))
            .component("worker", Idle.class, c -> c.replicas(2).ports("metrics").dependsOn("broker"))
            .component("sink", Idle.class, c -> c.ports("in"))
            .build());

    @Test
    void aComponentNamesEveryReplicaAndEveryPort() {
        assertThat(table.apply(Fault.partition("worker", "broker"))).containsExactly(
                new Link("worker-1", "broker", "frontend"), new Link("worker-1", "broker", "backend"),
                new Link("worker-2", "broker", "frontend"), new Link("worker-2", "broker", "backend"));
        assertThat(table.apply(Fault.partition("broker", "worker.metrics"))).containsExactly(
                new Link("broker", "worker-1", "metrics"), new Link("broker", "worker-2", "metrics"));
    }

    @Test
    void anInstanceIsNeverItsOwnPeer() {
        assertThat(table.apply(Fault.partition("worker-1", "worker"))).containsExactly(new Link("worker-1", "worker-2", "metrics"));
        assertThatThrownBy(() -> table.apply(Fault.partition("worker-1", "worker-1"))).isInstanceOf(HarnessException.class)
                .hasMessageContaining("names no link");
    }

    @Test
    void aQuorumSplitsWithAPartitionEachWay() {
        FaultTable quorum = new FaultTable(HarnessSpec.builder()
                .component("node", Idle.class, c -> c.replicas(3).ports("peer"))
                .build());
        // As the Testing failures page's recipe: node-1 cut off from the others, both ways.
        quorum.apply(Fault.partition("node-1", "node"));
        quorum.apply(Fault.partition("node", "node-1"));
        assertThat(quorum.inForce()).containsExactly(
                Fault.partition("node-1", "node-2.peer"), Fault.partition("node-1", "node-3.peer"),
                Fault.partition("node-2", "node-1.peer"), Fault.partition("node-3", "node-1.peer"));
        assertThat(quorum.state(new Link("node-2", "node-3", "peer")).clear()).as("the majority still talks").isTrue();
        quorum.apply(Fault.heal("node-1", "node"));
        quorum.apply(Fault.heal("node", "node-1"));
        assertThat(quorum.inForce()).isEmpty();
    }

    @Test
    void kindsAddUpPerDirectionAndHealClearsThemAll() {
        table.apply(Fault.delay("worker-1", "broker.backend", Duration.ofMillis(200), Duration.ofMillis(50)));
        table.apply(Fault.bandwidth("worker-1", "broker.backend", 1000, Fault.Direction.DOWNSTREAM));
        table.apply(Fault.delay("worker-1", "broker.backend", Duration.ofMillis(10), Duration.ZERO, Fault.Direction.UPSTREAM));

        assertThat(table.inForce()).containsExactly(
                Fault.delay("worker-1", "broker.backend", Duration.ofMillis(10), Duration.ZERO, Fault.Direction.UPSTREAM),
                Fault.delay("worker-1", "broker.backend", Duration.ofMillis(200), Duration.ofMillis(50), Fault.Direction.DOWNSTREAM),
                Fault.bandwidth("worker-1", "broker.backend", 1000, Fault.Direction.DOWNSTREAM));

        table.apply(Fault.heal("worker-1", "broker"));
        assertThat(table.inForce()).isEmpty();
    }

    @Test
    void healingAnInstanceSparesTheOthers() {
        table.apply(Fault.partition("worker", "broker.backend"));
        table.apply(Fault.heal("worker-2"));
        assertThat(table.inForce()).containsExactly(Fault.partition("worker-1", "broker.backend"));
        table.apply(Fault.healAll());
        assertThat(table.inForce()).isEmpty();
    }

    @Test
    void listenersHearOfEveryChangeWithItsLinks() {
        List<String> heard = new ArrayList<>();
        table.listen((fault, links) -> heard.add(fault + " " + links));
        table.apply(Fault.blackhole("sink", "broker.frontend"));
        table.apply(Fault.healAll());
        assertThat(heard).containsExactly("blackhole sink -> broker.frontend [sink -> broker.frontend]",
                "heal everything [sink -> broker.frontend]");
    }

    @Test
    void wrongNamesAreErrorsThatChangeNothing() {
        table.apply(Fault.partition("sink", "broker"));
        assertThatThrownBy(() -> table.apply(Fault.partition("sinc", "broker"))).isInstanceOf(HarnessException.class)
                .hasMessage("unknown instance or component 'sinc' as 'from' of a fault (known: broker, worker, sink, "
                        + "worker-1, worker-2)");
        assertThatThrownBy(() -> table.apply(Fault.partition("sink", "brokr.backend"))).isInstanceOf(HarnessException.class)
                .hasMessageContaining("unknown instance or component 'brokr' as 'to'");
        assertThatThrownBy(() -> table.apply(Fault.partition("sink", "broker.nope"))).isInstanceOf(HarnessException.class)
                .hasMessage("'broker' has no port 'nope' (declared: frontend, backend)");
        assertThatThrownBy(() -> table.apply(Fault.heal("worker-3"))).isInstanceOf(HarnessException.class)
                .hasMessageContaining("'worker-3'");
        assertThat(table.inForce()).containsExactly(Fault.partition("sink", "broker.backend"), Fault.partition("sink", "broker.frontend"));
    }

    @Test
    void badValuesAreRefusedBeforeAnyTable() {
        assertThatThrownBy(() -> Fault.delay("a", "b", Duration.ofMillis(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> Fault.bandwidth("a", "b", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("above 0");
        assertThatThrownBy(() -> new Fault(Fault.Kind.PARTITION, "a", null, null, null, 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs both 'from'");
    }
}
