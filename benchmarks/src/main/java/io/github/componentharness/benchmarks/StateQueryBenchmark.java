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
import org.openjdk.jmh.annotations.Warmup;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * One state query, three ways, in the same run: through the control port ({@code get}), as a
 * bare jeromq REQ/REP round trip of a message of the same size (the floor for any ZeroMQ
 * protocol), and as a JMX attribute read over RMI on loopback (what spring-boot:start uses).
 * Target: control port p50 at most 1.5x the bare round trip. One client thread: this measures
 * latency; {@link StateQueryThroughputBenchmark} measures throughput with concurrent clients.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StateQueryBenchmark {

    private static final byte[] REQUEST = ("{\"op\":\"get\",\"id\":1,\"token\":\"0123456789abcdef0123456789abcdef\","
            + "\"component\":\"gauge\",\"key\":\"depth\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private LocalHarness harness;
    private JmxGaugeServer jmx;
    private ControlPort port;
    private Harness client;

    private ZContext zmq;
    private ZMQ.Socket req;
    private BareEchoServer bare;


    @Setup
    public void start() throws Exception {
        harness = Harness.start(HarnessSpec.builder().component("gauge", Gauge.class).build());
        port = ControlPort.serve(harness);
        client = Harness.connect(port.endpoint(), port.token());

        bare = new BareEchoServer(SocketType.REP);
        zmq = new ZContext();
        req = zmq.createSocket(SocketType.REQ);
        req.setLinger(0);
        req.connect(bare.endpoint());

        Gauge gauge = harness.component("gauge", Gauge.class);
        jmx = new JmxGaugeServer("Gauge", gauge.depth::get);
    }

    @Benchmark
    public Object controlPortGet() {
        return client.state("gauge", "depth");
    }

    @Benchmark
    public byte[] bareReqRep() {
        req.send(REQUEST);
        return req.recv();
    }

    @Benchmark
    public Object jmxOverRmi() throws Exception {
        return jmx.read();
    }

    @TearDown
    public void stop() throws Exception {
        jmx.close();
        zmq.close();
        bare.close();
        client.close();
        port.close();
        harness.close();
    }
}
