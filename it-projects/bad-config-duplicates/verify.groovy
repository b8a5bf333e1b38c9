// Two components with one name fail the build before any fork.
def log = new File(basedir, 'build.log').text
assert log.contains("Invalid harness-maven-plugin configuration (execution default): Invalid harness spec: component 'broker' is declared more than once: give each component its own name")
assert log.contains('[ERROR] Failed to execute goal io.github.componentharness:harness-maven-plugin:0.1.0-SNAPSHOT:start')
assert !new File(basedir, 'target/harness/default/spec.json').exists() : 'nothing may be forked'
return true
