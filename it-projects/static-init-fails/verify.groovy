// A component class whose static initialiser throws (ExceptionInInitializerError) fails the build
// at once in pre-integration-test, naming the component, the class and the cause, and leaves no
// JVM, though the initialiser started a non-daemon thread. Thread mode, then process mode.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert (log =~ /\[ERROR\] Failed to execute goal io\.github\.componentharness:harness-maven-plugin:[^:]+:start \(default\) on project static-init-fails: The harness did not start: Component 'settings' failed to start: component 'settings' could not be created: the static initialiser of com\.example\.Settings threw java\.lang\.IllegalStateException: settings\.properties is missing \(java\.lang\.ExceptionInInitializerError\)/).size() == 2
assert !log.contains('was not ready within')

def dir = new File(basedir, 'target/harness/default')
def failed = new JsonSlurper().parse(new File(dir, 'failed.json'))
assert failed.kind == 'component'
assert failed.component == 'settings'
def spec = new File(dir, 'spec.json')
def seconds = (new File(dir, 'failed.json').lastModified() - spec.lastModified()) / 1000
assert seconds < 20 : "the start failed ${seconds} s after the fork: it waited instead of failing at once (startTimeout 60 s)"
// The second run was in process mode: the component JVM reported the same, typed.
def own = new JsonSlurper().parse(new File(dir, 'processes/settings/failed.json'))
assert own.kind == 'component' && own.component == 'settings'
assert !evaluate(new File(itProjects, 'process-running.groovy'))(own.pid as long)
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
