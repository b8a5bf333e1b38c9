package io.github.componentharness.benchmarks;

import io.github.componentharness.ControlPort;
import io.github.componentharness.Harness;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.LocalHarness;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * State queries per second with 4 concurrent clients, as parallel ITs would make them: through
 * the control port (one client per thread) and as JMX attribute reads over RMI (one connection,
 * as spring-boot:start's clients share). Target: the control port at least 1.5x JMX.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(4)
@Fork(1)
public class StateQueryThroughputBenchmark {

    /** The servers, shared by all client threads. */
    @State(Scope.Benchmark)
    public static class Servers {
        LocalHarness harness;
        JmxGaugeServer jmx;
        ControlPort port;

        @Setup
        public void start() throws Exception {
            harness = Harness.start(HarnessSpec.builder().component("gauge", Gauge.class).build());
            port = ControlPort.serve(harness);
            Gauge gauge = harness.component("gauge", Gauge.class);
            jmx = new JmxGaugeServer("GaugeThroughput", gauge.depth::get);
        }

        @TearDown
        public void stop() throws Exception {
            jmx.close();
            port.close();
            harness.close();
        }
    }

    /** One control port client per benchmark thread: a client serialises its own calls. */
    @State(Scope.Thread)
    public static class Client {
        Harness harness;

        @Setup
        public void connect(Servers servers) {
            harness = Harness.connect(servers.port.endpoint(), servers.port.token());
        }

        @TearDown
        public void close() {
            harness.close();
        }
    }

    @Benchmark
    public Object controlPortGet(Client client) {
        return client.harness.state("gauge", "depth");
    }

    @Benchmark
    public Object jmxOverRmi(Servers servers) throws Exception {
        return servers.jmx.read();
    }
}
