// The faults ITs passed against the pipeline in thread mode and in process mode (see
// invoker.properties); each run's harness.log recorded the faults the ITs set, and only those;
// nothing is left behind.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log =~ /Harness ready: 5 components in \d+ ms \(threads\), control port tcp:\/\/127\.0\.0\.1:\d+/
assert log =~ /Harness ready: 5 components in \d+ ms \(processes\), control port tcp:\/\/127\.0\.0\.1:\d+/
assert (log =~ /Tests run: 3, Failures: 0, Errors: 0, Skipped: 0/).size() >= 2
assert (log =~ /Harness stopped in \d+ ms\. Harness logs:/).size() == 2

// The pom gives each mode a harness id of its own, so the first run's harness.log survives the second.
['thread-mode', 'process-mode'].each { id ->
    def dir = new File(basedir, "target/harness/${id}")
    def harnessLog = new File(dir, 'harness.log').text
    // Logged once per fault, by the coordinator in process mode, never by each component JVM.
    assert (harnessLog =~ /Fault: partition worker-1 -> broker \(2 links: worker-1 -> broker\.frontend, worker-1 -> broker\.backend\)/).size() == 1 : "${id}: ${harnessLog}"
    assert (harnessLog =~ /Fault: heal worker-1 -> broker \(2 links: /).size() == 1
    assert (harnessLog =~ /Fault: delay worker -> sink 300 ms \(3 links: worker-1 -> sink\.results, worker-2 -> sink\.results, worker-3 -> sink\.results\)/).size() == 1
    assert (harnessLog =~ /Fault: bandwidth worker-1 -> broker\.frontend 1000000 bytes\/s \(1 link: worker-1 -> broker\.frontend\)/).size() == 1
    // A refused fault changes nothing, and is not logged as one in force.
    assert !harnessLog.contains('Fault: partition nobody')
    assert !harnessLog.contains('broker.nope')
    assert !harnessLog.contains('Fault: delay worker -> sink -1 ms')

    def stopped = new JsonSlurper().parse(new File(dir, 'stopped.json'))
    assert stopped.problems.isEmpty() : "${id}: ${stopped.problems}"
    stopped.status.each { name, status -> assert status == 'STOPPED' : "${id}: ${name} ended ${status}" }
}
assert new File(basedir, 'target/harness/process-mode/processes/worker-1/ready.json').isFile()

assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) == 2
return true
