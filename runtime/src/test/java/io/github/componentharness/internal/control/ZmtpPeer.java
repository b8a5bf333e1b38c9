package io.github.componentharness.internal.control;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A peer that speaks ZMTP 3.0 with the NULL mechanism over a plain socket, written from the
 * specification (rfc.zeromq.org/spec/23), so a test can do what no ZeroMQ library lets it: send
 * half a frame, announce a size it never sends, or never read.
 */
final class ZmtpPeer implements AutoCloseable {

    private static final int MORE = 0x01;
    private static final int LONG = 0x02;
    private static final int COMMAND = 0x04;

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    /**
     * Connects and completes the handshake as a DEALER.
     *
     * @throws IOException when the other side refuses the handshake (an ERROR command, not READY)
     */
    ZmtpPeer(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        ByteBuffer greeting = ByteBuffer.allocate(64);
        greeting.put((byte) 0xFF).put(new byte[8]).put((byte) 0x7F).put((byte) 3).put((byte) 0);
        greeting.put("NULL".getBytes(StandardCharsets.US_ASCII)).put(new byte[16]).put((byte) 0).put(new byte[31]);
        out.write(greeting.array());
        byte[] name = "Socket-Type".getBytes(StandardCharsets.US_ASCII);
        byte[] type = "DEALER".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer ready = ByteBuffer.allocate(1 + 5 + 1 + name.length + 4 + type.length);
        ready.put((byte) 5).put("READY".getBytes(StandardCharsets.US_ASCII)).put((byte) name.length).put(name)
                .putInt(type.length).put(type);
        frame(COMMAND, ready.array());
        out.flush();
        in.readFully(new byte[64]);
        byte[] answer = readFrame();
        String command = new String(answer, 1, Math.min(answer[0], answer.length - 1), StandardCharsets.US_ASCII);
        if (!command.equals("READY")) {
            socket.close();
            throw new IOException("the handshake was refused: " + command);
        }
    }

    /** Sends a request as a REQ socket would: an empty delimiter, then the body. */
    void send(byte[] body) throws IOException {
        frame(MORE, new byte[0]);
        frame(0, body);
        out.flush();
    }

    /** Announces a frame of {@code size} bytes and sends only {@code sent} of them. */
    void announce(long size, int sent) throws IOException {
        frame(MORE, new byte[0]);
        out.write(LONG);
        out.write(ByteBuffer.allocate(8).putLong(size).array());
        out.write(new byte[sent]);
        out.flush();
    }

    /** Sends {@code frames} frames of {@code size} bytes, each flagged "more follows": a message that never ends. */
    void endlessMessage(int frames, int size) throws IOException {
        byte[] body = new byte[size];
        for (int i = 0; i < frames; i++) {
            frame(MORE, body);
        }
        out.flush();
    }

    /** Whether the other side ends the connection (within the read timeout) rather than answering. */
    boolean closedByOtherSide() throws IOException {
        try {
            return in.read() == -1;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    /** The next frame's body, skipping nothing: commands included. */
    byte[] readFrame() throws IOException {
        int flags = in.readUnsignedByte();
        long size = (flags & LONG) != 0 ? in.readLong() : in.readUnsignedByte();
        byte[] body = new byte[(int) size];
        in.readFully(body);
        return body;
    }

    private void frame(int flags, byte[] body) throws IOException {
        if (body.length > 255) {
            out.write(flags | LONG);
            out.write(ByteBuffer.allocate(8).putLong(body.length).array());
        } else {
            out.write(flags);
            out.write(body.length);
        }
        out.write(body);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
