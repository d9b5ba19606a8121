#!/usr/bin/env bash
# The README's first command as a developer meets it: `./mvnw quarkus:dev` on a copy of this tree, then hot
# reloads in a row (a Java edit, an application.properties edit, a new Java class, a bad value and its fix). After
# each one the change is served, the process is alive, the API, health, metrics and Dev UI answer, and the
# history is restored; then the Dev UI renders in Chromium, a pulse runs on demand (no token in dev mode), and the
# rhythm pulses on: one scheduler, no catch-up pulse for a plain reload. Continuous testing runs the suite in the
# same JVM meanwhile and must pass without touching the dev app. On failure it prints the tail of the dev log.
#
#   bash dev/live-reload-check.sh   (needs curl, jq, python3, Chromium and dev/node_modules, all installed by
#                                    deploy/install-tools.sh; run by .ci/run)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
app=$work/app
log=$work/dev.log
dev_pid=

cleanup() {
  if [ -n "$dev_pid" ]; then
    kill -TERM -- "-$dev_pid" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$dev_pid" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$dev_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "FAIL  $*"
  echo "----- last 80 lines of the dev log ($log) -----"
  tail -n 80 "$log" 2>/dev/null || true
  exit 1
}
step() { printf 'ok    %s\n' "$*"; }

# wait_for SECONDS DESCRIPTION CMD...: retries CMD every second while dev mode is alive.
wait_for() {
  local seconds=$1 what=$2
  shift 2
  for _ in $(seq "$seconds"); do
    kill -0 "$dev_pid" 2>/dev/null || fail "dev mode ended while waiting for: $what"
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  fail "after ${seconds}s still waiting for: $what"
}

base() { echo "http://127.0.0.1:$port"; }
get() { curl -sf --max-time 30 "$(base)$1"; }
status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$(base)$1"; }
heartbeat() { get /heartbeat; }

# Every read side answers, and the history is what it was before the reload.
whole() {
  local total_before=$1 state metrics
  kill -0 "$dev_pid" 2>/dev/null || fail "dev mode is not running"
  state=$(heartbeat) || fail "GET /heartbeat does not answer"
  [ "$(jq -r .mode <<<"$state")" = service ] || fail "GET /heartbeat: mode is not service: $state"
  [ "$(jq -r .total_pulses <<<"$state")" -ge "$total_before" ] \
    || fail "the history was not restored: total_pulses $(jq .total_pulses <<<"$state") < $total_before"
  [ "$(jq -r '.next_pulse.at // empty' <<<"$state")" != "" ] || fail "no next pulse after the reload: $state"
  [ "$(status_of /health/live)" = 200 ] || fail "/health/live is not 200"
  [ "$(status_of /health/ready)" = 200 ] || fail "/health/ready is not 200"
  [ "$(status_of /health/heartbeat)" = 200 ] || fail "/health/heartbeat is not 200"
  # (read whole before grep: `grep -q` ends early, and under pipefail curl's broken pipe would fail the check)
  metrics=$(get /metrics) || fail "/metrics does not answer"
  grep -q '^mallku_heartbeat_up ' <<<"$metrics" || fail "/metrics has no mallku_heartbeat_up"
  [ "$(status_of /q/dev-ui/)" = 200 ] || fail "the Dev UI (/q/dev-ui/) is not 200"
}

total() { heartbeat | jq -r .total_pulses; }

