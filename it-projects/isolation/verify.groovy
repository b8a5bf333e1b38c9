// Isolated by default in both modes, shared on request (see invoker.properties); nothing left behind.
def log = new File(basedir, 'build.log').text
assert log =~ /Harness ready: 3 components in \d+ ms \(threads\)/
assert log =~ /Harness ready: 3 components in \d+ ms \(processes\)/
assert (log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0/).size() >= 3
assert (log =~ /Harness stopped in \d+ ms\./).size() == 3
assert !log.contains('leaked')
assert !log.contains('did not stop within')
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
