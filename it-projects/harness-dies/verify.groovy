// A component calls System.exit during the ITs: harness:stop fails the build with the exit code and the caller.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0')
assert log.contains('The harness JVM died during the integration tests with exit code 3')
assert log.contains("System.exit was called by thread 'harness-suicidal' of component 'suicidal'")
assert log.contains('com.example.Suicidal.run(Suicidal.java')
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
