// The harness skipped exactly when failsafe skipped the ITs (see invoker.properties), saying which rule applied.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Skipping the harness (skipITs: failsafe runs no ITs)')
assert log.contains('[INFO] Skipping the harness (skipTests: maven-failsafe-plugin 3.5.4 skips its ITs on it too)')
assert log.contains('[INFO] Not skipping the harness (skipTests skips unit tests only since maven-failsafe-plugin 3.6.0 (this build has 3.6.1)')
assert (log =~ /Tests are skipped\./).size() >= 2
// Only the last run started a harness, and its IT ran against it.
assert (log =~ /Harness ready: 1 component in \d+ ms/).size() == 1
assert (log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0/).size() >= 1
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
