// Points the toolchain at this copy's fake JDK (an absolute path), whose java runs the real one,
// and restores the exec bit that invoker's copy may drop.
def jdk = new File(basedir, 'fake-jdk')
def java = new File(jdk, 'bin/java')
java.text = java.text.replace('@REAL_JAVA@', new File(System.getProperty('java.home'), 'bin/java').absolutePath)
assert java.setExecutable(true)
new File(basedir, 'toolchains.xml').text = """<?xml version="1.0" encoding="UTF-8"?>
<toolchains>
  <toolchain>
    <type>jdk</type>
    <provides><version>harness-test</version></provides>
    <configuration><jdkHome>${jdk.absolutePath}</jdkHome></configuration>
  </toolchain>
</toolchains>
"""
return true
