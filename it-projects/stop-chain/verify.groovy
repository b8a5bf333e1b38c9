// Four chained components each overran their 3 s stop timeout, level by level: the harness took
// about 4 x 3 s and was given its whole published stop budget, so nothing was killed, its stop
// report names every overrun, JaCoCo wrote the data of code that runs only at the end of a stop,
// and output without a final line break reached the component's log. Thread mode, then process mode.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert !log.contains('it was destroyed') : 'the harness was killed before it finished its stop'
assert (log =~ /Harness stopped in \d+ ms\. Harness logs:/).size() == 2
['a', 'b', 'c', 'd'].each { name ->
    assert (log =~ /\[WARNING\] component '${name}' did not stop within the stop timeout; its threads:/).size() == 2
}

def dir = new File(basedir, 'target/harness/default')
def ready = new JsonSlurper().parse(new File(dir, 'ready.json'))
assert ready.stopBudgetMillis >= 4 * 3000 : "stop budget ${ready.stopBudgetMillis} ms covers four levels"
def stopped = new JsonSlurper().parse(new File(dir, 'stopped.json'))
assert stopped.problems.findAll { it.kind == 'overrun' }*.component.sort() == ['a', 'b', 'c', 'd']

def exec = new File(basedir, 'target/jacoco-it.exec')
assert exec.isFile() : 'no jacoco-it.exec: the harness JVM did not exit normally'
def data = new String(exec.bytes, 'ISO-8859-1')
assert data.contains('com/example/Flusher') : 'code that runs at the end of a stop is in the coverage data'

// The last run was in process mode: each component's own JVM wrote its log.
assert new File(dir, 'd.log').text.contains('waiting for work> ')
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
