// -DskipITs: no ITs, so no harness either.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Skipping the harness (skipITs)')
assert log.contains('Tests are skipped.')
assert !log.contains('Harness ready')
assert !new File(basedir, 'target/harness').exists()
return true
