#!/usr/bin/env bash
# The packaged app under a wall clock that is stepped, as NTP, a resumed VM or an operator would: libfaketime
# (Debian faketime) moves the wall clock and leaves the monotonic one alone. Checks that after a step back of 3 h
# the rhythm keeps ticking (liveness) and its next due time follows the clock back, and that the step forward
# again gives one catch-up pulse. Needs the packaged app: ./mvnw package (or verify) first.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=target/quarkus-app/quarkus-run.jar
LIB=$(dpkg -L libfaketime 2>/dev/null | grep '/libfaketime\.so\.1$' | head -1 || true)
[ -f "$JAR" ] || { echo "clock-step-check: $JAR is missing; run ./mvnw package first" >&2; exit 1; }
[ -n "$LIB" ] || { echo "clock-step-check: libfaketime is missing (apt-get install faketime)" >&2; exit 1; }

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
app=
cleanup() {
  if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "clock-step-check: FAIL: $*" >&2
  sed 's/^/  app: /' "$work/app.log" >&2
  exit 1
}

get() { curl -s --max-time 5 "http://127.0.0.1:$port$1" || true; }
next_pulse() { get /heartbeat | jq -r '.next_pulse.at // empty'; }
step_to() { echo "$1" >"$work/offset"; sleep 2; } # libfaketime reads the file at most once a second

echo "+0" >"$work/offset"
LD_PRELOAD=$LIB FAKETIME_TIMESTAMP_FILE="$work/offset" FAKETIME_CACHE_DURATION=1 DONT_FAKE_MONOTONIC=1 \
  HEARTBEAT_LOG_PATH="$work/log" HEARTBEAT_PULSE_INTERVAL=1h HEARTBEAT_DAILY_PULSE_ENABLED=false \
  QUARKUS_HTTP_PORT=$port java -jar "$JAR" >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 120); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/started" || true)" = 200 ] && break
  kill -0 "$app" 2>/dev/null || fail "the app exited at start"
  sleep 0.5
done
before=$(next_pulse)
[ -n "$before" ] || fail "no next pulse before the step"

step_to "-3h"
sleep 3
grep -q "The wall clock stepped back by" "$work/app.log" || fail "the step back was not noticed"
live=$(get /health/live)
since=$(jq -r '.checks[0].data.seconds_since_tick' <<<"$live")
if [ "$(jq -r .status <<<"$live")" != UP ] || ! [ "$since" -le 2 ] 2>/dev/null; then
  fail "the rhythm stopped ticking after the step back: $live"
fi
after=$(next_pulse)
expected=$(date -u -d "$before - 3 hours" +%Y-%m-%dT%H:%M:%SZ)
[ "$after" = "$expected" ] || fail "next pulse $after after the step back, expected $expected (was $before)"
echo "ok    step back 3 h: ticking ($since s since the last tick), next pulse $before -> $after"

step_to "+0"
for _ in $(seq 1 20); do
  reason=$(get /heartbeat | jq -r '.last_pulse.reason // empty')
  [ -n "$reason" ] && break
  sleep 0.5
done
[ "$reason" = catch-up ] || fail "no catch-up pulse after the step forward (last pulse reason: '${reason:-none}')"
sleep 3
records=$(get /heartbeat | jq -r '.log.records')
[ "$records" = 1 ] || fail "$records records after the step forward, expected one catch-up pulse"
echo "ok    step forward 3 h: one catch-up pulse"
