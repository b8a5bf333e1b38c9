// Two executions, two harnesses, two directories, no clash; both gone after the build.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('harness:0.1.0-SNAPSHOT:start (backend)')
assert log.contains('harness:0.1.0-SNAPSHOT:start (frontend)')
assert log.contains('Tests run: 2, Failures: 0, Errors: 0')
def pids = ['backend', 'frontend'].collect { id ->
    def dir = new File(basedir, "target/harness/${id}")
    assert new File(dir, 'harness.properties').isFile()
    new JsonSlurper().parse(new File(dir, 'ready.json')).pid as long
}
assert pids[0] != pids[1]
pids.each { pid ->
    def h = ProcessHandle.of(pid)
    assert !h.isPresent() || !h.get().isAlive() : "harness JVM ${pid} still running"
}
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
