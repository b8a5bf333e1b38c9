package io.github.componentharness.contract;

import io.github.componentharness.Harness;
import io.github.componentharness.LocalHarness;

class LocalHarnessContractTest extends HarnessContract {

    private LocalHarness local;

    @Override
    Harness open() {
        local = Harness.start(spec());
        return local;
    }


    @Override
    void shutDown() {
        local.close();
    }
}
