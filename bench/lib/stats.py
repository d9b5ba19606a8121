#!/usr/bin/env python3
"""Small helpers for bench/run.sh, so the shell does no float maths.

stats.py median V...                       median of the values
stats.py record DIR                        newest record: duration_ms ceremony voices_present rounds outcome
stats.py lateness DIR REASON               p50 p99 max (ms) and count of records with pulse_type REASON:
                                           started_at minus the whole second it was due (the grid is on whole seconds)
stats.py groups DIR SKIP [TAKE]            records by start, the first SKIP left out (warm-up), then TAKE (default:
                                           all), grouped by round count: one line "rounds samples median_ms
                                           ceremony" per group
stats.py first-round DIR                   newest record's first round: wall_ms and the median voice latency_ms
stats.py wrk FILE                          requests/s and p99 latency (ms) from `wrk --latency` output
stats.py dist V...                         median p90 max count of the values
stats.py store-pulses LOG PULSES SKIP      one line per pulse after the first SKIP (by start) of PULSES (the JSON of
                                           GET /heartbeat/pulses, any order): "record_ms gap_ms", record_ms = the
                                           time of the pulse's log line ("Pulse <8 hex> (", LOG written with TZ=UTC)
                                           minus its completed_at; gap_ms = the next pulse's started_at minus this
                                           one's completed_at ("nan" for the last)
stats.py line-after MS TEXT FILE...         the earliest time (Unix ms) of a log line containing TEXT later than MS in
                                           the FILEs (written with TZ=UTC), or nan
stats.py deep DIR K                        the K-th oldest record of a log folder: "id started_at" (UTC, ...Z)
"""
import glob
import json
import os
import re
import statistics
import sys
from datetime import datetime, timezone


def median(values):
    return statistics.median(float(v) for v in values)


def parse_time(s):
    s = s.replace("Z", "+00:00")
    m = re.match(r"(.*T\d\d:\d\d:\d\d)(\.\d+)?(.*)", s)
    frac = (m.group(2) or ".0")[:7]
    return datetime.fromisoformat(m.group(1) + frac + m.group(3))


def records(d):
    return sorted(glob.glob(os.path.join(d, "heartbeat_*.json")))


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


cmd = sys.argv[1]
if cmd == "median":
    print("%.3f" % median(sys.argv[2:]))
elif cmd == "record":
    r = json.load(open(records(sys.argv[2])[-1]))
    print("%.1f %s %s %d %s" % (r["duration_seconds"] * 1000, r["ceremony"], r["voices_present"],
                                len(r["rounds"]), r["outcome"]))
elif cmd == "first-round":
    first = json.load(open(records(sys.argv[2])[-1]))["rounds"][0]
    print("%.1f %.1f" % (first["wall_time_seconds"] * 1000,
                         median([r["latency_seconds"] * 1000 for r in first["replies"]])))
elif cmd == "lateness":
    late = []
    for f in records(sys.argv[2]):
        r = json.load(open(f))
        if r["pulse_type"] != sys.argv[3]:
            continue
        t = parse_time(r["started_at"])
        late.append(t.microsecond / 1000.0)
    late.sort()
    print("%.1f %.1f %.1f %d" % (percentile(late, 50), percentile(late, 99), late[-1] if late else float("nan"),
                                 len(late)))
elif cmd == "groups":
    recs = sorted((json.load(open(f)) for f in records(sys.argv[2])), key=lambda r: parse_time(r["started_at"]))
    groups = {}
    skip = int(sys.argv[3])
    take = int(sys.argv[4]) if len(sys.argv) > 4 else len(recs)
    for r in recs[skip:skip + take]:
        if r["outcome"] == "failed":
            continue
        groups.setdefault(len(r["rounds"]), []).append(r)
    for n in sorted(groups):
        g = groups[n]
        print("%d %d %.1f %s" % (n, len(g), median(r["duration_seconds"] * 1000 for r in g),
                                 "/".join(sorted(set(r["ceremony"] for r in g)))))
elif cmd == "wrk":
    text = open(sys.argv[2]).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    m = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    print("%.1f %.3f %d" % (rps, float(m.group(1)) * scale, int(errors.group(1)) if errors else 0))
elif cmd == "dist":
    v = sorted(float(x) for x in sys.argv[2:])
    print("%.1f %.1f %.1f %d" % (median(v), percentile(v, 90), v[-1], len(v)))
elif cmd == "store-pulses":
    logged = {}
    for line in open(sys.argv[2], errors="replace"):
        m = re.match(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{3}) .*\bPulse ([0-9a-f]{8}) \(", line)
        if m:
            t = datetime.fromisoformat(m.group(1) + "." + m.group(2) + "+00:00")
            logged[m.group(3)] = t.timestamp() * 1000
    pulses = []
    for p in json.load(open(sys.argv[3])):
        start = parse_time(p["timestamp"]).timestamp() * 1000
        pulses.append((start, start + p["duration_seconds"] * 1000, p["id"][:8]))
    pulses.sort()
    for i in range(int(sys.argv[4]), len(pulses)):
        start, done, short = pulses[i]
        if short not in logged:
            sys.exit("no log line for pulse " + short)
        gap = "%.1f" % (pulses[i + 1][0] - done) if i + 1 < len(pulses) else "nan"
        print("%.1f %s" % (logged[short] - done, gap))
elif cmd == "line-after":
    after, text, found = float(sys.argv[2]), sys.argv[3], []
    for f in sys.argv[4:]:
        for line in open(f, errors="replace"):
            m = re.match(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{3}) ", line)
            if m and text in line:
                t = datetime.fromisoformat(m.group(1) + "." + m.group(2) + "+00:00").timestamp() * 1000
                if t > after:
                    found.append(t)
    print("%.0f" % min(found) if found else "nan")
elif cmd == "deep":
    r = json.load(open(records(sys.argv[2])[int(sys.argv[3]) - 1]))
    t = parse_time(r["started_at"]).astimezone(timezone.utc)
    print(r["heartbeat_id"], t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000))
else:
    sys.exit("unknown command " + cmd)
