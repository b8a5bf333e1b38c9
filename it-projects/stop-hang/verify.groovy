// A component that ignores stop is named with its stack; the harness JVM still exits. Run twice
// (invoker.properties): in thread mode, then in process mode, where deaf's own JVM still exits.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert (log =~ /\[WARNING\] component 'deaf' did not stop within the stop timeout; its threads:/).size() == 2
assert log =~ /Harness ready: 1 component in \d+ ms \(processes\)/
assert log.contains('com.example.Deaf.run(Deaf.java')
def stops = (log =~ /Harness stopped in (\d+) ms\. Harness logs:/).collect { it[1] as long }
assert stops.size() == 2
stops.each { assert it < 1000 + 2000 : "the harness took ${it} ms to go; stopTimeout is 1 s" }

def dir = new File(basedir, 'target/harness/default')
def ready = new JsonSlurper().parse(new File(dir, 'ready.json'))
def harness = ProcessHandle.of(ready.pid as long)
assert !harness.isPresent() || !harness.get().isAlive() : "harness JVM ${ready.pid} still running"
// In process mode deaf's JVM reports it still STOPPING when it gave up, then exits all the same.
def deafStopped = new JsonSlurper().parse(new File(dir, 'processes/deaf/stopped.json'))
assert deafStopped.status.deaf == 'STOPPING'
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
