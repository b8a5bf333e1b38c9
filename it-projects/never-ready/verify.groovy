// A component that never gets ready fails the build after startTimeout, named, with its stack.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains("The harness did not start: Component 'slow' was not ready within 2s (status STARTING)")
assert log.contains('a component must call ctx.ready() once it serves')
assert log.contains('com.example.NeverReady.run(NeverReady.java')
assert log.contains('warming up forever')

def failed = new JsonSlurper().parse(new File(basedir, 'target/harness/default/failed.json'))
def harness = ProcessHandle.of(failed.pid as long)
assert !harness.isPresent() || !harness.get().isAlive() : "harness JVM ${failed.pid} still running"
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
