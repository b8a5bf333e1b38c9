package io.github.componentharness.internal.faults;

import io.github.componentharness.HarnessException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The proxies of one harness JVM, one per link, made when an instance first asks for the peer
 * port and kept until the harness closes, so the port an instance was given stays valid across
 * restarts of either end. Their threads belong to a thread group of the harness's own, made
 * where the harness is made: never to the component whose call made the proxy, whose leak check
 * would count them.
 */
public final class LinkProxies implements AutoCloseable {

    private final FaultTable table;
    private final ThreadGroup group;
    private final Map<Link, LinkProxy> proxies = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Must be called on a thread of the harness's own: the proxies' thread group is made under its group. */
    public LinkProxies(FaultTable table) {
        this.table = table;
        this.group = new ThreadGroup("harness-links");
        table.listen((fault, links) -> links.forEach(this::refresh));
    }

    /**
     * The port {@code link.from()} connects to for {@code link}'s peer port, which listens on
     * {@code targetPort}: its proxy's, made on first use.
     */
    public int port(Link link, int targetPort) {
        if (closed) {
            throw new HarnessException("the harness is closed: no new link to " + link.target());
        }
        LinkProxy proxy = proxies.computeIfAbsent(link, l -> {
            try {
                return new LinkProxy(l, targetPort, table.state(l), this::thread);
            } catch (IOException e) {
                throw new HarnessException("cannot open a proxy for the link " + l + ": " + e.getMessage(), e);
            }
        });
        // A fault applied while the proxy was being made reached no proxy: take the table's state now.
        refresh(link);
        return proxy.port();
    }

    private void refresh(Link link) {
        LinkProxy proxy = proxies.get(link);
        if (proxy != null) {
            proxy.state(table.state(link));
        }
    }

    /** The links that have a proxy, and how many connections each relays now. */
    public Map<Link, Integer> openConnections() {
        Map<Link, Integer> open = new java.util.TreeMap<>(java.util.Comparator.comparing(Link::toString));
        proxies.forEach((link, proxy) -> open.put(link, proxy.openConnections()));
        return open;
    }

    private Thread thread(Runnable body, String name) {
        // No inherited thread locals or context loader: the caller may be a component's thread.
        Thread t = new Thread(group, body, name, 0, false);
        t.setDaemon(true);
        t.setContextClassLoader(LinkProxies.class.getClassLoader());
        return t;
    }

    /** The proxies' ports, for tests: by link. */
    List<Link> links() {
        return List.copyOf(proxies.keySet());
    }

    @Override
    public void close() {
        closed = true;
        proxies.values().forEach(LinkProxy::close);
        proxies.clear();
    }
}
