// Shared by the verify scripts: whether a process still runs. A harness whose parent was killed is
// adopted; once it exits it may stay a zombie until its adopter reaps it. A zombie runs nothing and
// holds no port: it does not count as running.
return { long pid ->
    def stat = new File("/proc/${pid}/stat")
    if (stat.isFile()) {
        def text = stat.text
        return !(text.substring(text.lastIndexOf(')') + 2, text.lastIndexOf(')') + 3) in ['Z', 'X'])
    }
    def h = ProcessHandle.of(pid)
    h.isPresent() && h.get().isAlive()
}
