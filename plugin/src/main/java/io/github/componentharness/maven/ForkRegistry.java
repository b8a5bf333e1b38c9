package io.github.componentharness.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.ExecutionListener;
import org.apache.maven.execution.MavenSession;

/**
 * The harnesses this Maven JVM started, so {@code harness:stop} finds its own, and nothing
 * outlives the build when {@code stop} never runs: a session-end listener stops what is left when
 * the build ends (for long-lived Maven JVMs: mvnd, IDEs), and a JVM shutdown hook when the JVM
 * ends (Ctrl-C). Both may run after the plugin's class realm is gone, so they only signal known
 * processes, with JDK classes, and their own classes are loaded when they are installed.
 */
final class ForkRegistry {

    private static final Map<String, ForkedHarness> RUNNING = new ConcurrentHashMap<>();
    private static final Object HOOK_LOCK = new Object();
    private static boolean shutdownHookInstalled;

    private ForkRegistry() {
    }

    static String key(String projectDir, String harnessId) {
        return projectDir + "#" + harnessId;
    }

    static void register(String key, ForkedHarness fork, MavenSession session) {
        RUNNING.put(key, fork);
        installShutdownHook();
        installSessionEndListener(session);
    }

    static ForkedHarness remove(String key) {
        return RUNNING.remove(key);
    }

    /** Stops every harness still registered, in parallel: SIGTERM, then SIGKILL once its stop budget is spent. */
    static void stopAll() {
        List<ForkedHarness> left = new ArrayList<>(RUNNING.values());
        RUNNING.clear();
        List<Thread> stoppers = new ArrayList<>();
        for (ForkedHarness f : left) {
            Thread t = new Thread(f::kill, "harness-stopper");
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void installShutdownHook() {
        synchronized (HOOK_LOCK) {
            if (!shutdownHookInstalled) {
                Runtime.getRuntime().addShutdownHook(new Thread(ForkRegistry::stopAll, "harness-maven-shutdown"));
                shutdownHookInstalled = true;
            }
        }
    }

    /** Wraps the session's execution listener, which Maven asks afresh for every event. */
    private static void installSessionEndListener(MavenSession session) {
        if (session == null || session.getRequest() == null) {
            return;
        }
        synchronized (HOOK_LOCK) {
            ExecutionListener current = session.getRequest().getExecutionListener();
            if (current instanceof SessionEndListener) {
                return;
            }
            session.getRequest().setExecutionListener(new SessionEndListener(current));
        }
    }

    /** Passes every event on, and stops what is left when the session ends. */
    static final class SessionEndListener implements ExecutionListener {
        private final ExecutionListener delegate;

        SessionEndListener(ExecutionListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void sessionEnded(ExecutionEvent event) {
            try {
                stopAll();
            } finally {
                if (delegate != null) {
                    delegate.sessionEnded(event);
                }
            }
        }

        @Override
        public void projectDiscoveryStarted(ExecutionEvent event) {
            if (delegate != null) {
                delegate.projectDiscoveryStarted(event);
            }
        }

        @Override
        public void sessionStarted(ExecutionEvent event) {
            if (delegate != null) {
                delegate.sessionStarted(event);
            }
        }

        @Override
        public void projectSkipped(ExecutionEvent event) {
            if (delegate != null) {
                delegate.projectSkipped(event);
            }
        }

        @Override
        public void projectStarted(ExecutionEvent event) {
            if (delegate != null) {
                delegate.projectStarted(event);
            }
        }

        @Override
        public void projectSucceeded(ExecutionEvent event) {
            if (delegate != null) {
                delegate.projectSucceeded(event);
            }
        }

        @Override
        public void projectFailed(ExecutionEvent event) {
            if (delegate != null) {
                delegate.projectFailed(event);
            }
        }

        @Override
        public void mojoSkipped(ExecutionEvent event) {
            if (delegate != null) {
                delegate.mojoSkipped(event);
            }
        }

        @Override
        public void mojoStarted(ExecutionEvent event) {
            if (delegate != null) {
                delegate.mojoStarted(event);
            }
        }

        @Override
        public void mojoSucceeded(ExecutionEvent event) {
            if (delegate != null) {
                delegate.mojoSucceeded(event);
            }
        }

        @Override
        public void mojoFailed(ExecutionEvent event) {
            if (delegate != null) {
                delegate.mojoFailed(event);
            }
        }

        @Override
        public void forkStarted(ExecutionEvent event) {
            if (delegate != null) {
                delegate.forkStarted(event);
            }
        }

        @Override
        public void forkSucceeded(ExecutionEvent event) {
            if (delegate != null) {
                delegate.forkSucceeded(event);
            }
        }

        @Override
        public void forkFailed(ExecutionEvent event) {
            if (delegate != null) {
                delegate.forkFailed(event);
            }
        }

        @Override
        public void forkedProjectStarted(ExecutionEvent event) {
            if (delegate != null) {
                delegate.forkedProjectStarted(event);
            }
        }

        @Override
        public void forkedProjectSucceeded(ExecutionEvent event) {
            if (delegate != null) {
                delegate.forkedProjectSucceeded(event);
            }
        }

        @Override
        public void forkedProjectFailed(ExecutionEvent event) {
            if (delegate != null) {
                delegate.forkedProjectFailed(event);
            }
        }
    }
}
