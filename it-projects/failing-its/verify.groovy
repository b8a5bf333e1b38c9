// A failing IT fails the build at verify, after harness:stop ran, with the system's evidence beside
// its report; nothing is left.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 2, Failures: 1, Errors: 1')
assert log =~ /Harness stopped in \d+ ms\. Harness logs:/
assert log.indexOf('harness:0.1.0-SNAPSHOT:stop') < log.indexOf('failsafe:3.5.4:verify')
assert log.contains('There are test failures')

def dir = new File(basedir, 'target/harness/default')
def ready = new JsonSlurper().parse(new File(dir, 'ready.json'))
def harness = ProcessHandle.of(ready.pid as long)
assert !harness.isPresent() || !harness.get().isAlive() : "harness JVM ${ready.pid} still running"
assert new File(dir, 'harness.log').text.contains('Harness stopped')
assert new File(dir, 'echo.log').isFile()
// The failure names the evidence that ConnectedHarness wrote beside the failsafe report.
def evidence = new File(basedir, 'target/failsafe-reports/com.example.EchoIT.expectsTheWrongGreeting-harness.txt')
assert evidence.isFile()
def report = new File(basedir, 'target/failsafe-reports/com.example.EchoIT.txt').text
assert report.contains("the system's evidence (status, state, threads, logs of every component) is in " + evidence.absolutePath)
def text = evidence.text
assert text.contains('Harness evidence for com.example.EchoIT.expectsTheWrongGreeting failing with org.opentest4j.AssertionFailedError')
assert text =~ /echo\s+RUNNING/
assert text.contains('--- state\n{greeting=hello}')
assert text.contains('"harness-echo" WAITING')
assert text.contains('echo says hello')
// A failing @BeforeEach keeps the evidence too, under the test it failed.
def setup = new File(basedir, 'target/failsafe-reports/com.example.SetupIT.neverRuns-harness.txt')
assert setup.text.contains('failing with io.github.componentharness.NoSuchStateException')
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
