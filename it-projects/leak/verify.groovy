// A leaked thread is reported by component and thread name; failOnLeak fails the build. Run twice
// (invoker.properties): in thread mode, then in process mode, where the component JVM reports it.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert (log =~ /\[WARNING\] component 'leaky' leaked 1 thread still running after it stopped/).size() == 2
assert log =~ /Harness ready: 1 component in \d+ ms \(processes\)/
assert (log =~ /failOnLeak: component 'leaky' leaked 1 thread/).size() >= 2
assert log.contains('"leaky-poller"')
assert log.contains("failOnLeak: component 'leaky' leaked 1 thread")

def ready = new JsonSlurper().parse(new File(basedir, 'target/harness/default/ready.json'))
def harness = ProcessHandle.of(ready.pid as long)
assert !harness.isPresent() || !harness.get().isAlive() : "harness JVM ${ready.pid} still running"
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
