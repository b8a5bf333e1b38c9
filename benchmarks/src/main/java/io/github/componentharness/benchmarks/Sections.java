package io.github.componentharness.benchmarks;

import io.github.componentharness.Harness;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.Isolation;
import io.github.componentharness.LocalHarness;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** The measurements of {@code benchmarks/run}, each side by side with its baseline. */
final class Sections {

    /** How long each part runs: the quick run in CI, the full run for the published figures. */
    record Budget(boolean quick, int seedProcessSetups, int readyRounds, int jmhWarmups, int jmhIterations, int jmhSeconds,
            int verifyRounds) {

        static Budget of(boolean quick) {
            // JMH warm-up: the control port's path (parse, route, a read on a worker, reply) needs
            // about ten seconds of JIT work before its rate settles.
            return quick ? new Budget(true, 10, 2, 3, 3, 1, 1) : new Budget(false, 500, 5, 5, 5, 2, 5);
        }
    }

    private final Budget budget;
    private final Path work;
    private final Consumer<String> log;
    final Map<String, Object> headline = new LinkedHashMap<>();
    final List<Figure> figures = new ArrayList<>();
    /** Time to ready and peak memory, by mode and component count, for the chart. */
    final Map<String, Map<Integer, Stats>> scaling = new LinkedHashMap<>();

    Sections(Budget budget, Path work, Consumer<String> log) {
        this.budget = budget;
        this.work = work;
        this.log = log;
    }

