// An unknown component class fails the build before any fork.
def log = new File(basedir, 'build.log').text
assert log.contains("Invalid harness-maven-plugin configuration (execution default): Invalid harness spec: component 'broker': class com.example.Brokr not found on the classpath")
assert log.contains('[ERROR] Failed to execute goal io.github.componentharness:harness-maven-plugin:0.1.0-SNAPSHOT:start')
assert !new File(basedir, 'target/harness/default/spec.json').exists() : 'nothing may be forked'
return true
