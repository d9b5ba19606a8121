#!/usr/bin/env bash
# The PostgreSQL store as an operator meets it, on the packaged app (target/quarkus-app, from ./mvnw verify) and the
# machine's PostgreSQL (deploy/postgresql-up.sh): a start without a URL and one with an unreachable database end
# with exit code 2 and one readable line; `import` copies a log folder once (a second run adds nothing); `status`
# reads the database; the service starts on it with that history, and a manual pulse lands in the database; while the
# database refuses connections its readiness is DOWN with the reason, and UP again after. The three-replica failover
# test is FailoverIT, in ./mvnw verify. Last, a replica started during a burst of manual pulses agrees with the table.
set -euo pipefail
cd "$(dirname "$0")/.."

database="heartbeat_check_$$"
work=$(mktemp -d)
app=""
replica=""
bursting=""
cleanup() {
  for pid in $bursting $replica $app; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  psql -h 127.0.0.1 -U postgres -d test -qc "drop database if exists $database with (force)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "postgresql-check: FAIL: $*" >&2; exit 1; }
ok() { echo "postgresql-check: ok   $*"; }

psql -h 127.0.0.1 -U postgres -d test -qc "create database $database"
# ready PORT PID OUTPUT: waits for the service's readiness, or fails with its output if it exited
ready() {
  for _ in $(seq 1 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$1/health/ready" && return 0
    kill -0 "$2" 2>/dev/null || { cat "$3"; fail "the service on port $1 did not start"; }
    sleep 0.1
  done
  fail "the service on port $1 was not ready in 30 s"
}
sql() { psql -h 127.0.0.1 -U postgres -d "$1" -qAtc "$2"; }
url="jdbc:postgresql://127.0.0.1:5432/$database"
# arrays, not functions: a function run with & would leave the JVM behind when its subshell is killed
base=(PATH="$PATH" HOME="$HOME" HEARTBEAT_SECRETS_FILE="$work/no-secrets.json" HEARTBEAT_VOICES_OFFLINE_ENABLED=true
  HEARTBEAT_DAILY_PULSE_ENABLED=false HEARTBEAT_LOG_PATH="$work/unused" QUARKUS_LOG_CONSOLE_JSON_ENABLED=false)
db=("${base[@]}" HEARTBEAT_STORE=postgresql QUARKUS_DATASOURCE_JDBC_URL="$url" QUARKUS_DATASOURCE_USERNAME=postgres)
jar=target/quarkus-app/quarkus-run.jar

# 1. mistakes: exit code 2, one line that names the key, no stack trace
set +e
env -i "${base[@]}" HEARTBEAT_STORE=postgresql java -jar "$jar" >"$work/no-url.out" 2>&1; code=$?
set -e
[ "$code" = 2 ] || fail "no URL: exit $code, expected 2: $(cat "$work/no-url.out")"
grep -q '^heartbeat.store=postgresql needs quarkus.datasource.jdbc.url' "$work/no-url.out" || fail "no URL: $(cat "$work/no-url.out")"
! grep -q '^\s*at ' "$work/no-url.out" || fail "no URL: a stack trace"
ok "heartbeat.store=postgresql without a URL: exit 2, one line naming quarkus.datasource.jdbc.url"
set +e
env -i "${base[@]}" HEARTBEAT_STORE=postgresql QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:1/test java -jar "$jar" \
  >"$work/unreachable.out" 2>&1; code=$?
set -e
[ "$code" = 2 ] || fail "unreachable database: exit $code, expected 2: $(cat "$work/unreachable.out")"
grep -q 'cannot be used: Connection to 127.0.0.1:1 refused' "$work/unreachable.out" || fail "unreachable: $(cat "$work/unreachable.out")"
! grep -q '^\s*at ' "$work/unreachable.out" || fail "unreachable database: a stack trace"
ok "an unreachable database: exit 2, one line saying why"

# 2. import a log folder written by the app's own writer, twice
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test >/dev/null
java -cp "target/test-classes:target/classes:$(cat "$work/cp.txt")" org.mallku.heartbeat.log.HistoryWriter \
  "$work/log" scores 0.42,0.7,failed,0.95,0.61,0.8 >/dev/null
env -i "${db[@]}" java -jar "$jar" import "$work/log" >"$work/import1.out" 2>&1 || fail "import: $(cat "$work/import1.out")"
grep -q '^Imported 6 pulse(s) from .*; 0 were already in the database; 0 record(s) could not be read' "$work/import1.out" \
  || fail "import: $(cat "$work/import1.out")"
env -i "${db[@]}" java -jar "$jar" import "$work/log" >"$work/import2.out" 2>&1 || fail "import again: $(cat "$work/import2.out")"
grep -q '^Imported 0 pulse(s) from .*; 6 were already in the database' "$work/import2.out" || fail "import again: $(cat "$work/import2.out")"
ok "import: 6 pulses, then 0 of 6 again (idempotent)"

# 3. status reads the database
set +e
env -i "${db[@]}" java -jar "$jar" status --json >"$work/status.json" 2>"$work/status.err"; code=$?
set -e
[ "$(jq -r .total_pulses "$work/status.json")" = 6 ] || fail "status: $(cat "$work/status.json" "$work/status.err")"
[ "$code" -le 2 ] || fail "status exit $code"
ok "status --json reads the database: 6 pulses, exit $code ($(jq -r .status "$work/status.json"))"

# 4. the service on that history
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
env -i "${db[@]}" QUARKUS_HTTP_PORT="$port" HEARTBEAT_API_TOKEN=check-token HEARTBEAT_API_MANUAL_COOLDOWN=0s java -jar "$jar" >"$work/app.out" 2>&1 &
app=$!
ready "$port" "$app" "$work/app.out"
[ "$(curl -sf "http://127.0.0.1:$port/heartbeat" | jq -r .total_pulses)" = 6 ] || fail "the service did not restore 6 pulses"
ok "the service starts on the imported history"
id=$(curl -sf -X POST -H 'Authorization: Bearer check-token' "http://127.0.0.1:$port/heartbeat/pulses" | jq -r .id)
for _ in $(seq 1 100); do
  rows=$(sql "$database" "select count(*) from pulses where id = '$id'")
  [ "$rows" = 1 ] && break
  sleep 0.1
done
[ "$rows" = 1 ] || fail "the manual pulse $id is not in the database"
# read whole first: grep -q stops reading early, and under pipefail curl's broken pipe would fail the check
metrics=$(curl -sf "http://127.0.0.1:$port/metrics")
grep -q '^mallku_heartbeat_leader 1.0' <<<"$metrics" || fail "the only replica does not lead"
ok "a manual pulse is a row in $database.pulses; the only replica leads"

# 5. the database refuses connections (its sessions ended): readiness DOWN with the reason, liveness UP; then back
sql test "alter database $database allow_connections false" >/dev/null
sql test "select pg_terminate_backend(pid) from pg_stat_activity where datname = '$database'" >/dev/null
for _ in $(seq 1 50); do
  code=$(curl -s -o "$work/ready.json" -w '%{http_code}' "http://127.0.0.1:$port/health/ready")
  [ "$code" = 503 ] && break
  sleep 0.2
done
[ "$code" = 503 ] || fail "readiness stayed $code while the database refused connections"
jq -e '.checks[] | select(.name == "pulse-log") | select(.data.reason == "database: unreachable")' "$work/ready.json" >/dev/null \
  || fail "readiness does not say why: $(cat "$work/ready.json")"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/live")" = 200 ] || fail "liveness failed with the database"
metrics=$(curl -sf "http://127.0.0.1:$port/metrics")
grep -q '^mallku_heartbeat_leader 0.0' <<<"$metrics" || fail "a replica without its database still leads"
sql test "alter database $database allow_connections true" >/dev/null
for _ in $(seq 1 50); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")
  [ "$code" = 200 ] && break
  sleep 0.2
done
[ "$code" = 200 ] || fail "readiness did not recover with the database"
ok "the database refusing connections: readiness 503 (database: unreachable), liveness 200, no leader; ready again after"

# 6. a replica that starts while another records a burst of manual pulses agrees with the table afterwards
port2=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
burst() {
  for _ in $(seq 1 150); do
    curl -s -o /dev/null -X POST -H 'Authorization: Bearer check-token' "http://127.0.0.1:$port/heartbeat/pulses"
    sleep 0.03
  done
}
burst &
bursting=$!
env -i "${db[@]}" QUARKUS_HTTP_PORT="$port2" java -jar "$jar" >"$work/replica.out" 2>&1 &
replica=$!
ready "$port2" "$replica" "$work/replica.out"
kill -0 "$bursting" 2>/dev/null || echo "postgresql-check: note: the burst ended before the second replica was ready"
wait "$bursting"
bursting=""
sleep 3 # replicas read each other's pulses every second; the last pulse of the burst lands meanwhile
table=$(sql "$database" "select total from pulse_counts")
second=$(curl -sf "http://127.0.0.1:$port2/heartbeat" | jq -r .total_pulses)
first=$(curl -sf "http://127.0.0.1:$port/heartbeat" | jq -r .total_pulses)
kill "$replica"; wait "$replica" || true
replica=""
[ "$second" = "$table" ] && [ "$first" = "$table" ] \
  || fail "after a burst: the table counts $table pulses, the replica started during it $second, the other $first"
ok "a replica started during a burst of manual pulses agrees with the table ($table pulses)"
