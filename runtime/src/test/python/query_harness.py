"""Queries a Component Harness through its control port: python3 query_harness.py ENDPOINT TOKEN"""
import json
import sys

import zmq


def call(sock, request):
    sock.send_json(request)  # a REQ socket sends the empty delimiter frame itself
    return sock.recv_json()


endpoint, token = sys.argv[1], sys.argv[2]
context = zmq.Context()
sock = context.socket(zmq.REQ)
sock.setsockopt(zmq.LINGER, 0)
sock.setsockopt(zmq.RCVTIMEO, 10000)
sock.connect(endpoint)

print(json.dumps(call(sock, {"op": "status", "token": token})))
print(json.dumps(call(sock, {"op": "get", "component": "counter", "key": "queueDepth", "token": token})))
print(json.dumps(call(sock, {"op": "await", "component": "counter", "key": "processed",
                             "condition": "ge", "value": 5, "timeoutMs": 5000, "token": token})))
print(json.dumps(call(sock, {"op": "get", "component": "counter", "key": "queueDepth", "token": "wrong"})))

sock.close()
context.term()
