package adoptfixture;

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/** Reads system properties the ways frameworks do, on its own thread and on the JDK's common pool. */
public class PropertyReader implements Component {

    @Override
    public void run(ComponentContext ctx) throws Exception {
        ctx.publish("getProperty", System.getProperty("server.port"));
        ctx.publish("mapGet", System.getProperties().get("server.port"));
        ctx.publish("listed", System.getProperties().stringPropertyNames().contains("server.port"));
        System.clearProperty("adoption.jvm");
        ctx.publish("clearedSeen", System.getProperty("adoption.jvm"));
        // A common-pool worker serves every instance: it sees the JVM's properties.
        // Waited for on a future of its own: ForkJoinTask.get could run the task on this thread.
        CompletableFuture<String> seen = new CompletableFuture<>();
        ForkJoinPool.commonPool().execute(() -> seen.complete((Thread.currentThread() instanceof ForkJoinWorkerThread)
                + " " + System.getProperty("server.port")));
        ctx.publish("commonPool", seen.get());
        ctx.ready();
        ctx.awaitStop();
    }
}
