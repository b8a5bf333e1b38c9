// Shared by the verify scripts: no harness JVM of this build is alive, and every port it used is
// free again (in process mode: no component JVM either). Returns a closure taking the project's basedir; checks every target/harness/*/.
import groovy.json.JsonSlurper

def running = evaluate(new File(itProjects, 'process-running.groovy'))

return { File basedir ->
    def dirs = []
    basedir.eachFileRecurse { f -> if (f.name in ['ready.json', 'failed.json'] && f.parentFile.parentFile.name == 'harness') dirs << f.parentFile }
    dirs.unique().each { dir ->
        def status = new File(dir, 'ready.json').isFile() ? new File(dir, 'ready.json') : new File(dir, 'failed.json')
        def json = new JsonSlurper().parse(status)
        def alive = { running(json.pid as long) }
        def end = System.currentTimeMillis() + 5000
        while (alive() && System.currentTimeMillis() < end) {
            Thread.sleep(50)
        }
        assert !alive() : "harness JVM ${json.pid} of ${dir} is still running"
        // Process mode: the coordinator's component JVMs are gone as well.
        def processes = new File(dir, 'processes')
        if (processes.isDirectory()) processes.eachFileRecurse { f ->
            if (f.name == 'ready.json') {
                def component = new JsonSlurper().parse(f).pid as long
                assert !running(component) : "component JVM ${component} (${f.parentFile.name}) of ${dir} is still running"
            }
        }
        def ports = (json.ports ?: [:]).collectMany { c, p -> p.values() }
        if (json.endpoint) {
            ports << ((json.endpoint =~ /:(\d+)$/)[0][1] as int)
        }
        ports.each { port ->
            new ServerSocket().withCloseable { s -> s.bind(new InetSocketAddress('127.0.0.1', port as int)) }
        }
    }
    return dirs.size()
}
