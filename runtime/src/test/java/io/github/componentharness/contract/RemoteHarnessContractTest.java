package io.github.componentharness.contract;

import io.github.componentharness.ControlPort;
import io.github.componentharness.Harness;
import io.github.componentharness.LocalHarness;

/** The same assertions through the control port, against a harness served in this JVM. */
class RemoteHarnessContractTest extends HarnessContract {

    private LocalHarness local;
    private ControlPort port;

    @Override
    Harness open() {
        local = Harness.start(spec());
        port = ControlPort.serve(local);
        return Harness.connect(port.endpoint(), port.token());
    }


    @Override
    void shutDown() {
        h.close();
        port.close();
        local.close();
    }
}
