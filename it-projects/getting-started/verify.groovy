// The project passed; and it is, file for file, what the Getting started page shows.
def log = new File(basedir, 'build.log').text
assert log =~ /Harness ready: 1 component in \d+ ms \(threads\)/
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
def page = new File(itProjects, '../src-site/markdown/getting-started.md').text.replace('\r\n', '\n')
['pom.xml', 'src/main/java/com/example/Echo.java', 'src/test/java/com/example/EchoIT.java'].each { path ->
    def text = new File(basedir, path).text.replace('\r\n', '\n').trim()
    assert page.contains(text) : "src-site/markdown/getting-started.md does not show ${path} as the it-project has it"
}
assert evaluate(new File(itProjects, 'nothing-left.groovy'))(basedir) > 0
return true
