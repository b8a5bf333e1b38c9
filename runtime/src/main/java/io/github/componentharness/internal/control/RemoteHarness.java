package io.github.componentharness.internal.control;

import io.github.componentharness.Condition;
import io.github.componentharness.Fault;
import io.github.componentharness.internal.faults.FaultWire;
import io.github.componentharness.Harness;
import io.github.componentharness.HarnessException;
import io.github.componentharness.HarnessTimeoutException;
import io.github.componentharness.NoSuchStateException;
import io.github.componentharness.Status;
import io.github.componentharness.internal.json.Json;
import io.github.componentharness.internal.state.AwaitProbe;
import io.github.componentharness.internal.state.JsonValues;
import io.github.componentharness.internal.state.StateException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A {@link Harness} in another JVM, reached through its control port. Speaks through a DEALER
 * socket with request ids, so a reply that comes after its call timed out is recognised and
 * dropped, and the next call works: no REQ lockstep to get stuck in. Calls are serialised; share
 * one client between threads freely, or give each thread its own for parallel calls.
 */
public final class RemoteHarness implements Harness {

    /** Time to wait for a connection to the control port before calling the harness gone. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Time for a query's reply. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** Time for stop, start and restart, which wait for components on the harness's side. */
    static final Duration LIFECYCLE_TIMEOUT = Duration.ofMinutes(2);
    private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();

    private final String endpoint;
    private final String token;
    private final ControlConnection connection;
    private long lastId;

    public RemoteHarness(String endpoint, String token) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.token = Objects.requireNonNull(token, "token");
        this.connection = new ControlConnection(endpoint, CONNECT_TIMEOUT);
    }

    public String endpoint() {
        return endpoint;
    }

    @Override
    public Map<String, Status> status() {
        Map<String, Status> all = new LinkedHashMap<>();
        ((Map<?, ?>) value(call("status", null, Map.of(), CALL_TIMEOUT))).forEach((k, v) -> all.put(String.valueOf(k),
                Status.valueOf(String.valueOf(v))));
        return all;
    }

    @Override
    public Status status(String component) {
        return Status.valueOf(String.valueOf(value(call("status", component, Map.of(), CALL_TIMEOUT))));
    }

    @Override
    public Optional<String> failure(String component) {
        Object failure = call("status", component, Map.of(), CALL_TIMEOUT).get("failure");
        return Optional.ofNullable(failure).map(String::valueOf);
    }

    @Override
    public Object state(String component, String key) {
        return value(call("get", component, Map.of("key", key), CALL_TIMEOUT));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> snapshot(String component) {
        return (Map<String, Object>) value(call("snapshot", component, Map.of(), CALL_TIMEOUT));
    }

    @Override
    public Object await(String component, String key, Predicate<Object> predicate, Duration timeout) {
        Objects.requireNonNull(predicate, "predicate");
        return new AwaitProbe(this, component, key, (value, present) -> present && predicate.test(value),
                "the predicate", timeout).poll(POLL_NANOS);
    }

    @Override
    public Object await(String component, String key, Condition condition, Duration timeout) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.put("condition", condition.op().wireName());
        fields.put("value", condition.operand());
        fields.put("timeoutMs", timeout.toMillis());
        return value(call("await", component, fields, timeout.plus(CALL_TIMEOUT)));
    }

    @Override
    public int port(String component, String portName) {
        return ((Number) value(call("port", component, Map.of("port", portName), CALL_TIMEOUT))).intValue();
    }

    @Override
    public void stop(String component) {
        call("stop", component, Map.of(), LIFECYCLE_TIMEOUT);
    }

    @Override
    public void start(String component) {
        call("start", component, Map.of(), LIFECYCLE_TIMEOUT);
    }

    @Override
    public void restart(String component) {
        call("restart", component, Map.of(), LIFECYCLE_TIMEOUT);
    }

    @Override
    public void kill(String component) {
        call("kill", component, Map.of(), LIFECYCLE_TIMEOUT);
    }

    @Override
    public String threads(String component) {
        return String.valueOf(value(call("threads", component, Map.of(), CALL_TIMEOUT)));
    }

    /** Asks the harness to stop every component and exit. */
    public void shutdown() {
        shutdown(CALL_TIMEOUT);
    }

    /** As {@link #shutdown()}, waiting at most {@code timeout} for the harness to take the request. */
    public void shutdown(Duration timeout) {
        call("shutdown", null, Map.of(), timeout);
    }

    /** Closes this client; the harness keeps running. */
    @Override
    public synchronized void close() {
        connection.close();
    }

    @Override
    public void fault(Fault fault) {
        fault(fault, LIFECYCLE_TIMEOUT);
    }

    /** Sets or heals a fault, waiting at most {@code timeout} for the answer. */
    public void fault(Fault fault, Duration timeout) {
        call("fault", null, FaultWire.toWire(fault), timeout);
    }

    @Override
    public List<Fault> faults() {
        Object faults = call("status", null, Map.of(), CALL_TIMEOUT).get("faults");
        if (!(faults instanceof List)) {
            return List.of();
        }
        return ((List<?>) faults).stream().map(f -> FaultWire.fromWire((Map<?, ?>) f)).toList();
    }

    private static Object value(Map<String, Object> reply) {
        return JsonValues.toJson(reply.get("value"));
    }

    private synchronized Map<String, Object> call(String op, String component, Map<String, Object> fields, Duration timeout) {
        Map<String, Object> request = new LinkedHashMap<>();
        long id = ++lastId;
        request.put("op", op);
        request.put("id", id);
        request.put("token", token);
        if (component != null) {
            request.put("component", component);
        }
        request.putAll(fields);
        Map<String, Object> reply = connection.exchange(op, id, Json.write(request), timeout);
        if (Boolean.TRUE.equals(reply.get("ok"))) {
            return reply;
        }
        String error = String.valueOf(reply.get("error"));
        switch (ControlError.ofCode(reply.get("code"))) {
            case ABSENT:
                throw new NoSuchStateException(error);
            case TIMEOUT:
                throw new HarnessTimeoutException(error);
            default:
                throw new HarnessException(error);
        }
    }
}
