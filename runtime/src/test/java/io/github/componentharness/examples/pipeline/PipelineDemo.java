package io.github.componentharness.examples.pipeline;

import io.github.componentharness.Condition;
import io.github.componentharness.Harness;
import io.github.componentharness.LocalHarness;
import java.time.Duration;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The quickstart, in-process: starts the pipeline as threads of this JVM, pushes work through
 * its real ZeroMQ sockets, looks at state, restarts a worker, and stops everything.
 * Run it with {@code ./mvnw -B -pl runtime test-compile exec:java}.
 */
public final class PipelineDemo {

    private PipelineDemo() {
    }

    public static void main(String[] args) {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long begin = System.nanoTime();
        try (LocalHarness h = Harness.start(Pipeline.spec().build());
                ZContext client = new ZContext()) {
            System.out.printf("Harness ready: %d components in %.1f ms: %s%n", h.status().size(),
                    (System.nanoTime() - begin) / 1e6, h.status());
            ZMQ.Socket push = client.createSocket(SocketType.PUSH);
            push.setLinger(0);
            push.connect("tcp://127.0.0.1:" + h.port("broker", "frontend"));
            for (int i = 0; i < jobs; i++) {
                push.send("job-" + i);
            }
            h.await("sink", "received", Condition.ge(jobs), Duration.ofSeconds(30));
            System.out.printf("sink received %s results, last %s%n", h.state("sink", "received"), h.state("sink", "last"));
            for (String w : new String[] {"worker-1", "worker-2", "worker-3"}) {
                System.out.printf("%s processed %s%n", w, h.state(w, "processed"));
            }
            h.restart("worker-1");
            System.out.println("restarted worker-1: " + h.status("worker-1") + ", processed " + h.state("worker-1", "processed"));
        }
        System.out.printf("stopped cleanly after %.1f ms%n", (System.nanoTime() - begin) / 1e6);
    }
}
