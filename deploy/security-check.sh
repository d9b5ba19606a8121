#!/usr/bin/env bash
# The packaged app as an attacker meets it (issue 26). 1. Every spelling of a path (';' and ';x=1' in each segment,
# '//', '%2F', '%3B', '/./', a trailing '/', upper case, HEAD/PUT/PATCH/DELETE), sent as is, without a token, with a
# wrong one and with the right one: the exact status per row, HTML answers with their security headers, and the
# pulse count of GET /heartbeat grows only with the right token; then the same with no token configured (403).
# 2. At -Xmx256m, 100 concurrent views of the transcript page of the largest transcript the service can record, then
# 100 concurrent GETs of its JSON record: no 500, no OutOfMemoryError, only 200 or 503 with Retry-After, /health/live 200 throughout. Prints the figures.
# Needs the packaged app and the test classes (./mvnw verify).
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || { echo "security-check: $JAR is missing; run ./mvnw verify first" >&2; exit 1; }
[ -f target/test-classes/org/mallku/heartbeat/log/HistoryWriter.class ] \
  || { echo "security-check: target/test-classes is missing; run ./mvnw verify first" >&2; exit 1; }

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
token=security-check-token-2e7b
app=
live=
# stop PID: SIGTERM, then SIGKILL after 40 s (a JVM that ran out of memory can hang in its shutdown)
stop() {
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 1 400); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
cleanup() {
  for pid in $live $app; do stop "$pid"; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "security-check: FAIL: $*" >&2
  [ -f "$work/app.log" ] && tail -n 30 "$work/app.log" | sed 's/^/  app: /' >&2
  exit 1
}

# start_app LOG VAR=VALUE...: the packaged app on $port at -Xmx256m, offline voices, no scheduled pulse, nothing of
# this machine's environment (no provider key, no token)
start_app() {
  local log=$1
  shift
  env -i PATH="$PATH" HOME="$HOME" QUARKUS_HTTP_PORT="$port" HEARTBEAT_LOG_PATH="$log" \
    HEARTBEAT_SECRETS_FILE="$work/no-secrets.json" HEARTBEAT_VOICES_OFFLINE_ENABLED=true \
    HEARTBEAT_DAILY_PULSE_ENABLED=false HEARTBEAT_API_MANUAL_COOLDOWN=0s "$@" \
    java -Xmx256m -jar "$JAR" >>"$work/app.log" 2>&1 &
  app=$!
  for _ in $(seq 1 300); do
    curl -sf -o /dev/null "$base/health/ready" && return 0
    kill -0 "$app" 2>/dev/null || fail "the app exited at start"
    sleep 0.1
  done
  fail "the app was not ready within 30 s"
}
stop_app() { stop "$app"; app=; }
state() { curl -s --max-time 5 "$base/heartbeat"; }
total() { state | jq -r .total_pulses; }
idle() {
  for _ in $(seq 1 300); do
    [ "$(state | jq -r .pulsing)" = false ] && return 0
    sleep 0.1
  done
  fail "a pulse ran for over 30 s"
}

# One row a line: METHOD PATH, then the status without a token, with a wrong one, with the right one. Only the plain
# spelling and those Quarkus normalises to it reach the resource; '{id}' is a recorded pulse's id.
table() {
  cat <<'EOF'
POST /heartbeat/pulses 401 401 202
POST /heartbeat/pulses; 400 400 400
POST /heartbeat/pulses;x=1 400 400 400
POST /heartbeat;x=1/pulses 400 400 400
POST /;x=1/heartbeat/pulses 400 400 400
POST /heartbeat/pulses/;x=1 400 400 400
POST /heartbeat/pulses%3B 400 400 400
POST /heartbeat%3bx=1/pulses 400 400 400
POST //heartbeat/pulses 401 401 202
POST /heartbeat//pulses 401 401 202
POST /heartbeat%2Fpulses 404 404 404
POST /heartbeat/./pulses 401 401 202
POST /heartbeat/x/../pulses 401 401 202
POST /heartbeat/pulses/ 401 401 202
POST /HEARTBEAT/PULSES 404 404 404
POST /heartbeat/Pulses 404 404 404
HEAD /heartbeat/pulses 200 200 200
PUT /heartbeat/pulses 405 405 405
PATCH /heartbeat/pulses 405 405 405
DELETE /heartbeat/pulses 405 405 405
GET / 200 200 200
GET /;x=1 400 400 400
GET /pulses 200 200 200
GET /pulses;x=1 400 400 400
GET /pulses/ 200 200 200
GET //pulses 200 200 200
GET /pulses/{id} 200 200 200
GET /pulses;x=1/{id} 400 400 400
GET /pulses/{id};x=1 400 400 400
GET /pulses/%3B{id} 400 400 400
GET /pulses%2F{id} 404 404 404
GET /pulses/x/../{id} 200 200 200
GET /heartbeat;x=1 400 400 400
GET /heartbeat/pulses;x=1/{id} 400 400 400
GET /no-such-page 404 404 404
EOF
}

