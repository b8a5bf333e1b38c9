// mvn integration-test: post-integration-test never runs, yet the harness is gone when Maven ends.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log =~ /Harness ready: 1 component in \d+ ms/
assert log.contains('Tests run: 1, Failures: 0')
assert !log.contains('harness:0.1.0-SNAPSHOT:stop')

def dir = new File(basedir, 'target/harness/default')
def ready = new JsonSlurper().parse(new File(dir, 'ready.json'))
def deadline = System.currentTimeMillis() + 5000
def alive = { def h = ProcessHandle.of(ready.pid as long); h.isPresent() && h.get().isAlive() }
while (alive() && System.currentTimeMillis() < deadline) {
    Thread.sleep(50)
}
assert !alive() : "harness JVM ${ready.pid} outlived the build"
def stopped = new JsonSlurper().parse(new File(dir, 'stopped.json'))
stopped.status.each { name, status -> assert status == 'STOPPED' : "${name} ended ${status}" }
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
