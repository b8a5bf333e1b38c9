// A component that fails to start fails the build in pre-integration-test, named with its cause and
// log. Run three times (invoker.properties): with a <logDir>, in thread mode, in process mode.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert (log =~ /The harness did not start: Component 'db' failed to start: java.lang.IllegalStateException: cannot open database 'orders'/).size() >= 2
assert (log =~ /opening database 'orders'/).size() >= 3 : 'the tail of the component log is shown in every run'
// The first run kept the component logs in -Dharness.logDir: their tail was found there.
assert !log.contains('db.log does not exist')
assert new File(basedir, 'target/component-logs/db.log').text.contains("opening database 'orders'")
assert log.contains('[ERROR] Failed to execute goal io.github.componentharness:harness-maven-plugin:0.1.0-SNAPSHOT:start')
assert !log.contains('maven-failsafe-plugin') || !log.contains('Tests run:')

def dir = new File(basedir, 'target/harness/default')
def failed = new JsonSlurper().parse(new File(dir, 'failed.json'))
def harness = ProcessHandle.of(failed.pid as long)
assert !harness.isPresent() || !harness.get().isAlive() : "harness JVM ${failed.pid} still running"
assert new File(dir, 'harness.log').text.contains("Component 'db' failed to start")
// The second run was in process mode: db's own JVM reported the failure, and is gone too.
def dbFailed = new JsonSlurper().parse(new File(dir, 'processes/db/failed.json'))
assert dbFailed.error.startsWith("Component 'db' failed to start")
assert !evaluate(new File(itProjects, 'process-running.groovy'))(dbFailed.pid as long)
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