# run_table CONFIGURED: every row with each authorization; CONFIGURED=no maps the token's answers (401, 202) to 403
run_table() {
  local configured=$1 id before accepted=0 requests=0 html=0 method path none wrong right auth expected status total
  id=$(state | jq -r .last_pulse.id)
  before=$(total)
  while read -r method path none wrong right; do
    path=${path//\{id\}/$id}
    total=$(total)
    for auth in none wrong right; do
      case $auth in none) expected=$none ;; wrong) expected=$wrong ;; right) expected=$right ;; esac
      if [ "$configured" = no ] && { [ "$expected" = 401 ] || [ "$expected" = 202 ]; }; then expected=403; fi
      local args=(-s -o /dev/null -D "$work/headers" -w '%{http_code}' --max-time 10 --path-as-is)
      case $method in HEAD) args+=(--head) ;; GET) ;; *) args+=(-X "$method") ;; esac
      case $auth in wrong) args+=(-H "Authorization: Bearer wrong-$token") ;; right) args+=(-H "Authorization: Bearer $token") ;; esac
      status=$(curl "${args[@]}" "$base$path" || true)
      requests=$((requests + 1))
      [ "$status" = "$expected" ] || fail "$method $path ($auth token, token configured: $configured): $status, expected $expected"
      if grep -qi '^content-type: *text/html' "$work/headers"; then html=$((html + 1)); fi
      if grep -qi '^content-type: *text/html' "$work/headers" && ! {
        grep -qi "^content-security-policy: .*script-src 'self'.*frame-ancestors 'none'" "$work/headers" \
          && grep -qi '^x-content-type-options: *nosniff' "$work/headers" \
          && grep -qi '^referrer-policy: *no-referrer' "$work/headers"
      }; then
        fail "$method $path ($auth token): an HTML answer without its security headers"
      fi
      if [ "$auth" = wrong ]; then
        [ "$(total)" = "$total" ] || fail "$method $path: a pulse was recorded without the right token"
      fi
      if [ "$status" = 202 ]; then
        accepted=$((accepted + 1))
        idle
      fi
    done
  done < <(table)
  [ "$(total)" = $((before + accepted)) ] || fail "$(($(total) - before)) pulses recorded, $accepted accepted"
  [ "$html" -gt 0 ] || fail "no HTML answer in the table"
  echo "ok    token configured: $configured: $requests requests sent as their exact bytes, each its expected" \
    "status, $html HTML answers with their security headers; $accepted pulses, only after a 202 to the right token"
}

# The log: the largest transcript the service can record (Pulses.largest: 4 rounds of 10 voices, 256 KiB of JSON a reply),
# mostly '"' (6 characters on the page) with a character outside Latin-1 (2 bytes a character in memory), then a
# small pulse, newer, which keeps it out of the in-memory history: each view reads it from the log. Written by the
# tests' record writer (log/HistoryWriter) on the packaged app's libraries.
cp="target/test-classes:target/classes:target/quarkus-app/lib/boot/*:target/quarkus-app/lib/main/*"
big=$(java -cp "$cp" org.mallku.heartbeat.log.HistoryWriter "$work/log" largest '"""""""<€')
java -cp "$cp" org.mallku.heartbeat.log.HistoryWriter "$work/log" scores 0.8 >/dev/null
record_mb=$(du -m "$work/log/"*"_${big:0:8}.json" | cut -f1)

start_app "$work/log" HEARTBEAT_API_TOKEN="$token"
run_table yes
stop_app

start_app "$work/log"
run_table no
curl -s -o "$work/page.html" --max-time 30 "$base/pulses/$big"
[ "$(grep -c "Cut here: the whole reply is in <a href=\"/heartbeat/pulses/$big\">" "$work/page.html")" = 40 ] \
  || fail "the transcript page does not cut each of the 40 replies with a link to the whole"
echo "ok    the largest transcript ($record_mb MB record) shows each of its 40 replies cut, with a link to the" \
  "whole ($(($(stat -c %s "$work/page.html") / 1024)) KiB page)"

# load PATH: 100 concurrent GETs of PATH at once, liveness polled throughout
load() {
  local path=$1 dir
  dir=$(mktemp -d "$work/load.XXXX")
  (
    while [ ! -f "$dir/done" ]; do
      curl -s -o /dev/null -w '%{http_code}\n' --max-time 5 "$base/health/live" >>"$dir/live" || echo 000 >>"$dir/live"
      sleep 0.2
    done
  ) &
  live=$!
  local start clients=() i status counts took_ms hwm_kb
  start=$(date +%s%N)
  for i in $(seq 1 100); do
    curl -s -o /dev/null -D "$dir/$i.headers" -w '%{http_code}\n' --max-time 60 "$base$path" >"$dir/$i.status" &
    clients+=($!)
  done
  for pid in "${clients[@]}"; do wait "$pid" || true; done
  took_ms=$((($(date +%s%N) - start) / 1000000))
  touch "$dir/done"
  wait "$live" || true
  live=
  hwm_kb=$(awk '$1 == "VmHWM:" {print $2}' "/proc/$app/status")
  counts=$(cat "$dir"/*.status | sort | uniq -c | awk '{printf "%s%s x %s", sep, $1, $2; sep=", "}')
  echo "      100 concurrent GET ${path/$big/<id>}: $counts in $took_ms ms; peak RSS (VmHWM) $((hwm_kb / 1024)) MiB;" \
    "/health/live: $(sort "$dir/live" | uniq -c | awk '{printf "%s%s x %s", sep, $1, $2; sep=", "}')"
  for i in $(seq 1 100); do
    status=$(cat "$dir/$i.status")
    case $status in
      200) ;;
      503) grep -qi '^retry-after: *[0-9]' "$dir/$i.headers" || fail "$path: a 503 without Retry-After" ;;
      *) fail "$path answered $status (expected 200, or 503 with Retry-After)" ;;
    esac
  done
  grep -q . "$dir/live" || fail "/health/live was not polled during the load"
  [ -z "$(grep -v '^200$' "$dir/live" || true)" ] || fail "/health/live did not answer 200 throughout the load"
  ! grep -q OutOfMemoryError "$work/app.log" || fail "OutOfMemoryError in the app's log"
  grep -qx 200 "$dir"/*.status || fail "$path was never served"
  echo "ok    no 500, no OutOfMemoryError; every answer 200 or 503 with Retry-After; liveness 200 throughout"
}
load "/pulses/$big"
load "/heartbeat/pulses/$big"
stop_app
