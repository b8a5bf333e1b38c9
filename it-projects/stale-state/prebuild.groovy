// What `mvn harness:run` leaves when Maven is killed: the files of a harness whose JVM is gone.
def dir = new File(basedir, 'target/harness/default-cli')
dir.mkdirs()
def gone = new ProcessBuilder('true').start()
gone.waitFor()
new File(dir, 'harness.properties').text = 'harness.endpoint=tcp://127.0.0.1:9\nharness.token=0123456789abcdef0123456789abcdef\n'
new File(dir, 'ready.json').text = """{"pid": ${gone.pid()}, "endpoint": "tcp://127.0.0.1:9", "startMillis": 1, "ports": {}, "stopBudgetMillis": 1000}"""
return true
