package io.github.componentharness.internal.control;

import io.github.componentharness.Condition;
import io.github.componentharness.Fault;
import io.github.componentharness.Harness;
import io.github.componentharness.Status;
import io.github.componentharness.internal.faults.FaultWire;
import io.github.componentharness.internal.json.Json;
import io.github.componentharness.internal.fork.Host;
import io.github.componentharness.internal.state.AwaitProbe;
import io.github.componentharness.internal.state.StateReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The control protocol's operations on a {@link Harness}, apart from any transport: one UTF-8
 * JSON request body in, one reply body out. The calling (serving) thread only parses, checks the
 * token and routes: it answers {@code ping} and malformed or unauthorised requests itself, and
 * hands everything that touches components (state reads may run user getters, in process mode
 * they are calls to another JVM) to other threads, each with a time limit.
 */
final class Operations implements AutoCloseable {

    static final String KNOWN_OPS = "ping, status, get, snapshot, port, await, stop, start, restart, kill, fault, threads, "
            + "shutdown";
    static final long MAX_AWAIT_MILLIS = Duration.ofHours(1).toMillis();
    static final int MAX_PENDING_AWAITS = 10_000;
    static final int MAX_FORWARDED_AWAITS = 256;
    /** Time for a read (status, get, snapshot, port, threads) before its caller gets a timeout error. */
    static final Duration READ_LIMIT = Duration.ofSeconds(5);
    /** Reads that may run at once; beyond that, a read is refused as busy rather than queued. */
    static final int MAX_READS = 32;
    /** The longest {@code id} a reply echoes. */
    static final int MAX_ID_CHARS = 64;

