package io.github.componentharness.benchmarks;

import java.nio.charset.StandardCharsets;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

/**
 * The bare jeromq baseline: one thread that owns a socket and answers every request with a fixed
 * reply at once, the most any ZeroMQ-based control port can do. It closes its own socket: a
 * socket closed from another thread while its owner waits in a receive breaks jeromq's reaper.
 */
final class BareEchoServer implements AutoCloseable {

    static final byte[] REPLY = "{\"ok\":true,\"value\":42,\"id\":1}".getBytes(StandardCharsets.UTF_8);

    private final ZContext zmq = new ZContext();
    private final Thread thread;
    private final String endpoint;
    private volatile boolean running = true;

    /** A REP socket (one client at a time, as REQ/REP goes) or a ROUTER (any number of clients). */
    BareEchoServer(SocketType type) {
        ZMQ.Socket socket = zmq.createSocket(type);
        socket.setLinger(0);
        socket.setReceiveTimeOut(100);
        endpoint = "tcp://127.0.0.1:" + socket.bindToRandomPort("tcp://127.0.0.1");
        thread = new Thread(() -> {
            while (running) {
                ZMsg request = ZMsg.recvMsg(socket);
                if (request != null) {
                    request.getLast().reset(REPLY);
                    request.send(socket);
                }
            }
            zmq.destroySocket(socket);
        }, "bare-echo");
        thread.setDaemon(true);
        thread.start();
    }

    String endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
        zmq.close();
    }
}
