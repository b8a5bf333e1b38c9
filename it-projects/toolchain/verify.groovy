// The harness JVM ran on the toolchain's java.
def log = new File(basedir, 'build.log').text
assert log =~ /Harness ready: 1 component in \d+ ms/
assert log.contains('Tests run: 1, Failures: 0')
assert new File(basedir, 'target/toolchain-java-ran').isFile() : 'the harness was not forked with the toolchain java'
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
