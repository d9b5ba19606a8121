#!/usr/bin/env python3
"""Fake AI provider for bench/run.sh: answers OpenAI-compatible chat completions (POST .../chat/completions)
and Anthropic Messages (POST .../v1/messages) after a fixed latency, and counts requests.

usage: fake_provider.py PORT LATENCY_MS      GET /count -> number of completion requests answered

One asyncio loop, HTTP/1.1 keep-alive, the latency timed from the request line's arrival and waited without a
thread: a burst of 6 concurrent requests is answered within about a millisecond of L. (A first version on
http.server's ThreadingHTTPServer parsed each request under the GIL and spread such a burst over 5-20 ms, which
the pulse overhead benchmark then charged to the app.)
"""
import asyncio
import json
import sys
import time

PORT = int(sys.argv[1])
LATENCY = int(sys.argv[2]) / 1000.0
TEXT = ("I notice a pattern of reciprocity and emergence in the circle; reflecting on our shared attention, "
        "the coherence feels alive.")
count = 0


def reply(path):
    """(status, body) for a POST to path."""
    if path.endswith("/v1/messages"):
        return 200, {"id": "msg_bench", "type": "message", "role": "assistant",
                     "content": [{"type": "text", "text": TEXT}],
                     "usage": {"input_tokens": 50, "output_tokens": 30}}
    if path.endswith("/chat/completions"):
        return 200, {"id": "chatcmpl-bench", "object": "chat.completion",
                     "choices": [{"index": 0, "message": {"role": "assistant", "content": TEXT},
                                  "finish_reason": "stop"}],
                     "usage": {"prompt_tokens": 50, "completion_tokens": 30, "total_tokens": 80}}
    return 404, {"error": "unknown path " + path}


def encode(status, body):
    data = json.dumps(body).encode()
    head = "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % (
        status, "OK" if status == 200 else "Not Found", len(data))
    return head.encode() + data


async def serve(reader, writer):
    global count
    try:
        while True:
            line = await reader.readline()
            if not line:
                return
            arrived = time.monotonic()
            method, path, _ = line.decode("latin-1").split(" ", 2)
            length = 0
            while True:
                header = await reader.readline()
                if header in (b"\r\n", b"\n", b""):
                    break
                name, _, value = header.decode("latin-1").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            if length:
                await reader.readexactly(length)
            if method == "GET":
                writer.write(encode(200, {"count": count}))
            else:
                count += 1
                rest = LATENCY - (time.monotonic() - arrived)
                if rest > 0:
                    await asyncio.sleep(rest)
                writer.write(encode(*reply(path)))
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError, ValueError):
        pass
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", PORT)
    async with server:
        await server.serve_forever()


asyncio.run(main())
