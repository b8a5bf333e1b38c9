// The main ran unchanged in both modes; its shutdown hook ran at each stop (restart included);
// failOnLeak found nothing; nothing is left behind.
def log = new File(basedir, 'build.log').text
assert log =~ /Harness ready: 2 components in \d+ ms \(threads\)/
assert log =~ /Harness ready: 2 components in \d+ ms \(processes\)/
assert (log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0/).size() >= 2
assert (log =~ /Harness stopped in \d+ ms\./).size() == 2
assert !log.contains('leaked')
assert !log.contains('did not stop within')
def greeter1 = new File(basedir, 'target/harness/default/greeter-1.log').text
// The last run's log (each run starts afresh): the restart's stop after 2 requests, the final one after 1.
assert greeter1.contains('GreetingApp stopped after 2 requests')
assert greeter1.contains('GreetingApp stopped after 1 requests')
assert new File(basedir, 'target/harness/default/greeter-2.log').text.contains('GreetingApp stopped after 1 requests')
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
