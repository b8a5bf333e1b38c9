package ${package};

import io.github.componentharness.Component;
import io.github.componentharness.ComponentContext;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** Answers every request with the same text in upper case, over a ZeroMQ REP socket. */
public class Echo implements Component {

    private long served;

    @Override
    public void run(ComponentContext ctx) {
        try (ZContext zmq = new ZContext()) {
            ZMQ.Socket socket = zmq.createSocket(SocketType.REP);
            socket.bind("tcp://127.0.0.1:" + ctx.port("rpc"));
            socket.setReceiveTimeOut(100);
            ctx.ready();
            while (!ctx.stopping()) {
                String request = socket.recvStr();
                if (request != null) {
                    socket.send(request.toUpperCase());
                    served++;
                }
            }
        }
    }
}
