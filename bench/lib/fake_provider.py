#!/usr/bin/env python3
"""Fake AI provider for bench/run.sh: answers OpenAI-compatible chat completions (POST .../chat/completions)
and Anthropic Messages (POST .../v1/messages) after a fixed latency, and counts requests.

usage: fake_provider.py PORT LATENCY_MS      GET /count -> number of completion requests answered
GET /rich (default) answers a reply the heuristic scores high (patterns, a reflective word: celebration follows);
GET /plain answers one without them (scores at the round's base: quick pulses and emergence detections follow).
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1])
LATENCY = int(sys.argv[2]) / 1000.0
TEXT = ("I notice a pattern of reciprocity and emergence in the circle; reflecting on our shared attention, "
        "the coherence feels alive.")
PLAIN = "The circle is attentive and steady today."
text = TEXT
count = 0
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes: no 40 ms delayed-ACK stall

    def log_message(self, *args):
        pass

    def _send(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        global text
        if self.path == "/plain":
            text = PLAIN
        elif self.path == "/rich":
            text = TEXT
        with lock:
            n = count
        self._send(200, {"count": n})

    def do_POST(self):
        global count
        arrived = time.monotonic()
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        with lock:
            count += 1
        rest = LATENCY - (time.monotonic() - arrived)
        if rest > 0:
            time.sleep(rest)
        if self.path.endswith("/v1/messages"):
            self._send(200, {"id": "msg_bench", "type": "message", "role": "assistant",
                             "content": [{"type": "text", "text": text}],
                             "usage": {"input_tokens": 50, "output_tokens": 30}})
        elif self.path.endswith("/chat/completions"):
            self._send(200, {"id": "chatcmpl-bench", "object": "chat.completion",
                             "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                                          "finish_reason": "stop"}],
                             "usage": {"prompt_tokens": 50, "completion_tokens": 30, "total_tokens": 80}})
        else:
            self._send(404, {"error": "unknown path " + self.path})


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
