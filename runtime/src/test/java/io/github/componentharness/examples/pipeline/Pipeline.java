package io.github.componentharness.examples.pipeline;

import io.github.componentharness.HarnessSpec;

/** The example system: a broker, three workers and a sink over real ZeroMQ sockets on loopback. */
public final class Pipeline {

    private Pipeline() {
    }

    public static HarnessSpec.Builder spec() {
        return HarnessSpec.builder()
                .component("sink", Sink.class, c -> c.ports("results"))
                .component("broker", Broker.class, c -> c.ports("frontend", "backend"))
                .component("worker", Worker.class, c -> c.replicas(3).dependsOn("broker", "sink"));
    }
}
