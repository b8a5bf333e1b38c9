package io.github.componentharness.contract;

import io.github.componentharness.Harness;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.internal.process.ChildJvm;
import io.github.componentharness.internal.process.Coordinator;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Faults in process mode: the coordinator records them, each component JVM applies them to its own links. */
class ProcessFaultContractTest extends FaultContract {

    @TempDir
    Path dir;

    private Coordinator coordinator;

    @Override
    Harness open() {
        coordinator = new Coordinator(spec(HarnessSpec.Mode.PROCESSES), dir, ChildJvm.likeThisOne());
        coordinator.startAll();
        return coordinator;
    }

    @Override
    void shutDown() {
        coordinator.close();
    }
}
