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
}
