package io.github.componentharness.benchmarks;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code benchmarks/run}: every published figure, each side by side with its baseline in the same
 * run, printed as a table and written to {@code results.json}, {@code results.md} and
 * {@code performance.svg}.
 */
public final class BenchmarkRun {

    /** The keys results.json promises its readers (the Performance page, CI's log). */
    static final List<String> REQUIRED_KEYS = List.of("seed500_threads_s", "seed500_processes_s", "cycle30_ms",
            "ready30_threads_ms", "ready30_processes_ms", "rss30_threads_mib", "rss30_processes_mib", "query_p50_us",
            "raw_zmq_p50_us", "jmx_p50_us", "query_rps", "jmx_rps", "verify_overhead_s", "teardown30_ms", "query_rps_vs_bare",
            "await_lag_published_ms", "await_lag_field_ms", "await_lag_jmx_poll_ms", "ready30_isolated_ms",
            "ready30_shared_ms", "rss30_isolated_mib", "rss30_shared_mib", "proxy_p50_us", "direct_p50_us", "proxy_mbps",
            "direct_mbps");

    private BenchmarkRun() {
    }

    public static void main(String[] args) throws Exception {
        OptionParser parser = new OptionParser();
        OptionSpec<Void> quick = parser.accepts("quick", "a short run (under 3 minutes) with fewer rounds, as CI runs it");
        OptionSpec<Path> root = parser.accepts("root", "the project's root directory").withRequiredArg()
                .withValuesConvertedBy(new PathConverter()).required();
        OptionSpec<Path> out = parser.accepts("out", "where the results go").withRequiredArg()
                .withValuesConvertedBy(new PathConverter()).required();
        OptionSpec<Void> publish = parser.accepts("publish",
                "also put the table and the chart into the site's Performance page (src-site)");
        OptionSpec<Void> help = parser.accepts("help").forHelp();
        OptionSet options = parser.parse(args);
        if (options.has(help)) {
            parser.printHelpOn(System.out);
            return;
        }
        run(options.has(quick), options.has(publish), options.valueOf(root).toAbsolutePath(),
                options.valueOf(out).toAbsolutePath());
    }

    private static void run(boolean quick, boolean publish, Path root, Path out) throws Exception {
        long begin = System.nanoTime();
        Files.createDirectories(out);
        Path work = out.resolve("work");
        Sections.Budget budget = Sections.Budget.of(quick);
        Sections sections = new Sections(budget, work, line -> System.out.println("  " + line));
        System.out.println((quick ? "Quick" : "Full") + " benchmark run; results in " + out);
        sections.seed500();
        sections.readyAndMemory();
        sections.isolation();
        sections.jmh();
        sections.links();
        sections.awaitLag();
        VerifyOverhead.Result verify = new VerifyOverhead(root, work.resolve("verify"), line -> System.out.println("  " + line))
                .measure(budget.verifyRounds());
        sections.headline.put("verify_overhead_s", Stats.round(verify.overhead().median()));
        sections.figures.add(new Figure("verify_overhead", "mvn verify: build vs harness goals", "mvn verify of the quickstart: harness start+stop goals added",
                "s", verify.overhead(), "the whole build without the harness", verify.withoutHarness(), false, Double.NaN, 1.0,
                "under 1 s"));

        List<Figure> figures = sections.figures;
        double seconds = (System.nanoTime() - begin) / 1e9;
        String when = Instant.now().toString();
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch");
        List<String> missing = REQUIRED_KEYS.stream().filter(k -> !sections.headline.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("results.json would lack " + missing);
        }
        Map<String, Object> json = new LinkedHashMap<>(sections.headline);
        json.put("run", Map.of("quick", quick, "date", when, "machine", machine, "seconds", Math.round(seconds)));
        Map<String, Object> details = new LinkedHashMap<>();
        figures.forEach(f -> details.put(f.key(), f.toJson()));
        json.put("figures", details);
        Files.writeString(out.resolve("results.json"), JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(json) + "\n");
        String table = table(figures);
        Files.writeString(out.resolve("results.md"), table);
        String chart = Chart.svg(figures, sections.scaling,
                (quick ? "Quick run" : "Full run") + " of benchmarks/run, " + when.substring(0, 10) + ", " + machine);
        Files.writeString(out.resolve("performance.svg"), chart);
        if (publish) {
            publish(root, table, chart, (quick ? "quick" : "full") + " run of " + when.substring(0, 10) + " on " + machine
                    + ", " + Math.round(seconds) + " s");
        }
        System.out.println();
        System.out.print(table);
        System.out.printf("%nDone in %.0f s: %s%n", seconds, out.resolve("results.json"));
    }

    /** Replaces the results between the Performance page's markers, and its chart. */
    private static void publish(Path root, String table, String chart, String run) throws IOException {
        Path page = root.resolve("src-site/markdown/performance.md");
        String text = Files.readString(page);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(page + " lacks the markers " + BEGIN + " and " + END);
        }
        Files.writeString(page, text.substring(0, begin + BEGIN.length()) + "\nFrom the " + run + ":\n\n" + table + "\n"
                + text.substring(end));
        Path images = root.resolve("src-site/resources/images");
        Files.createDirectories(images);
        Files.writeString(images.resolve("performance.svg"), chart);
        System.out.println("Published to " + page + " and " + images.resolve("performance.svg"));
    }

    private static final String BEGIN = "<!-- results: written by benchmarks/run, publish option -->";
    private static final String END = "<!-- end of results -->";

    static String table(List<Figure> figures) {
        StringBuilder t = new StringBuilder();
        t.append("| figure | ours: median (min–max) | baseline: median (min–max) | times better | target | met |\n");
        t.append("|---|---|---|---|---|---|\n");
        for (Figure f : figures) {
            t.append("| ").append(f.title()).append(" | ").append(f.ours().format()).append(' ').append(f.unit())
                    .append(" | ").append(f.baselineName()).append(": ").append(f.baseline().format()).append(' ')
                    .append(f.unit()).append(" | ").append(String.format("%.2fx", f.ratio())).append(" | ").append(f.target())
                    .append(" | ").append(f.target().equals("none") ? "" : f.met() ? "yes" : "**no**").append(" |\n");
        }
        return t.toString();
    }

    /** jopt-simple's converter for paths. */
    private static final class PathConverter implements joptsimple.ValueConverter<Path> {
        @Override
        public Path convert(String value) {
            return Path.of(value);
        }

        @Override
        public Class<? extends Path> valueType() {
            return Path.class;
        }

        @Override
        public String valuePattern() {
            return "dir";
        }
    }
}
