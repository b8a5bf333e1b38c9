// A component that ignores stop is named with its stack; the harness JVM still exits.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains("[WARNING] component 'deaf' did not stop within the stop timeout; its threads:")
assert log.contains('com.example.Deaf.run(Deaf.java')
def stopMillis = ((log =~ /Harness stopped in (\d+) ms\. Harness logs:/)[0][1]) as long
assert stopMillis < 1000 + 2000 : "the harness JVM took ${stopMillis} ms to go; stopTimeout is 1 s"

def dir = new File(basedir, 'target/harness/default')
def ready = new JsonSlurper().parse(new File(dir, 'ready.json'))
def harness = ProcessHandle.of(ready.pid as long)
assert !harness.isPresent() || !harness.get().isAlive() : "harness JVM ${ready.pid} still running"
def stopped = new JsonSlurper().parse(new File(dir, 'stopped.json'))
assert stopped.status.deaf == 'STOPPING'
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