    private final Harness harness;
    private final byte[] token;
    private final Host host;
    private final Runnable onShutdown;
    private final TimedWork reads = new TimedWork("harness-control-read", MAX_READS);
    private final AtomicInteger readsInFlight = new AtomicInteger();
    private final AwaitWatcher awaits;
    private final ExecutorService forwardedAwaits = new ThreadPoolExecutor(0, MAX_FORWARDED_AWAITS, 10, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "harness-control-await");
                t.setDaemon(true);
                return t;
            });
    private final ExecutorService faults = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "harness-control-fault");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService lifecycle = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "harness-control-lifecycle");
        t.setDaemon(true);
        return t;
    });

    Operations(Host host, String token, Runnable onShutdown) {
        this.host = host;
        this.harness = host.harness();
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.onShutdown = onShutdown;
        this.awaits = host.changes().map(changes -> new AwaitWatcher(changes, MAX_PENDING_AWAITS, READ_LIMIT)).orElse(null);
    }

    /**
     * Handles one request body. Never throws: every failure of one request is its error reply.
     *
     * @param later receives, on another thread, the reply of an operation that answers later
     * @return the reply, or {@code null} when {@code later} will get it
     */
    Map<String, Object> handle(byte[] body, Consumer<Map<String, Object>> later) {
        Request request;
        try {
            request = new Request(Json.readObject(utf8(body)));
        } catch (BadRequest | Json.NotOneObject e) {
            // The reason in our own words, never the parser's: it quotes what the peer sent.
            return Replies.error(ControlError.BAD_REQUEST, "the body must be one JSON object in UTF-8: " + e.getMessage());
        }
        // Nothing of an unauthorised request is echoed, not even its id: a peer without the
        // token cannot make the harness hold or send more than a fixed-size error.
        if (!tokenMatches(request.token())) {
            return Replies.error(ControlError.UNAUTHORIZED, "missing or wrong token: send the harness.token of this run as \"token\"");
        }
        Object id = request.id(MAX_ID_CHARS);
        Consumer<Map<String, Object>> answer = reply -> later.accept(withId(reply, id));
        try {
            Map<String, Object> reply = dispatch(request, answer);
            return reply == null ? null : withId(reply, id);
        } catch (RuntimeException e) {
            return withId(Replies.error(e), id);
        }
    }

    private Map<String, Object> dispatch(Request r, Consumer<Map<String, Object>> later) {
        String op = r.op();
        switch (op) {
            case "ping":
                return Replies.ok("pong");
            case "status": {
                String component = r.optionalString("component");
                read("status" + (component == null ? "" : " of '" + component + "'"), later, () -> status(component));
                return null;
            }
            case "get": {
                String component = r.requiredString("component");
                String key = r.requiredString("key");
                // A published value or a plain field runs no code of the component's: answered here.
                Object plain = host.plainState(component, key);
                if (plain != StateReader.NOT_PLAIN) {
                    return Replies.ok(plain);
                }
                read("get '" + component + "." + key + "'", later, () -> Replies.ok(harness.state(component, key)));
                return null;
            }
            case "snapshot": {
                String component = r.requiredString("component");
                read("snapshot of '" + component + "'", later, () -> Replies.ok(harness.snapshot(component)));
                return null;
            }
            case "port": {
                String component = r.requiredString("component");
                String port = r.requiredString("port");
                read("port '" + component + "." + port + "'", later, () -> Replies.ok(harness.port(component, port)));
                return null;
            }
            case "threads": {
                String component = r.optionalString("component");
                read("threads", later, () -> Replies.ok(host.threads(component)));
                return null;
            }
            case "await":
                return await(r, later);
            case "stop":
            case "start":
            case "restart":
            case "kill":
                String component = r.requiredString("component");
                inBackground(later, () -> {
                    harness.status(component);
                    if (op.equals("stop")) {
                        harness.stop(component);
                    } else if (op.equals("start")) {
                        harness.start(component);
                    } else if (op.equals("kill")) {
                        harness.kill(component);
                    } else {
                        harness.restart(component);
                    }
                    return harness.status(component).name();
                });
                return null;
            case "fault": {
                Fault fault;
                try {
                    fault = FaultWire.fromWire(r.fields());
                } catch (IllegalArgumentException e) {
                    throw new BadRequest(e.getMessage());
                }
                // Faults run one at a time, but never behind a stop or start: a heal must get
                // through while a component waits on the link it heals.
                inBackground(faults, later, () -> {
                    harness.fault(fault);
                    return fault.toString();
                }, "the harness is shutting down");
                return null;
            }
            case "shutdown":
                inBackground(later, () -> "shutting down");
                lifecycle.execute(onShutdown);
                return null;
            default:
                throw new BadRequest("unknown op '" + shorten(op) + "' (known: " + KNOWN_OPS + ")");
        }
    }

    private void read(String what, Consumer<Map<String, Object>> later, Supplier<Map<String, Object>> work) {
        readsInFlight.incrementAndGet();
        reads.run(what, READ_LIMIT, once -> work.get(), reply -> {
            readsInFlight.decrementAndGet();
            later.accept(reply);
        });
    }

    /** Reads handed to other threads and not answered yet: the serving thread waits a moment for them. */
    int readsInFlight() {
        return readsInFlight.get();
    }

    private Map<String, Object> status(String component) {
        if (component == null) {
            Map<String, Object> all = new LinkedHashMap<>();
            harness.status().forEach((name, status) -> all.put(name, status.name()));
            Map<String, Object> reply = Replies.ok(all);
            List<Fault> faults = harness.faults();
            if (!faults.isEmpty()) {
                reply.put("faults", FaultWire.toWire(faults));
            }
            return reply;
        }
        Status status = harness.status(component);
        Map<String, Object> reply = Replies.ok(status.name());
        harness.failure(component).ifPresent(f -> reply.put("failure", f));
        return reply;
    }

    private Map<String, Object> await(Request r, Consumer<Map<String, Object>> later) {
        String component = r.requiredString("component");
        String key = r.requiredString("key");
        String conditionName = r.requiredString("condition");
        Object operand = r.raw("value");
        long timeoutMillis = r.requiredMillis("timeoutMs", MAX_AWAIT_MILLIS);
        // Compiling a regular expression, and the first check (it reads state, which may run a
        // getter), happen off this thread, as every read.
        reads.run("await '" + component + "." + key + "'", READ_LIMIT, once -> {
            Condition condition = Condition.of(conditionName, operand);
            if (awaits == null) {
                harness.status(component);
                forwardAwait(component, key, condition, timeoutMillis, once);
                return null;
            }
            AwaitProbe probe = new AwaitProbe(harness, component, key, condition::test, condition.toString(),
                    Duration.ofMillis(timeoutMillis));
            if (probe.check()) {
                return Replies.ok(probe.value());
            }
            if (!once.answered()) {
                awaits.add(new AwaitWatcher.Pending(probe, once));
            }
            return null;
        }, later);
        return null;
    }

    /**
     * Components in other JVMs (process mode) are awaited on their own side, the JVM hosting
     * the component: each pending await holds a thread here.
     */
    private void forwardAwait(String component, String key, Condition condition, long timeoutMillis,
            Consumer<Map<String, Object>> later) {
        inBackground(forwardedAwaits, later, () -> harness.await(component, key, condition, Duration.ofMillis(timeoutMillis)),
                "too many pending awaits (" + MAX_FORWARDED_AWAITS + "): let some end first");
    }

    private interface Action {
        Object run();
    }

    private void inBackground(Consumer<Map<String, Object>> later, Action action) {
        inBackground(lifecycle, later, action, "the harness is shutting down");
    }

    /** Runs {@code action} on {@code executor} and answers with its result; {@code refused} if it takes no more. */
    private static void inBackground(ExecutorService executor, Consumer<Map<String, Object>> later, Action action,
            String refused) {
        try {
            executor.execute(() -> {
                Map<String, Object> reply;
                try {
                    reply = Replies.ok(action.run());
                } catch (RuntimeException e) {
                    reply = Replies.error(e);
                } catch (Throwable e) {
                    reply = Replies.error(ControlError.FAILED, e.toString());
                }
                later.accept(reply);
            });
        } catch (RejectedExecutionException e) {
            later.accept(Replies.error(ControlError.FAILED, refused));
        }
    }

    private boolean tokenMatches(Object given) {
        return given instanceof String && MessageDigest.isEqual(token, ((String) given).getBytes(StandardCharsets.UTF_8));
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequest("not valid UTF-8");
        }
    }

    private static Map<String, Object> withId(Map<String, Object> reply, Object id) {
        if (id != null) {
            reply.put("id", id);
        }
        return reply;
    }

    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 160) + "…";
    }

    @Override
    public void close() {
        reads.close();
        if (awaits != null) {
            awaits.close();
        }
        forwardedAwaits.shutdownNow();
        faults.shutdownNow();
        lifecycle.shutdownNow();
    }
}
