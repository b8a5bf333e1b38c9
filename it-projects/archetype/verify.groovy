// A new user's first two commands: generate a project from harness-archetype, then mvn verify it.
// The project is, file for file, the Getting started page's (it-projects/getting-started).
import java.util.concurrent.TimeUnit

def settings = new File(basedir, 'nested-settings.xml')
settings.text = """<settings><profiles><profile><id>main</id><activation><activeByDefault>true</activeByDefault></activation>
  <repositories><repository><id>main</id><url>${new File(mainRepo).toURI()}</url>
    <releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><checksumPolicy>ignore</checksumPolicy></snapshots></repository></repositories>
  <pluginRepositories><pluginRepository><id>main</id><url>${new File(mainRepo).toURI()}</url>
    <releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><checksumPolicy>ignore</checksumPolicy></snapshots></pluginRepository></pluginRepositories>
</profile></profiles></settings>"""
def mvn = new File(mavenHome, 'bin/mvn').absolutePath
def work = new File(basedir, 'generated')
work.mkdirs()

def run = { File dir, File out, List<String> args ->
    def command = ([mvn, '-B', '-s', settings.absolutePath, "-Dmaven.repo.local=${localRepositoryPath}"] + args).collect { it.toString() }
    def maven = new ProcessBuilder(command)
            .directory(dir).redirectErrorStream(true).redirectOutput(out).start()
    assert maven.waitFor(10, TimeUnit.MINUTES) : "mvn ${args} did not finish in 10 minutes; see ${out}"
    return maven.exitValue()
}

def generateLog = new File(basedir, 'generate.log')
assert run(work, generateLog, ['org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate',
        '-DarchetypeGroupId=io.github.componentharness', '-DarchetypeArtifactId=harness-archetype',
        "-DarchetypeVersion=${harnessVersion}", '-DgroupId=com.example', '-DartifactId=getting-started',
        '-Dversion=1.0-SNAPSHOT', '-Dpackage=com.example', '-DinteractiveMode=false']) == 0 : generateLog.text

def project = new File(work, 'getting-started')
['pom.xml', 'src/main/java/com/example/Echo.java', 'src/test/java/com/example/EchoIT.java'].each { path ->
    def expected = new File(itProjects, "getting-started/${path}").text.replace('@project.version@', harnessVersion).trim()
    def generated = new File(project, path).text.trim()
    assert generated == expected : "the archetype's ${path} differs from it-projects/getting-started/${path}"
}

def verifyLog = new File(basedir, 'generated-verify.log')
assert run(project, verifyLog, ['verify']) == 0 : verifyLog.text
def log = verifyLog.text
assert log =~ /Harness ready: 1 component in \d+ ms \(threads\)/
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(project) > 0
return true
