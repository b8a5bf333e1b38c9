// A component that never gets ready fails the build after startTimeout, named, with its stack. Run
// twice (invoker.properties): in thread mode, then in process mode.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert (log =~ /The harness did not start: Component 'slow' was not ready within 2s \(status STARTING\)/).size() >= 2
assert log.contains('a component must call ctx.ready() once it serves')
// A start that takes over a second says how far it got (in both modes).
assert (log =~ /\[INFO\] Harness starting: 0 of 1 components ready after \d\.\d s; starting: slow \(\d\.\d s\)/).size() >= 2
assert (log =~ /com\.example\.NeverReady\.run\(NeverReady\.java/).size() >= 2
def slowFailed = new JsonSlurper().parse(new File(basedir, 'target/harness/default/processes/slow/failed.json'))
assert !evaluate(new File(itProjects, 'process-running.groovy'))(slowFailed.pid as long)
assert log.contains('warming up forever')

def failed = new JsonSlurper().parse(new File(basedir, 'target/harness/default/failed.json'))
def harness = ProcessHandle.of(failed.pid as long)
assert !harness.isPresent() || !harness.get().isAlive() : "harness JVM ${failed.pid} still running"
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
