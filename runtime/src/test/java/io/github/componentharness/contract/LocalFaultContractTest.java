package io.github.componentharness.contract;

import io.github.componentharness.Harness;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.LocalHarness;

class LocalFaultContractTest extends FaultContract {

    private LocalHarness local;

    @Override
    Harness open() {
        local = Harness.start(spec(HarnessSpec.Mode.THREADS));
        return local;
    }

    @Override
    void shutDown() {
        local.close();
    }
}
