#!/usr/bin/env bash
# Nothing lost silently, on the packaged app (target/quarkus-app, from ./mvnw verify): the log folder is a small tmpfs
# that fills up; manual pulses then wait in memory (readiness DOWN, log.pending counts them); at SIGTERM one ERROR
# line names each of them and where they are kept (a folder of the temp dir: the log's disk is full); with room
# again, the next start writes them to the log and serves them. Needs root (mount).
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
app=""
cleanup() {
  if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
  umount "$work/log" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "disk-full-check: FAIL: $*" >&2; exit 1; }
ok() { echo "disk-full-check: ok   $*"; }

mkdir -p "$work/log" "$work/tmp"
mount -t tmpfs -o size=512k tmpfs "$work/log" || fail "cannot mount a tmpfs (root needed)"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# arrays, not functions: a function run with & would leave the JVM behind when its subshell is killed
run=(env -i PATH="$PATH" HOME="$HOME" HEARTBEAT_SECRETS_FILE="$work/no-secrets.json" HEARTBEAT_VOICES_OFFLINE_ENABLED=true
  HEARTBEAT_DAILY_PULSE_ENABLED=false HEARTBEAT_LOG_PATH="$work/log" QUARKUS_LOG_CONSOLE_JSON_ENABLED=false
  QUARKUS_HTTP_PORT="$port" HEARTBEAT_API_TOKEN=check-token HEARTBEAT_API_MANUAL_COOLDOWN=0s
  java -Djava.io.tmpdir="$work/tmp" -jar target/quarkus-app/quarkus-run.jar)
api="http://127.0.0.1:$port"

start() {
  "${run[@]}" >"$work/$1.out" 2>&1 &
  app=$!
  for _ in $(seq 1 300); do
    curl -s -o /dev/null "$api/health/live" && return 0
    kill -0 "$app" 2>/dev/null || { cat "$work/$1.out"; fail "the service did not start"; }
    sleep 0.1
  done
  fail "the service did not answer in 30 s"
}
stop() {
  kill -TERM "$app"
  wait "$app" || true
  app=""
}
total() { curl -sf "$api/heartbeat" | jq -r .total_pulses; }
# one manual pulse, waited for: its id
pulse() {
  local before id
  before=$(total)
  id=$(curl -sf -X POST -H 'Authorization: Bearer check-token' "$api/heartbeat/pulses" | jq -r .id)
  for _ in $(seq 1 100); do
    [ "$(total)" -gt "$before" ] && { echo "$id"; return 0; }
    sleep 0.1
  done
  fail "pulse $id did not finish"
}

start first
pulse >/dev/null
ok "a pulse written to the log folder ($(ls "$work/log" | grep -c '^heartbeat_') record)"

dd if=/dev/zero of="$work/log/filler" bs=64k 2>/dev/null || true # until the disk is full
ids=()
for _ in 1 2 3; do ids+=("$(pulse)"); done
[ "$(curl -sf "$api/heartbeat" | jq -r .log.pending)" = 3 ] || fail "pending: $(curl -sf "$api/heartbeat" | jq -c .log)"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$api/health/ready")" = 503 ] || fail "readiness UP on a full disk"
metrics=$(curl -sf "$api/metrics")
grep -q '^mallku_heartbeat_log_pending 3.0' <<<"$metrics" || fail "no log_pending 3 in /metrics"
ok "disk full: 3 pulses wait in memory (log.pending 3, readiness 503, mallku_heartbeat_log_pending 3)"

stop
line=$(grep 'ERROR.*3 pulse(s) could not be written to the pulse log' "$work/first.out") || { cat "$work/first.out"; fail "no ERROR line at shutdown"; }
for id in "${ids[@]}"; do grep -q "$id" <<<"$line" || fail "the ERROR line does not name $id: $line"; done
grep -q "kept in $work/tmp/mallku-heartbeat-unwritten-" <<<"$line" || fail "not kept in the temp dir: $line"
ok "SIGTERM: one ERROR line names the 3 pulses and where they are kept"

rm -f "$work/log/filler"
start second
for _ in $(seq 1 50); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$api/health/ready")" = 200 ] && break; sleep 0.1; done
[ "$(total)" = 4 ] || fail "after the restart: total $(total), expected 4"
for id in "${ids[@]}"; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$api/heartbeat/pulses/$id")" = 200 ] || fail "pulse $id is not served"
done
[ "$(ls "$work/log" | grep -c '^heartbeat_')" = 4 ] || fail "records in the log: $(ls "$work/log")"
[ -z "$(find "$work/tmp" -name 'heartbeat_*.json')" ] || fail "the kept records were not removed once written"
grep -q '3 pulse(s) not written before the last shutdown are read back' "$work/second.out" || fail "the start does not say so"
stop
ok "restart with room: the 3 pulses are written to the log, served and counted (total 4), the kept copies removed"
