package io.github.componentharness.internal.fork;

import io.github.componentharness.Harness;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.internal.local.Changes;
import io.github.componentharness.internal.local.ComponentRun;
import io.github.componentharness.internal.local.InProcessHarness;
import io.github.componentharness.internal.local.StopOutcome;
import io.github.componentharness.internal.local.ThreadHarness;
import io.github.componentharness.internal.state.StateReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The thread engine as a {@link Host}: every component a thread of this JVM. */
public final class ThreadHost implements Host {

    /** Beyond each level's stop timeout: the leak grace, thread dumps, logging. */
    static final Duration LEVEL_SLACK = Duration.ofSeconds(1);

    private final ThreadHarness engine;
    private final Harness harness;

    public ThreadHost(ThreadHarness engine) {
        this.engine = engine;
        this.harness = new InProcessHarness(engine);
    }

    @Override
    public boolean onTransition(io.github.componentharness.internal.local.ComponentRun.Transitions listener) {
        engine.onTransition(listener);
        return true;
    }

    @Override
    public void startAll() {
        engine.startAll();
    }

    @Override
    public Harness harness() {
        return harness;
    }

    @Override
    public Optional<Changes> changes() {
        return Optional.of(engine.changes());
    }

    @Override
    public Object plainState(String component, String key) {
        try {
            ComponentRun run = engine.run(component);
            Object absent = StateReader.NOT_PLAIN;
            return StateReader.readPlain(run.stateTarget(), run.published(key, absent), absent, key);
        } catch (RuntimeException unknownOrUnreadable) {
            // The worker's full read gives the error its proper words.
            return StateReader.NOT_PLAIN;
        }
    }

    @Override
    public Optional<io.github.componentharness.internal.faults.FaultTable> faultTable() {
        return engine.faultTable();
    }

    @Override
    public String threads(String component) {
        return engine.threads(component);
    }

    @Override
    public List<Reports.Problem> problems() {
        return problems(engine.problems());
    }

    /** Each outcome's overrun and leaks, as records. */
    static List<Reports.Problem> problems(List<StopOutcome> outcomes) {
        List<Reports.Problem> problems = new ArrayList<>();
        for (StopOutcome o : outcomes) {
            if (o.overrun() != null) {
                problems.add(new Reports.Problem(o.component(), Reports.ProblemKind.OVERRUN, o.overrunReport()));
            }
            if (!o.leaks().isEmpty()) {
                problems.add(new Reports.Problem(o.component(), Reports.ProblemKind.LEAK, o.leakReport()));
            }
        }
        return problems;
    }

    @Override
    public Duration stopBudget() {
        return budget(engine.spec(), engine.levels());
    }

    /** A thread engine stops level by level, each level within the stop timeout. */
    static Duration budget(HarnessSpec spec, int levels) {
        return spec.stopTimeout().plus(LEVEL_SLACK).multipliedBy(Math.max(1, levels));
    }

    @Override
    public String summary() {
        int count = engine.status().size();
        return count + (count == 1 ? " component" : " components");
    }

    @Override
    public void close() {
        engine.close();
    }
}
