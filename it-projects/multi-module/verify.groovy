// Two modules built in parallel, each with its own harness: no clash; both gone after the build.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('with a thread count of 2')
assert log.count('Failures: 0, Errors: 0, Skipped: 0, Time elapsed') == 2
def readies = ['orders', 'billing'].collect { m -> new JsonSlurper().parse(new File(basedir, "${m}/target/harness/default/ready.json")) }
assert readies[0].pid != readies[1].pid
assert readies[0].endpoint != readies[1].endpoint
readies.each { r ->
    def h = ProcessHandle.of(r.pid as long)
    assert !h.isPresent() || !h.get().isAlive() : "harness JVM ${r.pid} still running"
}
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
