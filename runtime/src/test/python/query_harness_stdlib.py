"""Queries a Component Harness through its control port: python3 query_harness_stdlib.py ENDPOINT TOKEN

Needs nothing but Python 3: it speaks ZMTP 3.0 (https://rfc.zeromq.org/spec/23/), the wire
protocol under every ZeroMQ socket, just enough to act as a DEALER socket."""
import json
import socket
import struct
import sys

MORE, LONG, COMMAND = 0x01, 0x02, 0x04  # frame flags


def recv_exactly(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise ConnectionError("the harness closed the connection")
        data += chunk
    return data


def send_frame(sock, body, flags=0):
    if len(body) > 255:  # a size over one byte needs the long form
        sock.sendall(struct.pack(">BQ", flags | LONG, len(body)) + body)
    else:
        sock.sendall(struct.pack(">BB", flags, len(body)) + body)


def recv_frame(sock):
    flags = recv_exactly(sock, 1)[0]
    size = struct.unpack(">Q", recv_exactly(sock, 8))[0] if flags & LONG else recv_exactly(sock, 1)[0]
    return flags, recv_exactly(sock, size)


def connect(endpoint):
    host, _, port = endpoint.split("://")[-1].rpartition(":")
    sock = socket.create_connection((host.strip("[]"), int(port)), timeout=10)
    # Both sides greet at once. NULL is the mechanism without encryption: the token is the access check.
    sock.sendall(b"\xff" + bytes(8) + b"\x7f"      # signature
                 + bytes([3, 0])                   # version 3.0
                 + b"NULL".ljust(20, b"\0")        # mechanism
                 + b"\0" + bytes(31))              # as-server: no; filler
    recv_exactly(sock, 64)  # the harness's greeting: nothing in it we need
    # The NULL handshake is one READY command each way, naming the socket type (a name comes after
    # its 1-byte length, a value after its 4-byte length); the harness's ROUTER accepts a DEALER.
    send_frame(sock, b"\x05READY" + b"\x0bSocket-Type" + struct.pack(">I", 6) + b"DEALER", COMMAND)
    _, command = recv_frame(sock)
    if not command.startswith(b"\x05READY"):
        raise ConnectionError(f"the harness refused the handshake: {command!r}")
    return sock


def call(sock, request):
    send_frame(sock, b"", MORE)  # the empty delimiter a REQ socket would send by itself
    send_frame(sock, json.dumps(request).encode("utf-8"))
    frames, more = [], True
    while more:
        flags, body = recv_frame(sock)
        if not flags & COMMAND:  # skip commands (ZMTP 3.1 heartbeats) rather than take them for data
            frames.append(body)
            more = flags & MORE
    if len(frames) != 2 or frames[0]:
        raise ConnectionError(f"expected an empty delimiter and a body, got {frames!r}")
    return json.loads(frames[1])


endpoint, token = sys.argv[1], sys.argv[2]
with connect(endpoint) as sock:
    print(json.dumps(call(sock, {"op": "status", "token": token})))
    print(json.dumps(call(sock, {"op": "get", "component": "counter", "key": "queueDepth", "token": token})))
    print(json.dumps(call(sock, {"op": "await", "component": "counter", "key": "processed",
                                 "condition": "ge", "value": 5, "timeoutMs": 5000, "token": token})))
    print(json.dumps(call(sock, {"op": "get", "component": "counter", "key": "queueDepth", "token": "wrong"})))
