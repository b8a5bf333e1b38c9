// The blackhole IT passed in thread mode and in process mode (see invoker.properties); the client
// stopped cleanly each time and failOnLeak found no thread left; nothing is left behind.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log =~ /Harness ready: 2 components in \d+ ms \(threads\)/
assert log =~ /Harness ready: 2 components in \d+ ms \(processes\)/
assert (log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0/).size() >= 2
assert (log =~ /Harness stopped in \d+ ms\./).size() == 2
assert !log.contains('leaked')
assert !log.contains('did not stop within')

// The last run's (process mode's) harness.log: the fault, logged once by the coordinator.
def dir = new File(basedir, 'target/harness/default')
def harnessLog = new File(dir, 'harness.log').text
assert (harnessLog =~ /Fault: blackhole client -> service \(1 link: client -> service\.http\)/).size() == 1
def stopped = new JsonSlurper().parse(new File(dir, 'stopped.json'))
assert stopped.problems.isEmpty() : stopped.problems
stopped.status.each { name, status -> assert status == 'STOPPED' : "${name} ended ${status}" }

assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
