// Two verify runs without clean and a leftover harness:run: both passed against their own
// harness; the log holds the last run's lines only (the one before is echo.log.1); the ITs run
// alone found no running harness at once.
def log = new File(basedir, 'build.log').text
assert (log =~ /Harness ready: 1 component in \d+ ms/).size() == 2
assert (log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0/).size() >= 2
assert !log.contains('several harnesses run in this module')
// -Dharness.showLogs=echo: the component's lines on Maven's console, prefixed.
assert log.contains('[INFO] [echo] echo started')
assert log.contains('of a harness that still runs (ended: ')
assert log.contains('default: it stopped (')
assert log =~ /default-cli: its JVM \(pid \d+\) is gone/
def dir = new File(basedir, 'target/harness/default')
assert (new File(dir, 'echo.log').text =~ /echo started/).size() == 1
assert (new File(dir, 'echo.log.1').text =~ /echo started/).size() == 1
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
