#!/usr/bin/env python3
"""GET latency for bench/run.sh: each PATH asked N times in turn on one keep-alive connection (after 3 warm-up
requests each), timed from sending the request to the end of the body. Any answer but 200 stops it (exit 1).

usage: latency.py PORT N PATH...      prints one line per PATH: its N times in ms, space-separated
"""
import http.client
import sys
import time

port, n, paths = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)


def get(path):
    t0 = time.perf_counter()
    conn.request("GET", path)
    r = conn.getresponse()
    r.read()
    took = (time.perf_counter() - t0) * 1000
    if r.status != 200:
        sys.exit("GET %s: %d" % (path, r.status))
    return took


for path in paths:
    for _ in range(3):
        get(path)
times = {path: [] for path in paths}
for _ in range(n):
    for path in paths:
        times[path].append(get(path))
for path in paths:
    print(" ".join("%.2f" % t for t in times[path]))
