// Real third-party servers run as components, answer their own clients, and stop without leaking.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log =~ /Harness ready: 2 components in \d+ ms/
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
assert !log.contains(' leaked ') : 'H2 and Jetty stop every thread they start'
assert log =~ /Harness stopped in \d+ ms\. Harness logs:/
def stopped = new JsonSlurper().parse(new File(basedir, 'target/harness/default/stopped.json'))
assert stopped.problems.isEmpty() : stopped.problems
def ready = new JsonSlurper().parse(new File(basedir, 'target/harness/default/ready.json'))
def harness = ProcessHandle.of(ready.pid as long)
assert !harness.isPresent() || !harness.get().isAlive() : "harness JVM ${ready.pid} still running"
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
