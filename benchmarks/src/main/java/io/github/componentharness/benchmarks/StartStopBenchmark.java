package io.github.componentharness.benchmarks;

import com.example.bench.TrivialComponent;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One start+stop cycle of N trivial components in-process, each on its own thread with its own
 * port, as {@code Harness.start(spec)} then {@code close()} do in a unit test. Target at 30
 * components: 10 ms or less per cycle. {@link #bareThreads} is the floor measured in the same
 * run: starting and joining N plain threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StartStopBenchmark {

    @Param("30")
    public int components;

    private HarnessSpec spec;

    @Setup
    public void declare() {
        HarnessSpec.Builder b = HarnessSpec.builder();
        for (int i = 0; i < components; i++) {
            b.component("c" + i, TrivialComponent.class, c -> c.ports("rpc"));
        }
        spec = b.build();
    }

    @Benchmark
    public LocalHarness cycle() {
        LocalHarness h = Harness.start(spec);
        h.close();
        return h;
    }

    @Benchmark
    public int bareThreads() throws InterruptedException {
        Thread[] threads = new Thread[components];
        for (int i = 0; i < components; i++) {
            threads[i] = new Thread(() -> { }, "bare-" + i);
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return threads.length;
    }
}
