// H2's own main ran in both modes, stopped by its -tcpShutdown; failOnLeak found nothing; nothing left.
def log = new File(basedir, 'build.log').text
assert log =~ /Harness ready: 1 component in \d+ ms \(threads\)/
assert log =~ /Harness ready: 1 component in \d+ ms \(processes\)/
assert (log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0/).size() >= 2
assert (log =~ /Harness stopped in \d+ ms\./).size() == 2
assert !log.contains('leaked')
assert !log.contains('did not stop within')
assert new File(basedir, 'target/harness/default/db.log').text.contains('TCP server running at tcp://')
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
