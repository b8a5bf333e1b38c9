// JaCoCo's agent reached the harness JVM through argLine: the component's class is in the IT coverage
// data. The last run was in process mode (invoker.properties, from clean): there the component ran in
// a JVM of its own, which got the agent from the coordinator's arguments.
def exec = new File(basedir, 'target/jacoco-it.exec')
assert exec.isFile() : 'no jacoco-it.exec'
def data = new String(exec.bytes, 'ISO-8859-1')
assert data.contains('com/example/Echo') : 'the component class ran in the harness JVM, so its coverage must be recorded'
def log = new File(basedir, 'build.log').text
assert log.indexOf('jacoco:0.8.13:prepare-agent-integration') < log.indexOf('harness:0.1.0-SNAPSHOT:start')
def spec = new File(basedir, 'target/harness/default/harness.log')
assert spec.isFile()
assert log =~ /Harness ready: 1 component in \d+ ms \(processes\)/
assert new File(basedir, 'target/harness/default/processes/echo/ready.json').isFile()
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
