#!/usr/bin/env python3
"""Back-to-back manual pulses for bench/run.sh: POST /heartbeat/pulses until COUNT were accepted (202) or
DEADLINE seconds passed; a 409 (pulse in flight) is expected and retried after POLL seconds (default 0.002).

usage: pulser.py PORT TOKEN COUNT DEADLINE_S [CEREMONIES [POLL_S]]      prints the number of accepted pulses
CEREMONIES: comma-separated ceremony names asked for in turn (POST body {"ceremony": ...}); "-" or none: the
app chooses from recent scores.
"""
import http.client
import itertools
import json
import sys
import time

port, token, want, deadline = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
names = sys.argv[5] if len(sys.argv) > 5 and sys.argv[5] != "-" else None
poll = float(sys.argv[6]) if len(sys.argv) > 6 else 0.002
bodies = itertools.cycle([json.dumps({"ceremony": c}) for c in names.split(",")] if names else ["{}"])
end = time.monotonic() + deadline
accepted = 0
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
body = next(bodies)
while accepted < want and time.monotonic() < end:
    try:
        conn.request("POST", "/heartbeat/pulses", body=body,
                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        r = conn.getresponse()
        r.read()
        if r.status == 202:
            accepted += 1
            body = next(bodies)
        elif r.status in (409, 429):
            time.sleep(poll)
        else:
            sys.stderr.write("unexpected status %d\n" % r.status)
            time.sleep(0.05)
    except (OSError, http.client.HTTPException):
        conn.close()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        time.sleep(0.05)
print(accepted)
