#!/usr/bin/env bash
# Files that lie or block, on the packaged app (target/quarkus-app, from ./mvnw verify) and the machine's PostgreSQL
# (deploy/postgresql-up.sh): a FIFO as the secrets file, as a record and as the index does not hang a single pulse or
# `status` (each run bounded by timeout 60); an index that lies about its totals and one of 600 MB (sparse) do not
# stop the service, which starts with the right totals, one warning and no stack trace; `import` of 60 records of
# 5 MB at -Xmx256m copies them all into a schema of its own, with its time and peak RSS printed.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "files-check: $jar is missing: run ./mvnw package first" >&2; exit 1; }
schema="heartbeat_files_$$"
work=$(mktemp -d)
app=""
cleanup() {
  if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
  psql -h 127.0.0.1 -U postgres -d test -qc "drop schema if exists $schema cascade" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "files-check: FAIL: $*" >&2; exit 1; }
ok() { echo "files-check: ok   $*"; }
no_trace() { ! grep -qE '^\s+at |Exception in thread|OutOfMemoryError' "$1" || fail "$2: a stack trace or an error: $(head -c 3000 "$1")"; }

# arrays, not functions: a function run with & would leave the JVM behind when its subshell is killed
base=(PATH="$PATH" HOME="$HOME" HEARTBEAT_SECRETS_FILE="$work/no-secrets.json" HEARTBEAT_VOICES_OFFLINE_ENABLED=true
  HEARTBEAT_DAILY_PULSE_ENABLED=false QUARKUS_LOG_CONSOLE_JSON_ENABLED=false)

