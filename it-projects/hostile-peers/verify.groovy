// The harness (-Xmx96m) survived every attack of its ITs in both modes, answered them, and
// stopped cleanly; nothing is left.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert (log =~ /Tests run: 5, Failures: 0, Errors: 0, Skipped: 0/).size() >= 2
assert (log =~ /Harness stopped in \d+ ms\. Harness logs:/).size() == 2
assert !log.contains('OutOfMemoryError')
assert (log =~ /During a 6 s stop: \d+ status\+ping pairs, 99% within \d+ µs, the slowest \d+ µs/).size() == 2

def dir = new File(basedir, 'target/harness/default')
def harnessLog = new File(dir, 'harness.log').text
assert !harnessLog.contains('OutOfMemoryError')
assert !harnessLog.contains('cannot serve any more')
def stopped = new JsonSlurper().parse(new File(dir, 'stopped.json'))
assert stopped.problems.isEmpty() : stopped.problems
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
