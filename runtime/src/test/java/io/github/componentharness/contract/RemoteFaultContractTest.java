package io.github.componentharness.contract;

import io.github.componentharness.ControlPort;
import io.github.componentharness.Harness;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.LocalHarness;

/** Faults through the control port's {@code fault} op, and listed by its {@code status}. */
class RemoteFaultContractTest extends FaultContract {

    private LocalHarness local;
    private ControlPort port;

    @Override
    Harness open() {
        local = Harness.start(spec(HarnessSpec.Mode.THREADS));
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
