// The quickstart ran its ITs against a forked harness, and left nothing behind.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log =~ /Harness ready: 5 components in \d+ ms \(threads\), control port tcp:\/\/127\.0\.0\.1:\d+/
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert log =~ /Harness stopped in \d+ ms\. Harness logs:/

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
