#!/usr/bin/env python3
"""Back-to-back manual pulses for bench/run.sh: POST /heartbeat/pulses until COUNT were accepted (202) or
DEADLINE seconds passed; a 409 (pulse in flight) is expected and retried after a short pause.

usage: pulser.py PORT TOKEN COUNT DEADLINE_S      prints the number of accepted pulses
"""
import http.client
import sys
import time

port, token, want, deadline = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
end = time.monotonic() + deadline
accepted = 0
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
while accepted < want and time.monotonic() < end:
    try:
        conn.request("POST", "/heartbeat/pulses", body="{}",
                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        r = conn.getresponse()
        r.read()
        if r.status == 202:
            accepted += 1
        elif r.status in (409, 429):
            time.sleep(0.002)
        else:
            sys.stderr.write("unexpected status %d\n" % r.status)
            time.sleep(0.05)
    except (OSError, http.client.HTTPException):
        conn.close()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        time.sleep(0.05)
print(accepted)
