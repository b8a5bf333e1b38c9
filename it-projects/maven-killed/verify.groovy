// Kill Maven (SIGKILL, then SIGINT; then SIGKILL in process mode) while an IT runs: the harness
// JVM, and every component JVM in process mode, must be gone within 3 s.
// Kills only the processes this script started, by pid.
import groovy.json.JsonSlurper
import java.util.concurrent.TimeUnit

def project = new File(basedir, 'blocking')
def settings = new File(basedir, 'nested-settings.xml')
settings.text = """<settings><profiles><profile><id>main</id><activation><activeByDefault>true</activeByDefault></activation>
  <repositories><repository><id>main</id><url>${new File(mainRepo).toURI()}</url></repository></repositories>
  <pluginRepositories><pluginRepository><id>main</id><url>${new File(mainRepo).toURI()}</url></pluginRepository></pluginRepositories>
</profile></profiles></settings>"""
def mvn = new File(mavenHome, 'bin/mvn').absolutePath
def pom = new File(project, 'pom.xml')
pom.text = pom.text.replace('@project.version@', harnessVersion).replace('@junit.version@', junitVersion)

def processRunning = evaluate(new File(itProjects, 'process-running.groovy'))
def running = { ProcessHandle h -> processRunning(h.pid()) }

def waitFor = { long millis, Closure<Boolean> condition ->
    def end = System.currentTimeMillis() + millis
    while (!condition() && System.currentTimeMillis() < end) {
        Thread.sleep(20)
    }
    condition()
}

[['KILL', 'threads'], ['INT', 'threads'], ['KILL', 'processes']].each { signal, mode ->
    def target = new File(project, 'target')
    target.deleteDir()
    def out = new File(basedir, "nested-${signal}-${mode}.log")
    def maven = new ProcessBuilder(mvn, '-B', '-s', settings.absolutePath, "-Dmaven.repo.local=${localRepositoryPath}",
            "-Dharness.mode=${mode}", 'verify')
            .directory(project).redirectErrorStream(true).redirectOutput(out).start()
    try {
        def ready = new File(target, 'harness/default/ready.json')
        assert waitFor(180_000) { !maven.isAlive() || (ready.isFile() && new File(target, 'it-started').isFile()) }
        assert maven.isAlive() : "the nested build ended before its IT ran; see ${out}"
        def harnessPid = new JsonSlurper().parse(ready).pid as long
        def harness = ProcessHandle.of(harnessPid).orElseThrow()
        assert running(harness)
        def jvms = [harness]
        if (mode == 'processes') {
            new File(target, 'harness/default/processes').eachFile { p ->
                jvms << ProcessHandle.of(new JsonSlurper().parse(new File(p, 'ready.json')).pid as long).orElseThrow()
            }
            assert jvms.size() == 2 : "expected the coordinator and one component JVM, found ${jvms}"
        }

        def killedAt = System.nanoTime()
        new ProcessBuilder('kill', "-${signal}", String.valueOf(maven.pid())).inheritIO().start().waitFor()
        def mavenGone = 0L
        assert waitFor(3_000) {
            if (mavenGone == 0 && !maven.isAlive()) {
                mavenGone = System.nanoTime()
            }
            !jvms.any { running(it) }
        } : "${jvms.findAll { running(it) }*.pid()} alive 3 s after SIG${signal} to Maven (harness ${harnessPid}, mode ${mode})"
        def harnessGone = System.nanoTime()
        maven.waitFor(30, TimeUnit.SECONDS)
        println "SIG${signal} (${mode}): ${jvms.size() == 1 ? 'harness' : 'harness and component JVMs'} gone ${(harnessGone - killedAt) / 1_000_000} ms after Maven was signalled" +
                (mavenGone ? " (Maven itself gone after ${(mavenGone - killedAt) / 1_000_000} ms)" : '')
        maven.waitFor(30, TimeUnit.SECONDS)
    } finally {
        new File(target, 'release').text = 'go'
        if (maven.isAlive()) {
            maven.destroyForcibly()
        }
    }
}

// Maven SIGKILLed while the harness is still starting, its component's constructor blocked: the
// harness watches Maven from its first millisecond, cancels the start and is gone within 2 s.
['threads', 'processes'].each { mode ->
    def target = new File(project, 'target')
    target.deleteDir()
    def out = new File(basedir, "nested-start-${mode}.log")
    def maven = new ProcessBuilder(mvn, '-B', '-s', settings.absolutePath, "-Dmaven.repo.local=${localRepositoryPath}",
            "-Dharness.mode=${mode}", '-Decho.class=com.example.Stuck', '-Dharness.startTimeout=300s', 'verify')
            .directory(project).redirectErrorStream(true).redirectOutput(out).start()
    try {
        def harnessLog = new File(target, 'harness/default/harness.log')
        def starting = mode == 'threads' ? 'Harness starting: 1 component' : "process 'echo': Harness starting: 1 component"
        assert waitFor(180_000) { !maven.isAlive() || (harnessLog.isFile() && harnessLog.text.contains(starting)) }
        assert maven.isAlive() : "the nested build ended before its harness started; see ${out}"
        def jvms = maven.descendants().filter { h -> h.info().commandLine().map { it.contains('HarnessMain') }.orElse(false) }.toList()
        assert jvms.size() == (mode == 'threads' ? 1 : 2) : "harness JVMs of the nested build: ${jvms}"
        assert !new File(target, 'harness/default/ready.json').exists()

        def killedAt = System.nanoTime()
        new ProcessBuilder('kill', '-KILL', String.valueOf(maven.pid())).inheritIO().start().waitFor()
        assert waitFor(2_000) { !jvms.any { running(it) } } :
                "${jvms.findAll { running(it) }*.pid()} alive 2 s after SIGKILL to Maven during the start (mode ${mode})"
        println "SIGKILL during the start (${mode}): harness gone ${(System.nanoTime() - killedAt) / 1_000_000} ms after Maven was killed"
        def failed = new JsonSlurper().parse(new File(target, 'harness/default/failed.json'))
        assert failed.kind == 'cancelled'
    } finally {
        if (maven.isAlive()) {
            maven.destroyForcibly()
        }
    }
}

// harness:run keeps the harness until Ctrl-C (SIGINT), printing the endpoint and every port.
def target = new File(project, 'target')
target.deleteDir()
def out = new File(basedir, 'nested-run.log')
def maven = new ProcessBuilder(mvn, '-B', '-s', settings.absolutePath, "-Dmaven.repo.local=${localRepositoryPath}",
        'test-compile', 'harness:run').directory(project).redirectErrorStream(true).redirectOutput(out).start()
try {
    def ready = new File(target, 'harness/default-cli/ready.json')
    assert waitFor(180_000) { !maven.isAlive() || (ready.isFile() && out.text.contains('harness.port.echo.tcp')) }
    assert maven.isAlive() : "harness:run ended by itself; see ${out}"
    assert out.text.contains('Harness running: 1 component; press Ctrl-C to stop')
    assert out.text =~ /harness\.endpoint = tcp:\/\/127\.0\.0\.1:\d+/
    def harness = ProcessHandle.of(new JsonSlurper().parse(ready).pid as long).orElseThrow()
    new ProcessBuilder('kill', '-INT', String.valueOf(maven.pid())).inheritIO().start().waitFor()
    assert waitFor(3_000) { !running(harness) } : 'harness:run left its harness running after Ctrl-C'
    assert maven.waitFor(30, TimeUnit.SECONDS) : 'Maven did not end after Ctrl-C'
} finally {
    if (maven.isAlive()) {
        maven.destroyForcibly()
    }
}
return true
