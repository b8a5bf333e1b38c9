package io.github.componentharness.contract;

import io.github.componentharness.Harness;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.internal.process.ChildJvm;
import io.github.componentharness.internal.process.Coordinator;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The same assertions in process mode: each component instance a JVM of its own, behind a coordinator. */
class ProcessHarnessContractTest extends HarnessContract {

    @TempDir
    Path dir;

    private Coordinator coordinator;

    @Override
    Harness open() {
        HarnessSpec spec = specBuilder().mode(HarnessSpec.Mode.PROCESSES).build();
        coordinator = new Coordinator(spec, dir, ChildJvm.likeThisOne());
        coordinator.startAll();
        return coordinator;
    }

    @Override
    void shutDown() {
        coordinator.close();
    }
}
