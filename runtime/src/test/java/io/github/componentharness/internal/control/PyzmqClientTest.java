package io.github.componentharness.internal.control;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The cross-language test with pyzmq's own REQ socket. The build leaves it out (runtime/pom.xml),
 * since a user's machine need not have pyzmq; .ci/run installs Debian's python3-zmq and runs it
 * with {@code -Dtest=PyzmqClientTest}, where a missing pyzmq fails it.
 */
class PyzmqClientTest {

    @Test
    void pythonWithPyzmqQueriesStatusAndState() throws IOException, InterruptedException {
        PythonClientTest.queriesStatusAndState(PythonClientTest.PYZMQ_SCRIPT, "%n(needs pyzmq: apt-get install python3-zmq)");
    }
}
