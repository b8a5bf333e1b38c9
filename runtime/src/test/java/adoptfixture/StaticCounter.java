package adoptfixture;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;

/** A Component that counts its starts in a static field, as much real code keeps counters. */
public class StaticCounter implements Component {

    static int started;
    int seen;

    @Override
    public void run(ComponentContext ctx) throws InterruptedException {
        seen = ++started;
        ctx.publish("seen", seen);
        ctx.ready();
        ctx.awaitStop();
    }
}
