// A component calls System.exit during the ITs: harness:stop fails the build with the exit code and the caller.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0')
assert log.contains('The harness JVM died during the integration tests with exit code 3')
assert log.contains("System.exit was called by thread 'harness-suicidal' of component 'suicidal'")
assert log.contains('com.example.Suicidal.run(Suicidal.java')
// The stop does not wait for the exiting thread (it never ends while the JVM's hooks run).
def harnessLog = new File(basedir, 'target/harness/default/harness.log').text
def stopMillis = ((harnessLog =~ /Harness stopped in (\d+) ms/)[0][1]) as long
assert stopMillis < 5000 : "the stop took ${stopMillis} ms: it waited for the thread inside System.exit"
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
