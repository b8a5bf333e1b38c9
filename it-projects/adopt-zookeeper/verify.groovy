// ZooKeeper's own main ran in both modes; each stop ended in its System.exit(0), which ended its
// instance only; failOnLeak found nothing; nothing is left behind.
def log = new File(basedir, 'build.log').text
assert log =~ /Harness ready: 1 component in \d+ ms \(threads\)/
assert log =~ /Harness ready: 1 component in \d+ ms \(processes\)/
assert (log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0/).size() >= 2
assert (log =~ /Harness stopped in \d+ ms\./).size() == 2
assert !log.contains('leaked')
assert !log.contains('did not stop within')
def zk = new File(basedir, 'target/harness/default/zk.log').text
assert zk.contains('called System.exit(0)')
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
