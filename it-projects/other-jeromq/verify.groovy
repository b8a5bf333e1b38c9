// Components on another jeromq run beside the runtime's shaded one.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert log =~ /Harness stopped in \d+ ms\. Harness logs:/
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
