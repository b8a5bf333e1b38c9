// The quickstart ran its ITs against a forked harness, in thread mode and then in process mode
// (see invoker.properties), and left nothing behind.
import groovy.json.JsonSlurper
import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermissions

def log = new File(basedir, 'build.log').text
assert log =~ /Harness ready: 5 components in \d+ ms \(threads\), control port tcp:\/\/127\.0\.0\.1:\d+/
assert log =~ /Harness ready: 5 components in \d+ ms \(processes\), control port tcp:\/\/127\.0\.0\.1:\d+/
assert (log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0/).size() >= 2
assert (log =~ /Harness stopped in \d+ ms\. Harness logs:/).size() == 2
// Each run's timeline: every instance's statuses on one time axis, the IT's restart of worker-1 marked.
assert (log =~ /; timeline: .*target\/harness\/default\/timeline\.svg/).size() == 2
def timeline = new File(basedir, 'target/harness/default/timeline.svg').text
['sink', 'broker', 'worker-1', 'worker-2', 'worker-3'].each { assert timeline.contains(">${it}</text>") }
assert timeline.contains('>restart</text>')
assert timeline.contains('worker-1 RUNNING at ')

def dir = new File(basedir, 'target/harness/default')
['harness.log', 'harness.properties', 'spec.json', 'sink.log', 'broker.log', 'worker-1.log'].each {
    assert new File(dir, it).isFile() : "missing ${it}"
}
def props = new Properties()
new File(dir, 'harness.properties').withInputStream { props.load(it) }
assert props.getProperty('harness.token') ==~ /[0-9a-f]{32}/
assert props.getProperty('harness.port.broker.frontend') ==~ /\d+/

def ready = new JsonSlurper().parse(new File(dir, 'ready.json'))
def harness = ProcessHandle.of(ready.pid as long)
assert !harness.isPresent() || !harness.get().isAlive() : "harness JVM ${ready.pid} still running"

// The last run was in process mode: one JVM per component instance, each stopped cleanly.
def processes = ['sink', 'broker', 'worker-1', 'worker-2', 'worker-3']
def harnessLog = new File(dir, 'harness.log').text
processes.each { p ->
    def pstatus = new JsonSlurper().parse(new File(dir, "processes/${p}/ready.json"))
    assert pstatus.pid != ready.pid
    def jvm = ProcessHandle.of(pstatus.pid as long)
    assert !jvm.isPresent() || !jvm.get().isAlive() : "component JVM ${p} (${pstatus.pid}) still running"
    assert harnessLog.contains("process '${p}': Harness stopped in")
}
// Files that hold a token are owner-only, in owner-only folders; in process mode each component
// JVM's spec.json too.
def perms = { File f -> PosixFilePermissions.toString(Files.getPosixFilePermissions(f.toPath())) }
assert perms(new File(dir, 'spec.json')) == 'rw-------'
assert perms(new File(dir, 'harness.properties')) == 'rw-------'
assert perms(dir) == 'rwx------'
assert perms(new File(dir, 'processes')) == 'rwx------'
processes.each { p ->
    assert perms(new File(dir, "processes/${p}/spec.json")) == 'rw-------' : "processes/${p}/spec.json holds a token"
    assert perms(new File(dir, "processes/${p}")) == 'rwx------'
}

// worker-1 was restarted by the IT: a fresh JVM.
assert (harnessLog =~ /Process 'worker-1' \(pid \d+\) ready in/).size() == 2

def stopped = new JsonSlurper().parse(new File(dir, 'stopped.json'))
assert stopped.problems.isEmpty() : stopped.problems
stopped.status.each { name, status -> assert status == 'STOPPED' : "${name} ended ${status}" }

// Every port the harness used is free again, the control port's included.
def ports = ready.ports.collectMany { c, p -> p.values() } + [(ready.endpoint =~ /:(\d+)$/)[0][1] as int]
ports.each { port ->
    new ServerSocket().withCloseable { s -> s.bind(new InetSocketAddress('127.0.0.1', port as int)) }
}
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
