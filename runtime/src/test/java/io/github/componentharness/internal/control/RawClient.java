package io.github.componentharness.internal.control;

import io.github.componentharness.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

/** A bare DEALER on the control port, for sending exactly the frames a test wants. */
final class RawClient implements AutoCloseable {

    private final ZContext zmq = new ZContext(1);
    final ZMQ.Socket socket;

    RawClient(String endpoint) {
        socket = zmq.createSocket(SocketType.DEALER);
        socket.setLinger(0);
        socket.setReceiveTimeOut(10_000);
        socket.setSndHWM(0);
        socket.setRcvHWM(0);
        socket.connect(endpoint);
    }

    /** Sends the frames as given: no delimiter is added. */
    void sendFrames(byte[]... frames) {
        for (int i = 0; i < frames.length; i++) {
            socket.send(frames[i], i < frames.length - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    /** Sends one body as a REQ socket would: an empty delimiter, then the body. */
    void send(String body) {
        sendFrames(new byte[0], body.getBytes(StandardCharsets.UTF_8));
    }

    /** The body of the next reply, parsed; fails when none comes within 10 s. */
    Map<String, Object> receive() {
        ZMsg reply = ZMsg.recvMsg(socket);
        if (reply == null) {
            throw new AssertionError("no reply within 10 s");
        }
        if (reply.size() != 2 || reply.getFirst().size() != 0) {
            throw new AssertionError("a reply must be an empty delimiter and one body, not " + reply);
        }
        return Json.readObject(new String(reply.getLast().getData(), StandardCharsets.UTF_8));
    }

    Map<String, Object> call(String body) {
        send(body);
        return receive();
    }

    @Override
    public void close() {
        zmq.close();
    }
}
