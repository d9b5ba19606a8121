#!/usr/bin/env python3
"""The floor of the pulse overhead benchmark: what a minimal client pays against the same fake provider.

usage: floor.py PORT VOICES ROUNDS REPS      prints the median wall time (ms) of ROUNDS rounds of VOICES
concurrent requests (one Anthropic Messages, the rest OpenAI-compatible, each voice on its own keep-alive
connection, as the app's providers are), rounds one after another, REPS times after one warm-up.
The difference between a pulse and this floor is what the app itself adds.
"""
import asyncio
import statistics
import sys
import time

PORT, VOICES, ROUNDS, REPS = (int(a) for a in sys.argv[1:5])
BODY = b'{"model":"m","messages":[{"role":"user","content":"Round 1: how is the circle?"}],"max_tokens":300}'


async def ask(conn, path):
    reader, writer = conn
    writer.write(b"POST " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 b"Content-Length: " + str(len(BODY)).encode() + b"\r\n\r\n" + BODY)
    length = 0
    await reader.readline()
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    await reader.readexactly(length)


async def pulse(conns):
    start = time.monotonic()
    for _ in range(ROUNDS):
        await asyncio.gather(*(ask(c, b"/v1/messages" if i == 0 else b"/v1/chat/completions")
                               for i, c in enumerate(conns)))
    return (time.monotonic() - start) * 1000


async def main():
    conns = [await asyncio.open_connection("127.0.0.1", PORT) for _ in range(VOICES)]
    await pulse(conns)
    times = [await pulse(conns) for _ in range(REPS)]
    print("%.1f" % statistics.median(times))


asyncio.run(main())
