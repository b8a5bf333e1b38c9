package io.github.componentharness.benchmarks;

import io.github.componentharness.internal.local.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The plugin's added wall time in a whole {@code mvn verify} of the quickstart project: the build
 * with the harness against the same build with {@code -Dharness.skip}, where the IT fails at once
 * for want of a harness (and the failure is ignored). Each build's IT time, as failsafe reports
 * it, is taken out of its wall time, so what remains differs only by the harness goals.
 */
final class VerifyOverhead {

    private static final Pattern IT_TIME = Pattern.compile("Time elapsed: ([0-9.]+) s.*-- in com\\.example\\.pipeline\\.PipelineIT");

    private final Path root;
    private final Path work;
    private final Consumer<String> log;

    VerifyOverhead(Path root, Path work, Consumer<String> log) {
        this.root = root;
        this.work = work;
        this.log = log;
    }

    record Result(Stats withHarness, Stats withoutHarness, Stats overhead) {
    }

    Result measure(int rounds) throws IOException, InterruptedException {
        Path itRepo = root.resolve("plugin/target/it-repo");
        if (!Files.isDirectory(itRepo.resolve("io/github/componentharness/harness-maven-plugin"))) {
            throw new IllegalStateException("no plugin in " + itRepo + ": run ./mvnw -B verify (or the README's main job) first");
        }
        Path project = work.resolve("quickstart");
        copyProject(root.resolve("it-projects/quickstart"), project);
        // A snapshot once in the local repository is not looked up again the same day: the
        // builds must resolve the plugin and runtime just built, not those of an earlier run.
        FileTrees.deleteIfExists(work.resolve("repo").resolve("io/github/componentharness"));
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, "<settings><profiles><profile><id>it</id><activation><activeByDefault>true</activeByDefault>"
                + "</activation><repositories><repository><id>it</id><url>" + itRepo.toUri() + "</url><snapshots><enabled>true"
                + "</enabled></snapshots></repository></repositories><pluginRepositories><pluginRepository><id>it</id><url>"
                + itRepo.toUri() + "</url><snapshots><enabled>true</enabled></snapshots></pluginRepository>"
                + "</pluginRepositories></profile></profiles></settings>");
        List<String> maven = List.of(root.resolve("mvnw").toString(), "-B", "-c", "-s", settings.toString(),
                "-Dmaven.repo.local=" + work.resolve("repo"), "-f", project.resolve("pom.xml").toString());
        log.accept("mvn verify of the quickstart, warm-up ...");
        build(maven, List.of("verify"), project, "warmup");
        List<Double> with = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        List<Double> overhead = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            double a = build(maven, List.of("verify"), project, "with-" + round);
            double b = build(maven, List.of("verify", "-Dharness.skip=true", "-Dmaven.test.failure.ignore=true"), project,
                    "without-" + round);
            with.add(a);
            without.add(b);
            overhead.add(a - b);
            log.accept(String.format("mvn verify: %.2f s with the harness, %.2f s without (ITs' own time taken out)", a, b));
        }
        return new Result(Stats.of(with), Stats.of(without), Stats.of(overhead));
    }

    /** Runs one build and returns its wall time less its IT's time, in seconds. */
    private double build(List<String> maven, List<String> args, Path project, String name)
            throws IOException, InterruptedException {
        FileTrees.deleteIfExists(project.resolve("target/harness"));
        Path out = work.resolve("build-" + name + ".log");
        List<String> command = new ArrayList<>(maven);
        command.addAll(args);
        long begin = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("the quickstart build failed; see " + out);
        }
        double wall = (System.nanoTime() - begin) / 1e9;
        Matcher m = IT_TIME.matcher(Files.readString(out));
        if (!m.find()) {
            throw new IllegalStateException("no IT time in " + out);
        }
        return wall - Double.parseDouble(m.group(1));
    }

    private void copyProject(Path from, Path to) throws IOException {
        FileTrees.deleteIfExists(to);
        String pom = Files.readString(root.resolve("pom.xml"));
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (f.getFileName().toString().equals("pom.xml")) {
                    Files.writeString(target, Files.readString(f)
                            .replace("@project.version@", property(pom, "version"))
                            .replace("@jeromq.version@", property(pom, "jeromq.version"))
                            .replace("@junit.version@", property(pom, "junit.version")));
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
        if (!m.find()) {
            throw new IllegalStateException("no <" + name + "> in the root pom.xml");
        }
        return m.group(1);
    }
}
