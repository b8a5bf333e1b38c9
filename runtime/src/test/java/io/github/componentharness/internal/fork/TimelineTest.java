package io.github.componentharness.internal.fork;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.componentharness.HarnessSpec;
import io.github.componentharness.Status;
import io.github.componentharness.fixtures.Idle;
import io.github.componentharness.internal.local.ThreadHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void everyStatusChangeIsRecordedAndARestartIsMarked() {
        ThreadHarness engine = new ThreadHarness(HarnessSpec.builder().component("a", Idle.class).component("b", Idle.class).build(),
                TimelineTest.class.getClassLoader());
        ThreadHost host = new ThreadHost(engine);
        Timeline timeline = new Timeline(System.nanoTime());
        timeline.record(host);
        try {
            host.startAll();
            host.harness().restart("a");
        } finally {
            host.close();
            timeline.stop(host::statusAtHand);
        }
        List<Status> a = timeline.events().stream().filter(e -> e.instance().equals("a")).map(Timeline.Event::status).toList();
        assertThat(a).containsSubsequence(Status.RUNNING, Status.STOPPED, Status.STARTING, Status.RUNNING, Status.STOPPED);
        String svg = timeline.svg("a run");
        assertThat(svg).startsWith("<svg").contains(">a run</text>", ">a</text>", ">b</text>", ">restart</text>")
                .endsWith("</svg>\n");
    }

    @Test
    void faultsAreMarkedOnTheRowsOfTheirInstances() {
        ThreadHarness engine = new ThreadHarness(HarnessSpec.builder().faults(true).component("a", Idle.class)
                .component("b", Idle.class, c -> c.ports("tcp")).build(), TimelineTest.class.getClassLoader());
        ThreadHost host = new ThreadHost(engine);
        Timeline timeline = new Timeline(System.nanoTime());
        timeline.record(host);
        host.faultTable().orElseThrow().listen((fault, links) -> timeline.fault(fault,
                links.stream().map(io.github.componentharness.internal.faults.Link::from).toList()));
        try {
            host.startAll();
            host.harness().partition("a", "b");
            host.harness().heal();
        } finally {
            host.close();
            timeline.stop(host::statusAtHand);
        }
        assertThat(timeline.faultMarks()).extracting(Timeline.FaultMark::instance, Timeline.FaultMark::label)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "partition"), org.assertj.core.groups.Tuple.tuple("a", "heal"));
        assertThat(timeline.svg("faults")).contains("<title>partition a -&gt; b at ", ">partition</text>",
                "network faults: purple marks");
    }
}