# Edits wait for a moment away from the dev rhythm's due times (every 30 s on the minute and half-minute), so
# that no pulse falls due during a reload: a reload that spans a due time rightly runs it as catch-up.
quiet_moment() {
  while :; do
    local s=$((10#$(date +%S) % 30))
    [ "$s" -ge 3 ] && [ "$s" -le 15 ] && return 0
    sleep 1
  done
}

# reload WHAT CHECK...: waits until CHECK passes (each request lets dev mode look for changes) and the hot reload
# has finished: a reload started by continuous testing's file watch serves requests from the new application a
# moment before its start-up observers (restore, metrics) are done.
reloads=0
count() { grep -c "$1" "$log" || true; }
reload() {
  local what=$1 restarts finished
  shift
  restarts=$(count 'Restarting quarkus due to changes')
  finished=$(count 'Live reload total time')
  wait_for 90 "$what" "$@"
  [ "$(count 'Restarting quarkus due to changes')" -gt "$restarts" ] || fail "$what without a hot reload"
  reload_finished() { [ "$(count 'Live reload total time')" -gt "$finished" ]; }
  wait_for 30 "the reload to finish" reload_finished
  reloads=$((reloads + 1))
  step "reload $reloads: $what"
}

# --- A copy of the tree: tracked and new files, not target/ or anything ignored ------------------------------
mkdir -p "$app"
(cd "$root" && git ls-files -z --cached --others --exclude-standard \
  | while IFS= read -r -d '' file; do [ -e "$file" ] && printf '%s\0' "$file"; done \
  | tar --null -T - -cf -) | tar -xf - -C "$app"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# --- Start: the README's command, on a free port, without a terminal ------------------------------------------
# Continuous testing runs the test suite in the same JVM meanwhile, as `r` in the dev console would.
(cd "$app" && exec setsid ./mvnw -B quarkus:dev -Dquarkus.http.port="$port" \
  -Dquarkus.test.continuous-testing=enabled </dev/null >"$log" 2>&1) &
dev_pid=$!
wait_for 300 "dev mode answers GET /heartbeat on port $port" heartbeat
grep -q 'Help improve Quarkus' "$log" && fail "dev mode asked the build-analytics question"
whole 0
step "dev mode started on port $port without asking anything"
pulsed() { [ "$(total)" -ge 1 ]; }
wait_for 45 "the first pulse" pulsed
[ -n "$(ls "$app/target/dev-heartbeats"/*.json 2>/dev/null)" ] || fail "no record in target/dev-heartbeats"
step "the offline voices pulsed; records are in target/dev-heartbeats"

# --- 1. A Java edit: the 400 text of a malformed pulse id ------------------------------------------------------
resource=$app/src/main/java/org/mallku/heartbeat/api/HeartbeatResource.java
grep -q 'is not a pulse id' "$resource" || fail "the check's Java edit has nothing to change: update $0"
quiet_moment
n=$(total)
sed -i 's/is not a pulse id/is not a pulse id [edited]/' "$resource"
answer() { curl -s --max-time 30 "$(base)$1"; }
id_text() { [[ "$(answer /heartbeat/pulses/not-an-id)" == *"[edited]"* ]]; }
reload "a Java edit (HeartbeatResource) is served" id_text
whole "$n"

# --- 2. A configuration edit ---------------------------------------------------------------------------------
quiet_moment
n=$(total)
printf '\n%%dev.heartbeat.rhythm.phase=responsive\n' >>"$app/src/main/resources/application.properties"
phase_is() { [ "$(heartbeat | jq -r .rhythm.phase)" = "$1" ]; }
reload "an application.properties edit (heartbeat.rhythm.phase) is served" phase_is responsive
whole "$n"

# --- 3. A new Java class ---------------------------------------------------------------------------------------
quiet_moment
n=$(total)
cat >"$app/src/main/java/org/mallku/heartbeat/api/LiveReloadProbe.java" <<'JAVA'
package org.mallku.heartbeat.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

@Path("/live-reload-probe")
public class LiveReloadProbe {
    @GET
    public String probe() {
        return "probe";
    }
}
JAVA
probe() { [ "$(get /live-reload-probe)" = probe ]; }
reload "a new Java class (a REST resource) is served" probe
id_text || fail "the Java edit of reload 1 is no longer served"
whole "$n"

# --- 4. A bad value, then its fix: dev mode shows the problem and recovers -------------------------------------
quiet_moment
n=$(total)
printf '%%dev.heartbeat.voices.min=9\n' >>"$app/src/main/resources/application.properties"
refused() { [[ "$(answer /heartbeat)" == *heartbeat.voices.min* ]]; }
reload "a bad heartbeat.voices.min is refused with its problem line" refused
sed -i '/^%dev.heartbeat.voices.min=9$/d' "$app/src/main/resources/application.properties"
last_edit=$(date +%s)
recovered() { phase_is responsive; }
reload "the fixed value is served" recovered
whole "$n"
node "$root/dev/dev-ui-check.mjs" "$(base)" "$work/dev-ui.png" || fail "the Dev UI does not render after reloads"
step "the Dev UI renders in Chromium after the reloads"

# --- A pulse on demand: no token in dev mode -----------------------------------------------------------------
quiet_moment
accepted=$(curl -sf --max-time 30 -X POST "$(base)/heartbeat/pulses") || fail "POST /heartbeat/pulses was refused"
id=$(jq -r .id <<<"$accepted")
wait_for 60 "pulse $id is recorded" get "/heartbeat/pulses/$id"
present=$(get "/heartbeat/pulses/$id" | jq -r .voices_present)
[ "$present" -ge 2 ] || fail "the manual pulse heard $present voice(s)"
step "POST /heartbeat/pulses without a token: pulse $id recorded with $present offline voices"

# --- The rhythm pulses on: one scheduler, no catch-up -----------------------------------------------------------
since=$(date -u +%Y-%m-%dT%H:%M:%S)
scheduled_since() {
  heartbeat | jq -e --arg t "$since" '.last_pulse.started_at > $t and .last_pulse.reason == "interval"'
}
wait_for 45 "a scheduled pulse after the reloads" scheduled_since
pulses=$(get '/heartbeat/pulses?limit=500')
catch_up=$(jq '[.[] | select(.reason == "catch-up")] | length' <<<"$pulses")
[ "$catch_up" -eq 0 ] || fail "$catch_up catch-up pulse(s) after plain reloads: $pulses"
# two schedulers would pulse twice per due time (or refuse one as an overlap)
twice=$(jq '[.[] | select(.reason == "interval")
  | .started_at[0:17] + (if .started_at[17:19] < "30" then "00" else "30" end)]
  | group_by(.) | map(select(length > 1)) | length' <<<"$pulses")
[ "$twice" -eq 0 ] || fail "$twice due time(s) pulsed more than once: $pulses"
# (the dev log also holds the continuous tests' output, so the dev app's own counter tells)
overlaps=$(get /metrics | sed -n 's/^mallku_heartbeat_pulses_skipped_total{cause="overlap".*} //p')
[ "${overlaps:-0}" = 0.0 ] || [ "${overlaps:-0}" = 0 ] || fail "$overlaps pulse(s) refused as overlaps: two rhythms?"
step "$(jq length <<<"$pulses") pulses, one per due time, none catch-up, none refused"

# --- Continuous testing beside it: the suite passes after the last edit, without touching the dev app ---------
tested_after_last_edit() {
  local line at
  line=$(grep -E 'Tests completed at [0-9:]+' "$log" | tail -n 1) || return 1
  # Quarkus writes the hour after midnight as 24 (24:05:59)
  at=$(date -d "$(sed -E 's/.*Tests completed at ([0-9:]+).*/\1/; s/^24:/00:/' <<<"$line")" +%s)
  [ "$at" -gt "$last_edit" ]
}
wait_for 600 "a continuous test run after the last edit" tested_after_last_edit
report=$(grep -E 'Tests completed at' "$log" | tail -n 1)
grep -q 'tests are passing' <<<"$report" || fail "continuous testing beside dev mode: $report"
state=$(heartbeat)
[ "$(jq -r .rhythm.phase <<<"$state")" = responsive ] || fail "a test's configuration reached the dev app: $state"
next=$(date -d "$(jq -r .next_pulse.at <<<"$state")" +%s)
[ "$next" -le $(($(date +%s) + 30)) ] || fail "the dev rhythm is no longer every 30 s: $state"
step "continuous testing beside dev mode: $(sed -E 's/.*(All [0-9]+ tests are passing[^,]*).*/\1/' <<<"$report")"

echo "live-reload-check: $reloads hot reloads, dev mode alive and whole after each"
