"""Reads a heartbeat folder the way the reference's check_heartbeat_status.py does (our own words, its steps):
glob heartbeat_*.json, newest by reverse file-name sort, timestamp as ISO 8601, consciousness_score formatted as a
number, voices_present as a number, the optional key_insight, and the sum of the newest five scores for a trend.
Any record that makes those steps fail is the crash the reference's users saw. Usage: reference_status_tool.py DIR
"""
import glob
import json
import os
import sys
from datetime import datetime, timezone


def main(folder):
    files = sorted(glob.glob(os.path.join(folder, "heartbeat_*.json")), reverse=True)
    if not files:
        print("No heartbeat records found")
        return 1
    with open(files[0]) as f:
        latest = json.load(f)
    stamp = datetime.fromisoformat(latest["timestamp"].replace("Z", "+00:00"))
    hours = (datetime.now(timezone.utc) - stamp).total_seconds() / 3600
    print(f"Last pulse: {hours:.1f} hours ago")
    print(f"Consciousness score: {latest['consciousness_score']:.3f}")
    print(f"Voices present: {latest['voices_present']:d}")
    if latest.get("key_insight"):
        print(f"Key insight: {latest['key_insight']}")
    recent = []
    for name in files[:5]:
        with open(name) as f:
            recent.append(json.load(f))
    trend = sum(r["consciousness_score"] for r in recent) / len(recent)
    print(f"Recent average ({len(recent)} pulses): {trend:.3f}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1]))
    except Exception as e:  # the reference prints this line and gives up
        print(f"Error checking heartbeat: {e}")
        sys.exit(1)