# One pulse or status on a folder, bounded: a run that blocks on a FIFO is killed (exit 124) and fails the check.
bounded() { # name expected-exit-codes log-folder [VAR=value ...] [-- args]
  local name=$1 expected=$2 folder=$3 code
  shift 3
  local vars=() args=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do vars+=("$1"); shift; done
  [ $# -gt 0 ] && shift && args=("$@")
  set +e
  timeout 60 env -i "${base[@]}" HEARTBEAT_LOG_PATH="$folder" "${vars[@]}" java -jar "$jar" "${args[@]}" \
    >"$work/$name.out" 2>&1
  code=$?
  set -e
  [ "$code" != 124 ] || fail "$name: still running after 60 s (blocked on a FIFO?)"
  [[ " $expected " == *" $code "* ]] || fail "$name: exit $code, expected $expected: $(tail -c 3000 "$work/$name.out")"
  no_trace "$work/$name.out" "$name"
}

# Records like the app's own, from a template the app wrote: COUNT copies, SIZE characters of reply text each (0:
# as written), a minute apart from START (UTC, ISO), each with a new id and its file name.
records() { # template folder count size start
  python3 - "$@" <<'EOF'
import datetime, json, os, sys, uuid
template, folder, count, size, start = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
record = json.load(open(template))
text = ("The circle listens, and the pattern of reciprocity holds. " * (size // 58 + 1))[:size]
if size:
    reply = next(r for round in record["rounds"] for r in round["replies"] if r.get("text"))
    reply["text"] = text
os.makedirs(folder, exist_ok=True)
t0 = datetime.datetime.fromisoformat(start)
for i in range(count):
    t = t0 + datetime.timedelta(minutes=i)
    pulse = str(uuid.uuid4())
    stamp = t.strftime("%Y-%m-%dT%H:%M:%S.000+00:00")
    record.update(heartbeat_id=pulse, timestamp=stamp, started_at=stamp,
                  completed_at=(t + datetime.timedelta(seconds=2)).strftime("%Y-%m-%dT%H:%M:%S.000+00:00"))
    with open(os.path.join(folder, "heartbeat_%s_%s.json" % (t.strftime("%Y%m%dT%H%M%SZ"), pulse[:8])), "w") as f:
        json.dump(record, f)
EOF
}

# 1. a FIFO as the secrets file: one warning, the pulse runs on the offline voices
mkfifo "$work/secrets.fifo"
bounded secrets-fifo "0" "$work/log" HEARTBEAT_MODE=single-pulse HEARTBEAT_SECRETS_FILE="$work/secrets.fifo"
grep -q "Secrets file $work/secrets.fifo is ignored: it is a FIFO, not a regular file" "$work/secrets-fifo.out" \
  || fail "secrets-fifo: no warning: $(cat "$work/secrets-fifo.out")"
template=$(ls "$work"/log/heartbeat_*.json | head -n 1)
[ -f "$template" ] || fail "secrets-fifo: no record written"
ok "a FIFO as heartbeat.secrets-file: single pulse exit 0, one warning"

# 2. a FIFO as a record, newer than the index: skipped at start with one warning; status too
mkfifo "$work/log/heartbeat_$(date -u -d '+1 min' +%Y%m%dT%H%M%SZ)_f1f0f1f0.json"
bounded record-fifo "0" "$work/log" HEARTBEAT_MODE=single-pulse
[ "$(grep -c 'f1f0f1f0.json in .*: a FIFO, not a regular file' "$work/record-fifo.out")" = 1 ] \
  || fail "record-fifo: not one warning: $(cat "$work/record-fifo.out")"
bounded status-fifo "0 1 2" "$work/log" -- status --json
sed -n '/^{/,$p' "$work/status-fifo.out" | jq -e '.total_pulses >= 1' >/dev/null \
  || fail "status-fifo: $(cat "$work/status-fifo.out")"
ok "a FIFO as a record: single pulse exit 0 and status answer, one warning each"

# 3. a FIFO as the index: rebuilt, and a regular file again
rm "$work/log/pulse-index.json"
mkfifo "$work/log/pulse-index.json"
bounded index-fifo "0" "$work/log" HEARTBEAT_MODE=single-pulse
grep -q 'The index pulse-index.json in .* cannot be used (a FIFO, not a regular file): rebuilding it' "$work/index-fifo.out" \
  || fail "index-fifo: no warning: $(cat "$work/index-fifo.out")"
[ -f "$work/log/pulse-index.json" ] && [ ! -p "$work/log/pulse-index.json" ] || fail "index-fifo: the index was not rebuilt"
ok "a FIFO as the index: single pulse exit 0, one warning, rebuilt"

# 4. the service on indexes that lie: totals from the records, one warning, no stack trace
serve() { # name folder: starts the service, answers GET /heartbeat in $work/name.json, stops it
  local name=$1 folder=$2 port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  env -i "${base[@]}" HEARTBEAT_LOG_PATH="$folder" QUARKUS_HTTP_PORT="$port" java -jar "$jar" >"$work/$name.out" 2>&1 &
  app=$!
  for _ in $(seq 1 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" && break
    kill -0 "$app" 2>/dev/null || fail "$name: the service did not start: $(tail -c 3000 "$work/$name.out")"
    sleep 0.1
  done
  curl -sf "http://127.0.0.1:$port/heartbeat" >"$work/$name.json" || fail "$name: GET /heartbeat failed"
  kill "$app"
  wait "$app" 2>/dev/null || true
  app=""
  no_trace "$work/$name.out" "$name"
  [ "$(grep -c 'pulse-index.json in .* cannot be used' "$work/$name.out")" = 1 ] \
    || fail "$name: not one warning about the index: $(cat "$work/$name.out")"
}
lying() { # name index-json: three real records, and this index stamped as current
  records "$template" "$work/$1" 3 0 "$(date -u -d '-3 hours' +%Y-%m-%dT%H:%M:00+00:00)"
  echo "$2" >"$work/$1/pulse-index.json"
  touch -r "$work/$1" "$work/$1/pulse-index.json"
}
lying max '{"schema_version": 1, "total": 9223372036854775807, "files": 3, "recent": []}'
serve max "$work/max"
[ "$(jq -r .total_pulses "$work/max.json")" = 3 ] || fail "max: $(cat "$work/max.json")"
ok "an index claiming 9223372036854775807 pulses: the service starts with 3, one warning, no stack trace"
lying vanish '{"schema_version": 1, "recent": [], "total": 3, "files": 0}'
serve vanish "$work/vanish"
newest=$(ls "$work"/vanish/heartbeat_*.json | tail -n 1 | sed 's/.*_\([0-9a-f]\{8\}\)\.json$/\1/')
[ "$(jq -r .total_pulses "$work/vanish.json")" = 3 ] || fail "vanish: $(cat "$work/vanish.json")"
[[ "$(jq -r .last_pulse.id "$work/vanish.json")" == "$newest"* ]] \
  || fail "vanish: the newest record is not the last pulse: $(cat "$work/vanish.json")"
ok "an index of {recent: [], total: 3, files: 0} over three records: all three kept, the newest is the last pulse"
records "$template" "$work/huge" 3 0 "$(date -u -d '-3 hours' +%Y-%m-%dT%H:%M:00+00:00)"
truncate -s 600M "$work/huge/pulse-index.json" # sparse: no disk
touch -r "$work/huge" "$work/huge/pulse-index.json"
serve huge "$work/huge"
[ "$(jq -r .total_pulses "$work/huge.json")" = 3 ] || fail "huge: $(cat "$work/huge.json")"
grep -q 'cannot be used (600 MiB, over the limit of 4 MiB)' "$work/huge.out" || fail "huge: $(cat "$work/huge.out")"
[ "$(stat -c %s "$work/huge/pulse-index.json")" -lt 100000 ] || fail "huge: the index was not rebuilt"
ok "a 600 MB index: not read, the service starts with 3 pulses, one warning, no stack trace; rebuilt"

# 5. import 60 records of 5 MB at -Xmx256m into a schema of its own
records "$template" "$work/big" 60 $((5 * 1024 * 1024)) 2021-01-01T00:00:00+00:00
db=("${base[@]}" HEARTBEAT_LOG_PATH="$work/unused" HEARTBEAT_STORE=postgresql QUARKUS_DATASOURCE_USERNAME=postgres
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$schema" QUARKUS_FLYWAY_SCHEMAS="$schema")
set +e
timeout 120 env -i "${db[@]}" /usr/bin/time -f 'time %e s, peak RSS %M KiB' -o "$work/import.time" \
  java -Xmx256m -jar "$jar" import "$work/big" >"$work/import.out" 2>&1
code=$?
set -e
[ "$code" = 0 ] || fail "import: exit $code: $(tail -c 3000 "$work/import.out")"
no_trace "$work/import.out" import
grep -q '^Imported 60 pulse(s) from .*; 0 were already in the database; 0 record(s) could not be read' "$work/import.out" \
  || fail "import: $(cat "$work/import.out")"
rows=$(psql -h 127.0.0.1 -U postgres -d test -qAtc "select count(*) from $schema.pulses")
[ "$rows" = 60 ] || fail "import: $rows rows, expected 60"
ok "import of 60 records of 5 MB at -Xmx256m: exit 0, 60 rows ($(cat "$work/import.time"))"