    /**
     * The article's experiment: a fresh one-component system per test, 500 times, as threads of
     * this JVM, and as a JVM each (forked and stopped as the plugin does it).
     */
    void seed500() throws IOException, InterruptedException {
        HarnessSpec spec = HarnessJvm.trivial(1, HarnessSpec.Mode.THREADS);
        for (int i = 0; i < 50; i++) {
            Harness.start(spec).close();
        }
        List<Double> threads = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            long begin = System.nanoTime();
            try (LocalHarness h = Harness.start(spec)) {
                h.status();
            }
            threads.add((System.nanoTime() - begin) / 1e6);
        }
        List<Double> processes = new ArrayList<>();
        for (int i = 0; i < budget.seedProcessSetups(); i++) {
            long begin = System.nanoTime();
            try (HarnessJvm jvm = HarnessJvm.launch(spec, work.resolve("seed"))) {
                jvm.awaitReady();
                jvm.stop();
            }
            processes.add((System.nanoTime() - begin) / 1e6);
        }
        double threadsTotal = threads.stream().mapToDouble(Double::doubleValue).sum() / 1000;
        double processesTotal = processes.stream().mapToDouble(Double::doubleValue).sum() / 1000 * 500 / processes.size();
        headline.put("seed500_threads_s", Stats.round(threadsTotal));
        headline.put("seed500_processes_s", Stats.round(processesTotal));
        figures.add(new Figure("seed500", "500 fresh setups, 1 component", "500 fresh one-component setups: one per test"
                + (processes.size() < 500 ? " (processes: " + processes.size() + " measured, scaled to 500)" : ""),
                "ms per setup", Stats.of(threads), "a JVM per setup", Stats.of(processes), false, 100, Double.NaN,
                "100x or more"));
        log.accept(String.format("seed500: threads %.2f s, processes %.1f s for 500 setups", threadsTotal, processesTotal));
    }

    /** Time to ready, peak memory and teardown of 1, 10 and 30 components, threads vs processes. */
    void readyAndMemory() throws IOException, InterruptedException {
        for (int n : new int[] {1, 10, 30}) {
            Map<HarnessSpec.Mode, List<Double>> ready = new LinkedHashMap<>();
            Map<HarnessSpec.Mode, List<Double>> rss = new LinkedHashMap<>();
            Map<HarnessSpec.Mode, List<Double>> teardown = new LinkedHashMap<>();
            for (int round = 0; round < budget.readyRounds(); round++) {
                for (HarnessSpec.Mode mode : HarnessSpec.Mode.values()) {
                    try (HarnessJvm jvm = HarnessJvm.launch(HarnessJvm.trivial(n, mode), work.resolve("ready-" + mode.configName()))) {
                        ready.computeIfAbsent(mode, m -> new ArrayList<>()).add(jvm.awaitReady());
                        rss.computeIfAbsent(mode, m -> new ArrayList<>()).add(jvm.peakRssMib());
                        teardown.computeIfAbsent(mode, m -> new ArrayList<>()).add(jvm.stop());
                    }
                }
            }
            Stats threadsReady = Stats.of(ready.get(HarnessSpec.Mode.THREADS));
            Stats processesReady = Stats.of(ready.get(HarnessSpec.Mode.PROCESSES));
            Stats threadsRss = Stats.of(rss.get(HarnessSpec.Mode.THREADS));
            Stats processesRss = Stats.of(rss.get(HarnessSpec.Mode.PROCESSES));
            scaling.computeIfAbsent("ready_threads_ms", k -> new LinkedHashMap<>()).put(n, threadsReady);
            scaling.computeIfAbsent("ready_processes_ms", k -> new LinkedHashMap<>()).put(n, processesReady);
            scaling.computeIfAbsent("rss_threads_mib", k -> new LinkedHashMap<>()).put(n, threadsRss);
            scaling.computeIfAbsent("rss_processes_mib", k -> new LinkedHashMap<>()).put(n, processesRss);
            boolean target = n == 30;
            figures.add(new Figure("ready" + n, "Time to ready, " + n + " (threads vs processes)", "Time to ready, " + n + (n == 1 ? " component" : " components")
                    + ", JVM start included", "ms", threadsReady, "process mode", processesReady, false,
                    target ? 10 : Double.NaN, Double.NaN, target ? "10x or more" : "none"));
            figures.add(new Figure("rss" + n, "Peak memory, " + n + " (threads vs processes)", "Peak memory (RSS of every JVM), " + n + (n == 1 ? " component" : " components"),
                    "MiB", threadsRss, "process mode", processesRss, false, target ? 8 : Double.NaN, Double.NaN,
                    target ? "8x or more" : "none"));
            if (target) {
                headline.put("ready30_threads_ms", Stats.round(threadsReady.median()));
                headline.put("ready30_processes_ms", Stats.round(processesReady.median()));
                headline.put("rss30_threads_mib", Stats.round(threadsRss.median()));
                headline.put("rss30_processes_mib", Stats.round(processesRss.median()));
                Stats threadsTeardown = Stats.of(teardown.get(HarnessSpec.Mode.THREADS));
                headline.put("teardown30_ms", Stats.round(threadsTeardown.median()));
                figures.add(new Figure("teardown30", "Teardown, 30 (threads vs processes)", "Teardown of 30 components: shutdown op to every JVM gone", "ms",
                        threadsTeardown, "process mode", Stats.of(teardown.get(HarnessSpec.Mode.PROCESSES)), false,
                        Double.NaN, 300, "under 300 ms"));
            }
            log.accept(String.format("%d components: ready %s vs %s ms, peak RSS %s vs %s MiB", n, threadsReady.format(),
                    processesReady.format(), threadsRss.format(), processesRss.format()));
        }
    }

    /**
     * What a class loader per instance costs: time to ready and peak memory of 1, 10 and 30
     * ZeroMQ servers in thread mode, isolated (each loads jeromq again) vs sharing their classes.
     */
    void isolation() throws IOException, InterruptedException {
        for (int n : new int[] {1, 10, 30}) {
            Map<Isolation, List<Double>> ready = new LinkedHashMap<>();
            Map<Isolation, List<Double>> rss = new LinkedHashMap<>();
            for (int round = 0; round < budget.readyRounds(); round++) {
                for (Isolation isolation : Isolation.values()) {
                    try (HarnessJvm jvm = HarnessJvm.launch(HarnessJvm.zmqServers(n, isolation),
                            work.resolve("isolation-" + isolation.configName()))) {
                        ready.computeIfAbsent(isolation, i -> new ArrayList<>()).add(jvm.awaitReady());
                        rss.computeIfAbsent(isolation, i -> new ArrayList<>()).add(jvm.peakRssMib());
                        jvm.stop();
                    }
                }
            }
            Stats isolatedReady = Stats.of(ready.get(Isolation.INSTANCE));
            Stats sharedReady = Stats.of(ready.get(Isolation.SHARED));
            Stats isolatedRss = Stats.of(rss.get(Isolation.INSTANCE));
            Stats sharedRss = Stats.of(rss.get(Isolation.SHARED));
            figures.add(new Figure("isolation_ready" + n, "Ready, " + n + " ZeroMQ servers: isolated vs shared",
                    "Time to ready, " + n + " ZeroMQ server" + (n == 1 ? "" : "s") + " in threads, a class loader each, JVM start included",
                    "ms", isolatedReady, "the same sharing their classes", sharedReady, false, Double.NaN, Double.NaN, "none (the cost)"));
            figures.add(new Figure("isolation_rss" + n, "Peak memory, " + n + " ZeroMQ servers: isolated vs shared",
                    "Peak memory (RSS), " + n + " ZeroMQ server" + (n == 1 ? "" : "s") + " in threads, a class loader each",
                    "MiB", isolatedRss, "the same sharing their classes", sharedRss, false, Double.NaN, Double.NaN, "none (the cost)"));
            if (n == 30) {
                headline.put("ready30_isolated_ms", Stats.round(isolatedReady.median()));
                headline.put("ready30_shared_ms", Stats.round(sharedReady.median()));
                headline.put("rss30_isolated_mib", Stats.round(isolatedRss.median()));
                headline.put("rss30_shared_mib", Stats.round(sharedRss.median()));
            }
            log.accept(String.format("isolation, %d ZeroMQ servers: ready %s vs %s ms shared, peak RSS %s vs %s MiB shared", n,
                    isolatedReady.format(), sharedReady.format(), isolatedRss.format(), sharedRss.format()));
        }
    }

    /** The JMH benchmarks, run here with the run's budget. */
    void jmh() throws RunnerException {
        Map<String, RunResult> cycle = runJmh(StartStopBenchmark.class);
        Stats ours = iterationScores(cycle.get("cycle"));
        headline.put("cycle30_ms", Stats.round(ours.median()));
        figures.add(new Figure("cycle30", "Start+stop 30 in-process vs bare threads", "30 trivial components: start+stop cycle in-process", "ms", ours,
                "30 bare threads started and joined", iterationScores(cycle.get("bareThreads")), false, Double.NaN, 10,
                "10 ms or less"));
        log.accept("cycle30: " + ours.format() + " ms");

        Map<String, RunResult> latency = runJmh(StateQueryBenchmark.class);
        Stats query = iterationPercentiles(latency.get("controlPortGet"), 50);
        Stats bare = iterationPercentiles(latency.get("bareReqRep"), 50);
        Stats jmx = iterationPercentiles(latency.get("jmxOverRmi"), 50);
        headline.put("query_p50_us", Stats.round(query.median()));
        headline.put("raw_zmq_p50_us", Stats.round(bare.median()));
        headline.put("jmx_p50_us", Stats.round(jmx.median()));
        headline.put("query_p99_us", Stats.round(latency.get("controlPortGet").getPrimaryResult().getStatistics().getPercentile(99)));
        headline.put("raw_zmq_p99_us", Stats.round(latency.get("bareReqRep").getPrimaryResult().getStatistics().getPercentile(99)));
        headline.put("jmx_p99_us", Stats.round(latency.get("jmxOverRmi").getPrimaryResult().getStatistics().getPercentile(99)));
        figures.add(new Figure("query_p50", "Query p50 vs bare REQ/REP", "State query p50: control port get vs a bare jeromq REQ/REP round trip", "µs", query,
                "bare REQ/REP", bare, false, 1 / 1.5, Double.NaN, "p50 at most 1.5x bare (ratio 0.67 or more)"));
        figures.add(new Figure("query_p50_jmx", "Query p50 vs JMX over RMI", "State query p50: control port get vs a JMX attribute read over RMI", "µs",
                query, "JMX over RMI", jmx, false, Double.NaN, Double.NaN, "none"));
        log.accept("query p50: " + query.format() + " µs; bare " + bare.format() + "; JMX " + jmx.format());

        Map<String, RunResult> throughput = runJmh(StateQueryThroughputBenchmark.class);
        Stats rps = iterationScores(throughput.get("controlPortGet"));
        Stats jmxRps = iterationScores(throughput.get("jmxOverRmi"));
        Stats bareRps = iterationScores(throughput.get("bareReqRep"));
        headline.put("query_rps", Stats.round(rps.median()));
        headline.put("jmx_rps", Stats.round(jmxRps.median()));
        headline.put("raw_zmq_rps", Stats.round(bareRps.median()));
        headline.put("query_rps_vs_bare", Stats.round(rps.median() / bareRps.median()));
        figures.add(new Figure("query_rps_vs_bare", "Queries/s, 4 clients, vs bare jeromq",
                "State queries per second, 4 clients: control port vs bare jeromq REQ/REP with the same clients", "1/s", rps,
                "bare REQ/REP", bareRps, true, 0.8, Double.NaN, "0.8x bare or more"));
        figures.add(new Figure("query_rps", "Queries/s, 4 clients, vs JMX", "State queries per second, 4 clients: control port vs JMX over RMI", "1/s", rps,
                "JMX over RMI", jmxRps, true, Double.NaN, Double.NaN, "none (context: RMI's thread per connection)"));
        figures.add(new Figure("raw_zmq_rps", "Bare jeromq REQ/REP/s, 4 clients, vs JMX",
                "Bare jeromq REQ/REP round trips per second, 4 clients, one answering thread: the ceiling for any "
                        + "ZeroMQ control port, vs JMX over RMI", "1/s", bareRps, "JMX over RMI", jmxRps, true, Double.NaN,
                Double.NaN, "none"));
        log.accept("throughput: " + rps.format() + "/s; bare jeromq " + bareRps.format() + "/s; JMX " + jmxRps.format() + "/s");
    }

    /** A link's proxy without faults against a direct connection: round-trip p50 and bulk throughput. */
    void links() throws RunnerException {
        Map<String, RunResult> links = runJmh(LinkProxyBenchmark.class);
        Stats proxy = iterationPercentiles(links.get("proxyRoundTrip"), 50);
        Stats direct = iterationPercentiles(links.get("directRoundTrip"), 50);
        Stats proxyMbps = megabytesPerSecond(iterationScores(links.get("proxyBulk")));
        Stats directMbps = megabytesPerSecond(iterationScores(links.get("directBulk")));
        headline.put("proxy_p50_us", Stats.round(proxy.median()));
        headline.put("direct_p50_us", Stats.round(direct.median()));
        headline.put("proxy_mbps", Stats.round(proxyMbps.median()));
        headline.put("direct_mbps", Stats.round(directMbps.median()));
        // The target allows 1.2x direct plus 30 µs: as a ratio, direct over that bound's share.
        double allowed = 1.2 * direct.median() + 30;
        figures.add(new Figure("proxy_p50", "Round trip through a link's proxy vs direct",
                "64-byte round trip p50 through a link's proxy (faults on, none set) vs a direct loopback connection", "µs",
                proxy, "direct connection", direct, false, direct.median() / allowed, Double.NaN, "at most 1.2x direct + 30 µs"));
        figures.add(new Figure("proxy_mbps", "Bulk transfer through a link's proxy vs direct",
                "Bulk transfer (4 MiB per acknowledgement) through a link's proxy vs a direct loopback connection", "MB/s",
                proxyMbps, "direct connection", directMbps, true, 0.8, Double.NaN, "0.8x direct or more"));
        log.accept("links: round trip p50 " + proxy.format() + " µs via proxy, " + direct.format() + " µs direct; bulk "
                + proxyMbps.format() + " MB/s via proxy, " + directMbps.format() + " MB/s direct");
    }

    /** Milliseconds per {@link LinkProxyBenchmark#BULK_BYTES} transfer, as megabytes (10^6 bytes) per second. */
    private static Stats megabytesPerSecond(Stats millisPerTransfer) {
        return millisPerTransfer.map(ms -> LinkProxyBenchmark.BULK_BYTES / 1e6 / (ms / 1000));
    }

    /** From a condition becoming true to the IT's await returning: published value, field, JMX polled every 100 ms. */
    void awaitLag() throws Exception {
        int rounds = budget.quick() ? 20 : 100;
        try (AwaitLag lag = new AwaitLag()) {
            // Warm-up: the first rounds measure the JIT, not the harness.
            lag.controlPort(true, 30);
            lag.controlPort(false, 10);
            Stats published = Stats.of(lag.controlPort(true, rounds));
            Stats field = Stats.of(lag.controlPort(false, rounds));
            Stats polled = Stats.of(lag.jmxPolling(rounds));
            headline.put("await_lag_published_ms", Stats.round(published.median()));
            headline.put("await_lag_field_ms", Stats.round(field.median()));
            headline.put("await_lag_jmx_poll_ms", Stats.round(polled.median()));
            figures.add(new Figure("await_lag_published", "Await lag, published value, vs JMX polling",
                    "From a published value meeting the condition to the IT's await returning (p50)", "ms", published,
                    "JMX read every 100 ms", polled, false, 10, 1, "p50 at most 1 ms, 10x below polling"));
            figures.add(new Figure("await_lag_field", "Await lag, plain field, vs JMX polling",
                    "From a plain field meeting the condition to the IT's await returning (p50)", "ms", field,
                    "JMX read every 100 ms", polled, false, 10, 10, "p50 at most 10 ms, 10x below polling"));
            log.accept("await lag: published " + published.format() + " ms, field " + field.format() + " ms, JMX polling "
                    + polled.format() + " ms");
        }
    }

    private Map<String, RunResult> runJmh(Class<?> benchmark) throws RunnerException {
        log.accept("JMH " + benchmark.getSimpleName() + " ...");
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(benchmark.getName() + "\\.")
                .warmupIterations(budget.jmhWarmups()).warmupTime(TimeValue.seconds(budget.jmhSeconds()))
                .measurementIterations(budget.jmhIterations()).measurementTime(TimeValue.seconds(budget.jmhSeconds()))
                .forks(1)
                .verbosity(VerboseMode.SILENT)
                .build()).run();
        Map<String, RunResult> byMethod = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            byMethod.put(name.substring(name.lastIndexOf('.') + 1), r);
        }
        return byMethod;
    }

    private static Stats iterationScores(RunResult result) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult b : result.getBenchmarkResults()) {
            for (IterationResult i : b.getIterationResults()) {
                scores.add(i.getPrimaryResult().getScore());
            }
        }
        return Stats.of(scores);
    }

    private static Stats iterationPercentiles(RunResult result, double percentile) {
        List<Double> values = new ArrayList<>();
        for (BenchmarkResult b : result.getBenchmarkResults()) {
            for (IterationResult i : b.getIterationResults()) {
                values.add(i.getPrimaryResult().getStatistics().getPercentile(percentile));
            }
        }
        return Stats.of(values);
    }
}
