package io.github.componentharness.internal.faults;

import io.github.componentharness.HarnessException;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The proxies of one harness JVM, one per link, made when an instance first asks for the peer
 * port and kept until the harness closes, so the port an instance was given stays valid across
 * restarts of either end.
 *
 * <p>Proxies are asked for on components' threads ({@code ctx.port}), but are made on a thread of
 * the harness's own, started with this object: their threads then belong to the harness's thread
 * group, never to the component's (whose leak check would count them), and hold nothing of the
 * component's run (its thread locals, its class loader, its access context).
 */
public final class LinkProxies implements AutoCloseable {

    private final FaultTable table;
    private final ThreadGroup group;
    private final ThreadPoolExecutor maker;
    private final Map<Link, LinkProxy> proxies = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Must be called on a thread of the harness's own: the proxies' threads are made under its thread group. */
    public LinkProxies(FaultTable table) {
        this.table = table;
        this.group = new ThreadGroup("harness-links");
        this.maker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> thread(r, "harness-links"));
        maker.prestartCoreThread();
        table.listen((fault, links) -> links.forEach(this::refresh));
    }

    /**
     * The port {@code link.from()} connects to for {@code link}'s peer port, which listens on
     * {@code targetPort}: its proxy's, made on first use.
     */
    public int port(Link link, int targetPort) {
        LinkProxy proxy = proxies.get(link);
        if (proxy != null) {
            return proxy.port();
        }
        synchronized (this) {
            if (closed) {
                throw new HarnessException("the harness is closed: no new link to " + link.target());
            }
            proxy = proxies.get(link);
            if (proxy == null) {
                proxy = make(link, targetPort);
                proxies.put(link, proxy);
                // A fault applied while the proxy was being made reached no proxy: take the table's state now.
                refresh(link);
            }
            return proxy.port();
        }
    }

    private LinkProxy make(Link link, int targetPort) {
        try {
            return maker.submit(() -> new LinkProxy(link, targetPort, table.state(link), this::thread)).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new HarnessException("cannot open a proxy for the link " + link + ": " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted while opening a proxy for the link " + link, e);
        }
    }

    /** Hands the proxy the table's state, read under the proxy's lock so an older state never overwrites a newer one. */
    private void refresh(Link link) {
        LinkProxy proxy = proxies.get(link);
        if (proxy != null) {
            synchronized (proxy) {
                proxy.state(table.state(link));
            }
        }
    }

    /** The links that have a proxy, and how many connections each relays now. */
    public Map<Link, Integer> openConnections() {
        Map<Link, Integer> open = new TreeMap<>(Comparator.comparing(Link::toString));
        proxies.forEach((link, proxy) -> open.put(link, proxy.openConnections()));
        return open;
    }

    private Thread thread(Runnable body, String name) {
        Thread t = new Thread(group, body, name, 0, false);
        t.setDaemon(true);
        t.setContextClassLoader(LinkProxies.class.getClassLoader());
        return t;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        proxies.values().forEach(LinkProxy::close);
        proxies.clear();
        maker.shutdownNow();
    }
}
