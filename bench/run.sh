#!/usr/bin/env bash
# Mallku Heartbeat benchmarks. Usage: bash bench/run.sh [overhead] [job] [load] [history] [memory] [schedule] [coldstart]
# [store] [cli] (no names: all but cli, which needs BASE_APP). QUICK=1 fewer repetitions. APP="path/to/native-runner" measures another build of the app
# (default: java -jar target/quarkus-app/quarkus-run.jar, built here once). See bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
QUICK="${QUICK:-0}"
L_MS="${L_MS:-200}"                       # fake provider latency
if [[ "$QUICK" == 1 ]]; then
  REPS="${REPS:-2}"; OVERHEAD_REPS="${OVERHEAD_REPS:-1}"; LOAD_REPS="${LOAD_REPS:-1}"; START_REPS="${START_REPS:-2}"
  MEM_N1="${MEM_N1:-300}"; MEM_N2="${MEM_N2:-1000}"; SCHED_S="${SCHED_S:-30}"; WRK_S="${WRK_S:-5}"
  HIST_SIZES="${HIST_SIZES:-0 1000 10000}"; WARM_UP="${WARM_UP:-28}"; WARM_PULSES="${WARM_PULSES:-4}"
  STORE_N="${STORE_N:-10000}"; STORE_WARM="${STORE_WARM:-20}"; STORE_PULSES="${STORE_PULSES:-20}"; FAILOVER_KILLS="${FAILOVER_KILLS:-2}"
else
  REPS="${REPS:-5}"; OVERHEAD_REPS="${OVERHEAD_REPS:-3}"; LOAD_REPS="${LOAD_REPS:-2}"; START_REPS="${START_REPS:-3}"
  MEM_N1="${MEM_N1:-1000}"; MEM_N2="${MEM_N2:-20000}"; SCHED_S="${SCHED_S:-120}"; WRK_S="${WRK_S:-10}"
  HIST_SIZES="${HIST_SIZES:-0 1000 10000 100000}"
  STORE_N="${STORE_N:-100000}"; STORE_WARM="${STORE_WARM:-100}"; STORE_PULSES="${STORE_PULSES:-100}"; FAILOVER_KILLS="${FAILOVER_KILLS:-5}"
fi
MEM_BUDGET_S="${MEM_BUDGET_S:-2400}"      # the second memory checkpoint stops after this long, whatever its count
WARM_UP="${WARM_UP:-120}"          # warm overhead run: manual pulses per circle before the measured ones
WARM_PULSES="${WARM_PULSES:-12}"   # ... then this many measured pulses per ceremony
PORT="${PORT:-18080}"
FAKE_PORT="${FAKE_PORT:-18999}"
TOKEN="bench-token"
ALL=(overhead job load history memory schedule coldstart store cli)
COLD_L_MS="${COLD_L_MS:-300}"             # cold start: the fake provider's latency
JAVA25_HOME="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"   # cold start: a JDK 25 beside the default JDK
# store: the PostgreSQL server the store benchmark uses. Its runs get a database of their own, made from PG_ADMIN_DB
# and dropped on exit (one fresh schema in it per measurement): the replicas' advisory locks (leader, pulse in
# flight) hold for a whole database, whatever the schema, so runs in a shared database would contend with any
# other heartbeat using it (tests, another engineer's service) and change each other's figures. PG_DB: use that
# existing database instead (not dropped).
PG_HOST="${PG_HOST:-127.0.0.1}"; PG_PORT="${PG_PORT:-5432}"; PG_USER="${PG_USER:-postgres}"; PG_ADMIN_DB="${PG_ADMIN_DB:-test}"
PG_OWN_DB=""; [[ -z "${PG_DB:-}" ]] && { PG_DB="mallku_bench_$$"; PG_OWN_DB="$PG_DB"; }
SELECTED=("$@"); [[ ${#SELECTED[@]} -eq 0 ]] && SELECTED=("${ALL[@]:0:${#ALL[@]}-1}")
for s in "${SELECTED[@]}"; do [[ " ${ALL[*]} " == *" $s "* ]] || { echo "unknown benchmark: $s (one of: ${ALL[*]})" >&2; exit 2; }; done

WORK="$(mktemp -d /tmp/mallku-bench.XXXXXX)"
PIDS=()
SCHEMAS=()   # PostgreSQL schemas made by the store benchmark, dropped on exit whatever happens
pg() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -qAtX -v ON_ERROR_STOP=1 -c "$1"; }
pg_admin() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_ADMIN_DB" -qAtX -v ON_ERROR_STOP=1 -c "$1"; }
PG_DB_MADE=""
cleanup() {
  for p in "${PIDS[@]:-}"; do [[ -n "$p" ]] && kill "$p" 2>/dev/null || true; done
  sleep 0.5
  for p in "${PIDS[@]:-}"; do [[ -n "$p" ]] && kill -9 "$p" 2>/dev/null || true; done
  for s in "${SCHEMAS[@]:-}"; do [[ -n "$s" ]] && pg "drop schema if exists $s cascade" >/dev/null 2>&1 || true; done
  [[ -n "$PG_DB_MADE" ]] && { pg_admin "drop database if exists $PG_DB_MADE with (force)" >/dev/null 2>&1 || true; }
  [[ -n "${KEEP:-}" ]] || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
st() { python3 "$BENCH/lib/stats.py" "$@"; }
med() { st median "$@"; }
calc() { python3 -c "print(format($1, '$2'))"; }
now_ns() { date +%s%N; }

# ---- tools --------------------------------------------------------------------------------------------------
need=()
command -v wrk >/dev/null || need+=(wrk)
[[ -x /usr/bin/time ]] || need+=(time)
command -v curl >/dev/null || need+=(curl)
if [[ ${#need[@]} -gt 0 ]]; then
  log "installing ${need[*]}"
  apt-get install -y -q "${need[@]}" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "${need[@]}" >/dev/null; }
fi

# ---- build once ---------------------------------------------------------------------------------------------
cd "$ROOT"
[[ -n "${APP:-}" ]] && APP_IS_CUSTOM=1
if [[ -z "${APP:-}" ]]; then
  log "building (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests
  APP="java -jar $ROOT/target/quarkus-app/quarkus-run.jar"
fi
read -r -a APPCMD <<<"$APP"
if [[ -z "${HISTORY_CP:-}" ]] && [[ " ${SELECTED[*]} " == *" history "* || " ${SELECTED[*]} " == *" overhead "* \
    || " ${SELECTED[*]} " == *" load "* || " ${SELECTED[*]} " == *" store "* ]]; then
  log "compiling the history writer (test scope)"
  ./mvnw -B -q test-compile
  ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null
  HISTORY_CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$WORK/cp.txt")"
fi
history_write() { java -cp "$HISTORY_CP" org.mallku.heartbeat.log.HistoryWriter "$@" >&2; }

CORES="$(nproc)"
JDK="$(java -version 2>&1 | head -1 | sed 's/"//g')"
JVM="$(java -version 2>&1 | sed -n 2p)"
MEMTOTAL="$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
STARTED="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

# ---- running the app ----------------------------------------------------------------------------------------
# A clean environment: no provider key or secrets file from the caller's shell leaks into a run.
BASE_ENV=(PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 HEARTBEAT_SECRETS_FILE="$WORK/no-secrets.json" QUARKUS_HTTP_PORT="$PORT")
[[ -n "${JAVA_HOME:-}" ]] && BASE_ENV+=(JAVA_HOME="$JAVA_HOME")
app_env() { env -i "${BASE_ENV[@]}" "$@"; }
# Etc/GMT zone whose local hour is now $1 (Etc/GMT-3 is UTC+3).
zone_for_hour() {
  local h off; h=$((10#$(date -u +%H))); off=$(( ($1 - h + 24) % 24 )); (( off > 14 )) && off=$((off - 24))
  if (( off == 0 )); then echo "Etc/GMT"; elif (( off > 0 )); then echo "Etc/GMT-$off"; else echo "Etc/GMT+$((-off))"; fi
}
QUICK_ZONE() { zone_for_hour 14; }
# start the service in the background: start_service LOGDIR ENV...; sets SVC_PID
start_service() {
  local dir="$1"; shift
  # env execs the app, so $! is the app's own pid (not a subshell's): signals and /proc/<pid> reach it
  env -i "${BASE_ENV[@]}" HEARTBEAT_LOG_PATH="$dir" HEARTBEAT_DAILY_PULSE_ENABLED=false "$@" "${APPCMD[@]}" >"$WORK/service.out" 2>&1 &
  SVC_PID=$!; PIDS+=("$SVC_PID")
}
# wait for /health/ready: prints ms since $1 (ns), fails after 120 s
wait_ready() {
  local t0="$1" i
  for ((i = 0; i < 6000; i++)); do
    if curl -sf -o /dev/null "http://127.0.0.1:$PORT/health/ready"; then echo $(( ($(now_ns) - t0) / 1000000 )); return 0; fi
    kill -0 "$SVC_PID" 2>/dev/null || { tail -20 "$WORK/service.out" >&2; return 1; }
    sleep 0.02
  done
  tail -20 "$WORK/service.out" >&2; return 1
}
stop_service() {
  kill "$SVC_PID" 2>/dev/null || true
  local i; for ((i = 0; i < 400; i++)); do kill -0 "$SVC_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$SVC_PID" 2>/dev/null || true; wait "$SVC_PID" 2>/dev/null || true
  forget_pid "$SVC_PID"
}
forget_pid() {  # a process that has ended: the cleanup on exit must not signal its (possibly reused) id
  local p kept=(); for p in "${PIDS[@]:-}"; do [[ -n "$p" && "$p" != "$1" ]] && kept+=("$p"); done; PIDS=("${kept[@]}")
}
proc_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
heap_used_mb() {  # after a full GC: the live heap (JVM builds only; "n/a" for a native runner)
  if jcmd "$1" GC.run >/dev/null 2>&1; then
    sleep 1
    jcmd "$1" GC.heap_info 2>/dev/null | awk '/ heap / {for (i = 1; i < NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?$/, "", v); printf "%.1f", v / 1024}}'
  else echo "n/a"; fi
}

ROWS=()
row() { ROWS+=("| $1 | $2 | $3 | $4 | $5 | $6 | $7 |"); log "$1 | $2 | $3 | $4 | $5 | $7"; }
verdict() { python3 -c "print('met' if ($1) else 'missed')"; }

# ---- 1. pulse overhead ---------------------------------------------------------------------------------------
bench_overhead() {
  log "1. pulse overhead: fake provider L=${L_MS} ms, circles 2/4/6, ceremonies of 1-4 rounds, $OVERHEAD_REPS cold runs each"
  python3 "$BENCH/lib/fake_provider.py" "$FAKE_PORT" "$L_MS" & PIDS+=($!)
  local i; for ((i = 0; i < 100; i++)); do curl -sf -o /dev/null "http://127.0.0.1:$FAKE_PORT/count" && break; sleep 0.1; done
  local base="http://127.0.0.1:$FAKE_PORT"
  # the fake's own floor: one request's round trip from curl (L plus the fake's and curl's overhead)
  local trips=() k
  for ((k = 0; k < 10; k++)); do
    trips+=("$(curl -sf -o /dev/null -w '%{time_total}' -H 'Content-Type: application/json' -d '{}' "$base/v1/chat/completions")")
  done
  local trip; trip="$(calc "$(med "${trips[@]}") * 1000" .1f)"
  row "1 pulse overhead" "fake provider alone: one request's round trip from curl (10 requests)" "$trip ms" "L = $L_MS ms" \
    "$(calc "$trip / $L_MS" .3f)" "-" "-"
  local providers=(ANTHROPIC_API_KEY=bench HEARTBEAT_PROVIDERS_ANTHROPIC_BASE_URL="$base"
    OPENAI_API_KEY=bench HEARTBEAT_PROVIDERS_OPENAI_BASE_URL="$base/v1"
    MISTRAL_API_KEY=bench HEARTBEAT_PROVIDERS_MISTRAL_BASE_URL="$base/v1"
    GROK_API_KEY=bench HEARTBEAT_PROVIDERS_GROK_BASE_URL="$base/v1"
    DEEPSEEK_API_KEY=bench HEARTBEAT_PROVIDERS_DEEPSEEK_BASE_URL="$base/v1"
    MOONSHOT_API_KEY=bench HEARTBEAT_PROVIDERS_MOONSHOT_BASE_URL="$base/v1"
    HEARTBEAT_PROVIDERS_GOOGLE_ENABLED=false HEARTBEAT_PROVIDERS_LOCAL_ENABLED=false
    HEARTBEAT_VOICES_OFFLINE_ENABLED=false)
  # rounds -> how the ceremony is chosen: hour of a scheduled (single-pulse) run, or three rising scores
  local n r rep
  for n in 2 4 6; do
    for r in 1 2 3 4; do
      local durs=() ceremony=""
      for ((rep = 0; rep < OVERHEAD_REPS; rep++)); do
        local dir="$WORK/overhead-$n-$r-$rep" zone
        mkdir -p "$dir"
        case $r in
          1) zone="$(zone_for_hour 14)" ;;   # Quick Pulse
          2) zone="$(zone_for_hour 21)" ;;   # Evening Reflection
          3) zone="$(zone_for_hour 8)" ;;    # Morning Awakening
          4) zone="$(zone_for_hour 14)"; history_write "$dir" scores 0.5,0.6,0.7 ;;  # Emergence Detection
        esac
        local before after
        before="$(curl -sf "$base/count" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')"
        app_env HEARTBEAT_MODE=single-pulse HEARTBEAT_LOG_PATH="$dir" HEARTBEAT_SINGLE_PULSE_DEDUPE_WINDOW=0s \
          HEARTBEAT_TIME_ZONE="$zone" HEARTBEAT_VOICES_MIN="$n" HEARTBEAT_VOICES_MAX="$n" "${providers[@]}" \
          timeout 120 "${APPCMD[@]}" >"$WORK/overhead.out" 2>&1 || { tail -20 "$WORK/overhead.out" >&2; return 1; }
        after="$(curl -sf "$base/count" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')"
        local rec; read -r -a rec <<<"$(st record "$dir")"
        if [[ "${rec[2]}" != "$n" || "${rec[3]}" != "$r" || $((after - before)) -ne $((n * r)) ]]; then
          log "unexpected pulse: ${rec[*]}, $((after - before)) requests (wanted $n voices x $r rounds)"; return 1
        fi
        durs+=("${rec[0]}"); ceremony="${rec[1]}"
      done
      local m ideal ratio over
      m="$(med "${durs[@]}")"; ideal=$((r * L_MS))
      ratio="$(calc "$m / $ideal" .3f)"; over="$(calc "$m - $ideal" .0f)"
      row "1 pulse overhead, cold (single-pulse)" "$n voices, $r round(s) ($ceremony)" "$(calc "$m" .0f) ms (+${over} ms)" "ideal $ideal ms" "$ratio" \
        "< +20 ms, < 1.05" "$(verdict "$m - $ideal < 20 and $ratio < 1.05")"
    done
  done
  # Warm: the same circles in one long-running service, manual pulses back to back, each naming its ceremony
  # (1 to 4 rounds in turn). The first WARM_UP pulses warm the JIT; rows: the WARM_PULSES per ceremony after them,
  # and one row per circle of the lukewarm pulses 5-28 (pulses hours apart in production stay near this state).
  # Floor: a minimal asyncio client (lib/floor.py) asking the same fake the same rounds, in the same run.
  local ceremonies="quick-pulse,evening-reflection,morning-awakening,emergence-detection"
  for n in 2 4 6; do
    local dir="$WORK/overhead-warm-$n"; mkdir -p "$dir"
    start_service "$dir" HEARTBEAT_VOICES_MIN="$n" HEARTBEAT_VOICES_MAX="$n" HEARTBEAT_API_TOKEN="$TOKEN" \
      HEARTBEAT_API_MANUAL_COOLDOWN=0s "${providers[@]}"
    wait_ready "$(now_ns)" >/dev/null
    python3 "$BENCH/lib/pulser.py" "$PORT" "$TOKEN" $((WARM_UP + 4 * WARM_PULSES)) 900 "$ceremonies" 0.02 >/dev/null
    local i; for ((i = 0; i < 100; i++)); do   # the last pulse finishes
      curl -sf "http://127.0.0.1:$PORT/heartbeat" | grep -q '"pulsing":false' && break; sleep 0.1
    done
    stop_service
    local g lukewarm=""
    while read -r -a g; do
      lukewarm="${lukewarm:+$lukewarm, }${g[0]}: +$(calc "${g[2]} - ${g[0]} * $L_MS" .0f) ms"
    done < <(st groups "$dir" 4 24)
    row "1 pulse overhead, lukewarm (service)" "$n voices, pulses 5-28 after start (6 per ceremony), by rounds" \
      "$lukewarm" "ideal rounds x $L_MS ms" "-" "-" "-"
    while read -r -a g; do
      local ideal=$((g[0] * L_MS)) ratio over floor
      floor="$(python3 "$BENCH/lib/floor.py" "$FAKE_PORT" "$n" "${g[0]}" 5)"
      ratio="$(calc "${g[2]} / $ideal" .3f)"; over="$(calc "${g[2]} - $ideal" .0f)"
      row "1 pulse overhead, warm (service)" "$n voices, ${g[0]} round(s) (${g[3]}, ${g[1]} pulses)" \
        "$(calc "${g[2]}" .0f) ms (+${over} ms; +$(calc "${g[2]} - $floor" .0f) ms over the floor)" \
        "ideal $ideal ms; floor (minimal client) $(calc "$floor" .0f) ms" "$ratio" "< +20 ms, < 1.05" \
        "$(verdict "${g[2]} - $ideal < 20 and $ratio < 1.05")"
    done < <(st groups "$dir" "$WARM_UP")
  done
}

# ---- 2. single-pulse job time ---------------------------------------------------------------------------------
bench_job() {
  log "2. single-pulse job (offline voices) against status on an empty log, $REPS runs each, interleaved"
  local walls=() rsss=() bwalls=() brsss=() rep zone; zone="$(zone_for_hour 14)"
  for ((rep = 0; rep < REPS; rep++)); do
    local empty="$WORK/job-empty-$rep" dir="$WORK/job-$rep" t0 t1
    mkdir -p "$empty" "$dir"
    t0=$(now_ns)
    app_env HEARTBEAT_LOG_PATH="$empty" /usr/bin/time -f '%M' -o "$WORK/base.rss" timeout 120 "${APPCMD[@]}" status >/dev/null 2>&1 || true
    t1=$(now_ns); bwalls+=($(( (t1 - t0) / 1000000 ))); brsss+=("$(tail -1 "$WORK/base.rss")")
    t0=$(now_ns)
    app_env HEARTBEAT_MODE=single-pulse HEARTBEAT_LOG_PATH="$dir" HEARTBEAT_VOICES_OFFLINE_ENABLED=true HEARTBEAT_TIME_ZONE="$zone" \
      /usr/bin/time -f '%M' -o "$WORK/job.rss" timeout 120 "${APPCMD[@]}" >"$WORK/job.out" 2>&1 || { tail -20 "$WORK/job.out" >&2; return 1; }
    t1=$(now_ns); walls+=($(( (t1 - t0) / 1000000 ))); rsss+=("$(tail -1 "$WORK/job.rss")")
  done
  local w bw r br
  w="$(med "${walls[@]}")"; bw="$(med "${bwalls[@]}")"; r="$(med "${rsss[@]}")"; br="$(med "${brsss[@]}")"
  row "2 single-pulse job" "wall time, launch to exit" "$(calc "$w" .0f) ms" "status, empty log: $(calc "$bw" .0f) ms" "$(calc "$w / $bw" .2f)" "-" "-"
  row "2 single-pulse job" "peak RSS, launch to exit" "$(calc "$r / 1024" .0f) MiB" "status, empty log: $(calc "$br / 1024" .0f) MiB" "$(calc "$r / $br" .2f)" "-" "-"
}

# ---- 3. probe and scrape load ----------------------------------------------------------------------------------
run_wrk() {  # run_wrk PATH -> "rps p99ms non2xx"
  wrk -t2 -c16 -d"${WRK_S}s" --latency "http://127.0.0.1:$PORT$1" >"$WORK/wrk.out" 2>&1
  st wrk "$WORK/wrk.out"
}
bench_load() {
  log "3. probe and scrape load: wrk -t2 -c16 -d${WRK_S}s, idle and under back-to-back pulses, $LOAD_REPS run(s) each"
  history_write "$WORK/load" 60   # the status page shows a realistic history: 60 pulses, a full chart and list
  start_service "$WORK/load" HEARTBEAT_VOICES_OFFLINE_ENABLED=true HEARTBEAT_API_TOKEN="$TOKEN" HEARTBEAT_API_MANUAL_COOLDOWN=0s
  wait_ready "$(now_ns)" >/dev/null
  local ep; for ep in /health/live /health/heartbeat /metrics /; do   # warm-up
    wrk -t2 -c16 -d3s "http://127.0.0.1:$PORT$ep" >/dev/null 2>&1
  done
  local cond rep
  for cond in idle pulsing; do
    local pulser=""
    if [[ $cond == pulsing ]]; then
      python3 "$BENCH/lib/pulser.py" "$PORT" "$TOKEN" 1000000 $((LOAD_REPS * 3 * (WRK_S + 2) + 30)) >"$WORK/pulser.out" 2>&1 &
      pulser=$!; PIDS+=("$pulser"); sleep 2
    fi
    local before; before="$(curl -sf "http://127.0.0.1:$PORT/metrics" | awk '/^mallku_heartbeat_pulses_total/ {s += $2} END {print s + 0}')"
    declare -A RPS=() P99=()
    for ((rep = 0; rep < LOAD_REPS; rep++)); do
      for ep in /health/live /health/heartbeat /metrics /; do
        local out; read -r -a out <<<"$(run_wrk "$ep")"
        RPS[$ep]+="${out[0]} "; P99[$ep]+="${out[1]} "
        [[ "${out[2]}" != 0 && "$ep" != /health/heartbeat ]] && log "warning: ${out[2]} non-2xx answers on $ep"
      done
    done
    local after; after="$(curl -sf "http://127.0.0.1:$PORT/metrics" | awk '/^mallku_heartbeat_pulses_total/ {s += $2} END {print s + 0}')"
    [[ -n "$pulser" ]] && { kill "$pulser" 2>/dev/null || true; wait "$pulser" 2>/dev/null || true; }
    local live_rps live_p99
    live_rps="$(med ${RPS[/health/live]})"; live_p99="$(med ${P99[/health/live]})"
    local note=""; [[ $cond == pulsing ]] && note=", $(calc "$after - $before" .0f) pulses during the runs"
    for ep in /health/live /health/heartbeat /metrics /; do
      local rps p99 goal res
      rps="$(med ${RPS[$ep]})"; p99="$(med ${P99[$ep]})"
      goal="-"; res="-"
      if [[ $ep == /health/heartbeat ]]; then goal="rps within 10% of live"; res="$(verdict "$rps >= 0.9 * $live_rps")"; fi
      if [[ $ep == / ]]; then goal="rps at least half of live"; res="$(verdict "$rps >= 0.5 * $live_rps")"; fi
      row "3 load ($cond$note)" "$ep" "$(calc "$rps" .0f) req/s, p99 $(calc "$p99" .2f) ms" \
        "/health/live: $(calc "$live_rps" .0f) req/s, p99 $(calc "$live_p99" .2f) ms" \
        "rps $(calc "$rps / $live_rps" .2f), p99 $(calc "$p99 / $live_p99" .2f)" "$goal" "$res"
    done
    unset RPS P99
  done
  stop_service
}

# ---- 4. history scale -------------------------------------------------------------------------------------------
bench_history() {
  log "4. history scale: sizes $HIST_SIZES; start-up to ready ($START_REPS starts after the first) and status ($REPS runs)"
  local size base_start="" base_status=""
  for size in $HIST_SIZES; do
    local dir="$WORK/history-$size"; mkdir -p "$dir"
    (( size > 0 )) && history_write "$dir" "$size"
    local t0 first starts=() statuses=() rep
    t0=$(now_ns); start_service "$dir"; first="$(wait_ready "$t0")"; stop_service
    for ((rep = 0; rep < START_REPS; rep++)); do
      t0=$(now_ns); start_service "$dir"; starts+=("$(wait_ready "$t0")"); stop_service
    done
    for ((rep = 0; rep < REPS; rep++)); do
      t0=$(now_ns); app_env HEARTBEAT_LOG_PATH="$dir" timeout 120 "${APPCMD[@]}" status --json >/dev/null 2>&1 || true
      statuses+=($(( ($(now_ns) - t0) / 1000000 )))
    done
    local files; files="$(find "$dir" -maxdepth 1 -name 'heartbeat_*.json' | wc -l)"
    local s u; s="$(med "${starts[@]}")"; u="$(med "${statuses[@]}")"
    [[ -z "$base_start" ]] && { base_start="$s"; base_status="$u"; }
    row "4 history scale" "$files records: first start (index rebuilt)" "$first ms" "-" "-" "-" "-"
    row "4 history scale" "$files records: start-up to ready (index present)" "$(calc "$s" .0f) ms" "0 records: $(calc "$base_start" .0f) ms" \
      "$(calc "$s / $base_start" .2f)" "same within noise" "$(verdict "$s <= 1.15 * $base_start")"
    row "4 history scale" "$files records: status --json" "$(calc "$u" .0f) ms" "0 records: $(calc "$base_status" .0f) ms" \
      "$(calc "$u / $base_status" .2f)" "same within noise" "$(verdict "$u <= 1.15 * $base_status")"
    rm -rf "$dir"
  done
}

# ---- 5. memory over time -----------------------------------------------------------------------------------------
bench_memory() {
  log "5. memory: back-to-back manual quick pulses (offline voices), RSS after $MEM_N1 and after up to $MEM_N2 pulses"
  start_service "$WORK/memory" HEARTBEAT_VOICES_OFFLINE_ENABLED=true HEARTBEAT_API_TOKEN="$TOKEN" HEARTBEAT_API_MANUAL_COOLDOWN=0s
  wait_ready "$(now_ns)" >/dev/null
  local t0 n1 n2 hwm1 rss1 heap1 hwm2 rss2 heap2 secs1 secs2
  t0=$(now_ns)
  n1="$(python3 "$BENCH/lib/pulser.py" "$PORT" "$TOKEN" "$MEM_N1" "$MEM_BUDGET_S" quick-pulse)"; sleep 1
  secs1=$(( ($(now_ns) - t0) / 1000000000 ))
  hwm1="$(proc_kb "$SVC_PID" VmHWM)"; rss1="$(proc_kb "$SVC_PID" VmRSS)"; heap1="$(heap_used_mb "$SVC_PID")"
  t0=$(now_ns)
  n2="$(python3 "$BENCH/lib/pulser.py" "$PORT" "$TOKEN" $((MEM_N2 - n1)) "$MEM_BUDGET_S" quick-pulse)"; sleep 1
  secs2=$(( ($(now_ns) - t0) / 1000000000 )); n2=$((n1 + n2))
  hwm2="$(proc_kb "$SVC_PID" VmHWM)"; rss2="$(proc_kb "$SVC_PID" VmRSS)"; heap2="$(heap_used_mb "$SVC_PID")"
  local recorded; recorded="$(find "$WORK/memory" -maxdepth 1 -name 'heartbeat_*.json' | wc -l)"
  stop_service
  local label="$n2 pulses"; (( n2 < MEM_N2 )) && label="$n2 pulses (only: $MEM_N2 did not fit in ${MEM_BUDGET_S} s)"
  row "5 memory" "peak RSS (VmHWM) after $label" "$(calc "$hwm2 / 1024" .0f) MiB" "after $n1 pulses: $(calc "$hwm1 / 1024" .0f) MiB" \
    "$(calc "$hwm2 / $hwm1" .2f)" "no growth beyond noise" "$(verdict "$hwm2 <= 1.10 * $hwm1")"
  row "5 memory" "RSS (VmRSS) after $label" "$(calc "$rss2 / 1024" .0f) MiB" "after $n1 pulses: $(calc "$rss1 / 1024" .0f) MiB" \
    "$(calc "$rss2 / $rss1" .2f)" "-" "-"
  row "5 memory" "live heap after full GC, after $label" "$heap2 MiB" "after $n1 pulses: $heap1 MiB" \
    "$( [[ $heap1 == n/a ]] && echo - || calc "$heap2 / $heap1" .2f)" "-" "$recorded records on disk; $(calc "($n2 - $n1) / max(1, $secs2)" .0f) pulses/s"
}

# ---- 6. schedule precision -----------------------------------------------------------------------------------------
bench_schedule() {
  log "6. schedule precision: pulse-interval=1s for ${SCHED_S} s"
  # check-in-duration 1s: due times closer than it coalesce into one pulse (default 30s would pulse every 30 s)
  start_service "$WORK/schedule" HEARTBEAT_VOICES_OFFLINE_ENABLED=true HEARTBEAT_PULSE_INTERVAL=1s HEARTBEAT_CHECK_IN_DURATION=1s
  wait_ready "$(now_ns)" >/dev/null
  sleep "$SCHED_S"
  stop_service
  local out; read -r -a out <<<"$(st lateness "$WORK/schedule" interval)"
  row "6 schedule precision" "lateness of pulse start vs due second, ${out[3]} pulses in ${SCHED_S} s" \
    "p50 ${out[0]} ms, p99 ${out[1]} ms, max ${out[2]} ms" "due instant (0 ms)" "-" "< 1 s (1 s scheduler tick)" \
    "$(verdict "${out[2]} < 1000")"
}

# ---- 7. cold start -------------------------------------------------------------------------------------------------
# One JVM per run, as a CronJob runs it: JDK 17 and JDK 25 on the plain build, and JDK 25 on the aot-jar build with
# its AOT cache trained by ServiceIT (./mvnw verify -Paot). Runs alternate between the three, REPS rounds of them.
bench_coldstart() {
  [[ -z "${APP_IS_CUSTOM:-}" ]] || { log "7. cold start needs the JVM builds: skipped with APP set"; return 0; }
  [[ -x "$JAVA25_HOME/bin/java" ]] || { log "7. cold start: no JDK 25 at JAVA25_HOME=$JAVA25_HOME"; return 1; }
  log "7. cold start: JDK 17 and JDK 25 plain, JDK 25 with the AOT cache; $REPS alternated runs; fake provider L=${COLD_L_MS} ms"
  local plain="$WORK/plain-app" aot="$ROOT/target/quarkus-app" j17 j25="$JAVA25_HOME/bin/java"
  j17="$(command -v java)"
  cp -r "$ROOT/target/quarkus-app" "$plain"
  log "building the AOT variant (JDK 25, -Paot, ServiceIT as the training run)"
  JAVA_HOME="$JAVA25_HOME" ./mvnw -B -q verify -Paot -Dtest=NoSuch -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=ServiceIT >"$WORK/aot-build.out" 2>&1 || { tail -30 "$WORK/aot-build.out" >&2; return 1; }
  [[ -f "$aot/app.aot" ]] || { log "no $aot/app.aot after the AOT build"; return 1; }
  # AOTMode=on: a cache that cannot be used stops the run instead of being ignored. The "one-shot" rows add the JIT
  # setting the CronJob manifests give a job's JVM (C1 only: a job ends before C2's work pays off).
  local oneshot="-XX:TieredStopAtLevel=1"
  local -A CMD=([jdk17]="$j17 -jar $plain/quarkus-run.jar" [jdk25]="$j25 -jar $plain/quarkus-run.jar"
    [aot]="$j25 -XX:AOTMode=on -XX:AOTCache=$aot/app.aot -jar $aot/quarkus-run.jar"
    [jdk17-c1]="$j17 $oneshot -jar $plain/quarkus-run.jar"
    [aot-c1]="$j25 $oneshot -XX:AOTMode=on -XX:AOTCache=$aot/app.aot -jar $aot/quarkus-run.jar")
  local -A LABEL=([jdk17]="JDK 17, plain" [jdk25]="JDK 25, plain" [aot]="JDK 25, AOT cache"
    [jdk17-c1]="JDK 17, plain, one-shot JIT" [aot-c1]="JDK 25, AOT cache, one-shot JIT")
  local variants=(jdk17 jdk25 aot jdk17-c1 aot-c1) zone base="http://127.0.0.1:$FAKE_PORT"
  zone="$(zone_for_hour 14)"   # Quick Pulse: one round
  python3 "$BENCH/lib/fake_provider.py" "$FAKE_PORT" "$COLD_L_MS" & PIDS+=($!)
  local i; for ((i = 0; i < 100; i++)); do curl -sf -o /dev/null "$base/count" && break; sleep 0.1; done
  local providers=(ANTHROPIC_API_KEY=bench HEARTBEAT_PROVIDERS_ANTHROPIC_BASE_URL="$base"
    OPENAI_API_KEY=bench HEARTBEAT_PROVIDERS_OPENAI_BASE_URL="$base/v1" HEARTBEAT_VOICES_MIN=2 HEARTBEAT_VOICES_MAX=2
    HEARTBEAT_PROVIDERS_GOOGLE_ENABLED=false HEARTBEAT_PROVIDERS_LOCAL_ENABLED=false HEARTBEAT_VOICES_OFFLINE_ENABLED=false)
  local -A WALL=() RSS=() ROUND=() LAT=() PWALL=()
  local rep v
  for ((rep = 0; rep < REPS; rep++)); do
    for v in "${variants[@]}"; do
      local cmd dir="$WORK/cold-$v-$rep" pdir="$WORK/cold-provider-$v-$rep" t0 t1
      read -r -a cmd <<<"${CMD[$v]}"
      mkdir -p "$dir" "$pdir"
      t0=$(now_ns)
      app_env HEARTBEAT_MODE=single-pulse HEARTBEAT_LOG_PATH="$dir" HEARTBEAT_VOICES_OFFLINE_ENABLED=true HEARTBEAT_TIME_ZONE="$zone" \
        /usr/bin/time -f '%M' -o "$WORK/cold.rss" timeout 120 "${cmd[@]}" >"$WORK/cold.out" 2>&1 || { tail -20 "$WORK/cold.out" >&2; return 1; }
      t1=$(now_ns); WALL[$v]+="$(( (t1 - t0) / 1000000 )) "; RSS[$v]+="$(tail -1 "$WORK/cold.rss") "
      t0=$(now_ns)
      app_env HEARTBEAT_MODE=single-pulse HEARTBEAT_LOG_PATH="$pdir" HEARTBEAT_TIME_ZONE="$zone" "${providers[@]}" \
        timeout 120 "${cmd[@]}" >"$WORK/cold.out" 2>&1 || { tail -20 "$WORK/cold.out" >&2; return 1; }
      t1=$(now_ns); PWALL[$v]+="$(( (t1 - t0) / 1000000 )) "
      local fr; read -r -a fr <<<"$(st first-round "$pdir")"
      ROUND[$v]+="${fr[0]} "; LAT[$v]+="${fr[1]} "
    done
  done
  local w17; w17="$(med ${WALL[jdk17]})"
  for v in "${variants[@]}"; do
    local w r goal="-" res="-"
    w="$(med ${WALL[$v]})"; r="$(med ${RSS[$v]})"
    if [[ $v == aot* ]]; then goal="<= 0.5 x JDK 17"; res="$(verdict "$w <= 0.5 * $w17")"; fi
    local baseline="JDK 17, plain: $(calc "$w17" .0f) ms"
    [[ $v == aot-c1 ]] && baseline+="; $(calc "$w / $(med ${WALL[jdk17-c1]})" .2f) x JDK 17 with the same JIT setting"
    row "7 cold start: single-pulse job (offline voices)" "${LABEL[$v]}: wall, launch to exit; peak RSS $(calc "$r / 1024" .0f) MiB" \
      "$(calc "$w" .0f) ms" "$baseline" "$(calc "$w / $w17" .2f)" "$goal" "$res"
  done
  for v in "${variants[@]}"; do
    local round lat pw goal="-" res="-"
    round="$(med ${ROUND[$v]})"; lat="$(med ${LAT[$v]})"; pw="$(med ${PWALL[$v]})"
    if [[ $v == aot* ]]; then goal="< +100 ms"; res="$(verdict "$round - $COLD_L_MS < 100")"; fi
    row "7 cold start: first round, 2 voices vs fake provider" "${LABEL[$v]}: round wall time (voices' recorded latency; whole job)" \
      "$(calc "$round" .0f) ms (+$(calc "$round - $COLD_L_MS" .0f) ms; latency $(calc "$lat" .0f) ms; job $(calc "$pw" .0f) ms)" \
      "1 round x L = $COLD_L_MS ms" "$(calc "$round / $COLD_L_MS" .2f)" "$goal" "$res"
  done
  # leave the plain build in target/ for whatever runs next
  rm -rf "$ROOT/target/quarkus-app" && cp -r "$plain" "$ROOT/target/quarkus-app"
}

# ---- 8. store: the file log against PostgreSQL ---------------------------------------------------------------------
# Same build (a copy of target/quarkus-app taken at the start, so that a rebuild meanwhile changes nothing), runs
# alternated between the two stores, one fresh schema per measurement (Flyway creates it; dropped afterwards).
STORE_RUNS="${STORE_RUNS:-$([[ "$QUICK" == 1 ]] && echo 1 || echo 3)}"   # pulse overhead: services per store
STORE_LAT_N="${STORE_LAT_N:-$([[ "$QUICK" == 1 ]] && echo 10 || echo 30)}"   # history: requests per URL and start
STORE_INTERVAL_S=2                                                     # failover: the replicas' pulse interval
# No provider is called, whatever the machine has: no secrets file, every provider off; text logs, in UTC (the
# pulse overhead reads the log lines' times).
STORE_BASE=(HEARTBEAT_SECRETS_FILE=/nonexistent QUARKUS_LOG_CONSOLE_JSON_ENABLED=false TZ=UTC)
for x in ANTHROPIC OPENAI GOOGLE MISTRAL GROK DEEPSEEK MOONSHOT LOCAL; do STORE_BASE+=("HEARTBEAT_PROVIDERS_${x}_ENABLED=false"); done
STORE_SEQ=0
new_schema() {  # sets SCHEMA to a fresh schema name; Flyway creates it at the first start
  STORE_SEQ=$((STORE_SEQ + 1)); SCHEMA="mallku_bench_$$_$STORE_SEQ"; SCHEMAS+=("$SCHEMA")
}
drop_schema() { pg "drop schema if exists $1 cascade" >/dev/null 2>&1 || log "warning: schema $1 not dropped"; }
store_env() {  # store_env postgresql SCHEMA | store_env file: sets STORE_ENV
  if [[ $1 == postgresql ]]; then
    STORE_ENV=(HEARTBEAT_STORE=postgresql QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DB?currentSchema=$2"
      QUARKUS_DATASOURCE_USERNAME="$PG_USER" QUARKUS_FLYWAY_SCHEMAS="$2")
  else
    STORE_ENV=(HEARTBEAT_STORE=file)
  fi
}
# store_start KIND WHERE ENV...: a timed service start on the file log (WHERE: its folder) or on PostgreSQL (WHERE:
# the schema). Sets START_MS (launch to the first 200 of /health/ready), STARTED_S (Quarkus's "started in") and
# RSS_KB (VmRSS at that moment).
store_start() {
  local kind="$1" where="$2" dir t0 i; shift 2
  store_env "$kind" "$where"
  dir="$where"; [[ $kind == postgresql ]] && dir="$WORK/store-no-folder"
  t0=$(now_ns)
  start_service "$dir" "${STORE_BASE[@]}" "${STORE_ENV[@]}" "$@"
  START_MS="$(wait_ready "$t0")"
  RSS_KB="$(proc_kb "$SVC_PID" VmRSS)"
  STARTED_S=""
  for ((i = 0; i < 100; i++)); do   # the line may come a moment after the port answers
    STARTED_S="$(grep -o 'started in [0-9.]*s' "$WORK/service.out" | head -1 | sed 's/started in //; s/s$//')" || true
    [[ -n "$STARTED_S" ]] && break
    sleep 0.02
  done
  [[ -n "$STARTED_S" ]] || STARTED_S=nan
}
# "median ms" and "(started in x s)" of a list of start samples
ms_med() { calc "$(med "$@")" .0f; }
s_med() { calc "$(med "$@")" .2f; }
mib_med() { calc "$(med "$@") / 1024" .0f; }

store_startup() {
  log "8a. store start-up, empty history: $REPS alternated rounds of a first start and 2 later starts per store"
  local -A MS=() ST=() RSS=()
  local rep kind phase
  for ((rep = 0; rep < REPS; rep++)); do
    new_schema; local schema="$SCHEMA" dir="$WORK/store-start-$rep" order=(postgresql file)
    (( rep % 2 )) && order=(file postgresql)
    for phase in first later later; do
      for kind in "${order[@]}"; do
        if [[ $kind == postgresql ]]; then store_start postgresql "$schema"; else store_start file "$dir"; fi
        stop_service
        MS[$kind-$phase]+="$START_MS "; ST[$kind-$phase]+="$STARTED_S "; RSS[$kind-$phase]+="$RSS_KB "
      done
    done
    drop_schema "$schema"; rm -rf "$dir"
  done
  local p f
  for phase in later first; do
    p="$(med ${MS[postgresql-$phase]})"; f="$(med ${MS[file-$phase]})"
    local what="later starts ($((2 * REPS)) per store; PostgreSQL: schema already migrated, Flyway validates it)"
    [[ $phase == first ]] && what="first start ($REPS per store; PostgreSQL: Flyway creates the schema and migrates; file: a new folder)"
    row "8 store: start-up, empty history" "$what: launch to /health/ready (Quarkus's \"started in\")" \
      "PostgreSQL: $(calc "$p" .0f) ms (started in $(s_med ${ST[postgresql-$phase]}) s)" \
      "file: $(calc "$f" .0f) ms (started in $(s_med ${ST[file-$phase]}) s)" "$(calc "$p / $f" .2f)" "-" "-"
  done
  p="$(med ${RSS[postgresql-later]})"; f="$(med ${RSS[file-later]})"
  row "8 store: start-up, empty history" "RSS (VmRSS) at ready, later starts" "PostgreSQL: $(calc "$p / 1024" .0f) MiB" \
    "file: $(calc "$f / 1024" .0f) MiB" "$(calc "$p / $f" .2f)" "-" "-"
}

store_pulses() {
  log "8b. store pulse overhead: $STORE_RUNS alternated services per store, $STORE_WARM + $STORE_PULSES quick pulses each (offline voices)"
  (( STORE_WARM + STORE_PULSES <= 500 )) || { log "STORE_WARM + STORE_PULSES must be at most 500 (one page)"; return 1; }
  local -A REC=() GAP=()
  local rep kind
  for ((rep = 0; rep < STORE_RUNS; rep++)); do
    local order=(file postgresql); (( rep % 2 )) && order=(postgresql file)
    for kind in "${order[@]}"; do
      local where="$WORK/store-pulses-$rep"
      [[ $kind == postgresql ]] && { new_schema; where="$SCHEMA"; }
      store_start "$kind" "$where" HEARTBEAT_VOICES_OFFLINE_ENABLED=true HEARTBEAT_API_TOKEN="$TOKEN" HEARTBEAT_API_MANUAL_COOLDOWN=0s
      local want=$((STORE_WARM + STORE_PULSES)) got i
      got="$(python3 "$BENCH/lib/pulser.py" "$PORT" "$TOKEN" "$want" 600 quick-pulse 0.001)"
      for ((i = 0; i < 100; i++)); do   # the last pulse finishes
        curl -sf "http://127.0.0.1:$PORT/heartbeat" | grep -q '"pulsing":false' && break; sleep 0.1
      done
      curl -sf "http://127.0.0.1:$PORT/heartbeat/pulses?limit=500" >"$WORK/store-pulses.json"
      stop_service
      (( got == want )) || { log "only $got of $want pulses were accepted"; return 1; }
      local rec gap
      while read -r rec gap; do
        REC[$kind]+="$rec "; [[ $gap == nan ]] || GAP[$kind]+="$gap "
      done < <(st store-pulses "$WORK/service.out" "$WORK/store-pulses.json" "$STORE_WARM")
      if [[ $kind == postgresql ]]; then drop_schema "$where"; else rm -rf "$where"; fi
    done
  done
  local p f
  read -r -a p <<<"$(st dist ${REC[postgresql]})"; read -r -a f <<<"$(st dist ${REC[file]})"
  row "8 store: pulse overhead" "record step: completed_at to the pulse's log line (history in memory, then the store's write), quick pulses back to back, offline voices; ${p[3]} pulses per store after $STORE_WARM warm-up in each of $STORE_RUNS services" \
    "PostgreSQL: ${p[0]} ms (p90 ${p[1]}, max ${p[2]})" "file: ${f[0]} ms (p90 ${f[1]}, max ${f[2]})" \
    "$(calc "${p[0]} / max(${f[0]}, 0.1)" .2f)" "-" "-"
  read -r -a p <<<"$(st dist ${GAP[postgresql]})"; read -r -a f <<<"$(st dist ${GAP[file]})"
  row "8 store: pulse overhead" "pulse to next pulse: next started_at minus completed_at (record step, observers, the flight lock's unlock and lock on PostgreSQL, the client's 1 ms retry after a 409)" \
    "PostgreSQL: ${p[0]} ms (p90 ${p[1]}, max ${p[2]})" "file: ${f[0]} ms (p90 ${f[1]}, max ${f[2]})" \
    "$(calc "${p[0]} / max(${f[0]}, 0.1)" .2f)" "-" "-"
}

store_history() {
  local n="$STORE_N" dir="$WORK/store-history" t0 wrote
  log "8c. store history scale: $n pulses, file folder vs PostgreSQL (imported from the same folder)"
  t0=$(now_ns); history_write "$dir" "$n"; wrote=$(( ($(now_ns) - t0) / 1000000 ))
  new_schema; local schema="$SCHEMA" imports=() outs=() k out
  store_env postgresql "$schema"
  for k in 1 2; do   # the second import finds every pulse already there
    t0=$(now_ns)
    out="$(app_env "${STORE_BASE[@]}" "${STORE_ENV[@]}" timeout 1200 "${APPCMD[@]}" import "$dir" 2>"$WORK/import.err")" \
      || { cat "$WORK/import.err" >&2; log "import failed: $out"; return 1; }
    imports+=($(( ($(now_ns) - t0) / 1000000 ))); outs+=("$out"); log "import $k: $out"
  done
  [[ "${outs[0]}" == "Imported $n pulse(s)"* && "${outs[1]}" == "Imported 0 pulse(s)"*"; $n were already"* ]] \
    || { log "unexpected import output"; return 1; }
  row "8 store: $n pulses" "import of the $n-record folder (launch to exit; the history writer wrote the folder in $(calc "$wrote / 1000" .0f) s)" \
    "$(calc "${imports[0]} / 1000" .1f) s ($(calc "$n / (${imports[0]} / 1000)" .0f) pulses/s)" "-" "-" "-" "-"
  row "8 store: $n pulses" "the same import again: every pulse already there, nothing added (launch to exit)" \
    "$(calc "${imports[1]} / 1000" .1f) s" "first import: $(calc "${imports[0]} / 1000" .1f) s" "$(calc "${imports[1]} / ${imports[0]}" .2f)" "-" "-"
  local deep_id deep_at
  read -r deep_id deep_at <<<"$(st deep "$dir" $((n / 10)))"   # the pulse with 90 % of the history newer than it
  local urls=("/heartbeat" "/heartbeat/pulses?before=$deep_at&limit=50" "/heartbeat/pulses?before=$deep_id&limit=50" "/heartbeat/pulses/$deep_id")
  local labels=("GET /heartbeat (read from memory)" "GET /heartbeat/pulses?before=<instant>&limit=50, $((n * 9 / 10)) pulses deep"
    "GET /heartbeat/pulses?before=<id>&limit=50, the same page by the pulse's id" "GET /heartbeat/pulses/<id> of that deep pulse (its whole record)")
  local -A MS=() ST=() RSS=() LAT=()
  local kind phase rep
  # first starts: PostgreSQL right after the import; the file log rebuilds its missing index
  for kind in postgresql file; do
    if [[ $kind == postgresql ]]; then store_start postgresql "$schema"; else store_start file "$dir"; fi
    local records; records="$(curl -sf "http://127.0.0.1:$PORT/heartbeat" | python3 -c 'import json,sys; print(json.load(sys.stdin)["log"]["records"])')"
    stop_service
    [[ "$records" == "$n" ]] || { log "$kind store holds $records records, not $n"; return 1; }
    MS[$kind-first]="$START_MS"; ST[$kind-first]="$STARTED_S"
  done
  for ((rep = 0; rep < START_REPS; rep++)); do
    local order=(file postgresql); (( rep % 2 )) && order=(postgresql file)
    for kind in "${order[@]}"; do
      if [[ $kind == postgresql ]]; then store_start postgresql "$schema"; else store_start file "$dir"; fi
      MS[$kind]+="$START_MS "; ST[$kind]+="$STARTED_S "; RSS[$kind]+="$RSS_KB "
      local line u=0
      while read -r line; do LAT[$kind-$u]+="$line "; u=$((u + 1)); done < <(python3 "$BENCH/lib/latency.py" "$PORT" "$STORE_LAT_N" "${urls[@]}")
      stop_service
      (( u == ${#urls[@]} )) || { log "latency run failed ($kind)"; return 1; }
    done
  done
  drop_schema "$schema"; rm -rf "$dir"
  local p f
  row "8 store: $n pulses" "first start to ready (PostgreSQL: the first after the import; file: the index rebuilt) (Quarkus's \"started in\")" \
    "PostgreSQL: ${MS[postgresql-first]} ms (started in ${ST[postgresql-first]} s)" "file: ${MS[file-first]} ms (started in ${ST[file-first]} s)" \
    "$(calc "${MS[postgresql-first]} / ${MS[file-first]}" .2f)" "-" "-"
  p="$(med ${MS[postgresql]})"; f="$(med ${MS[file]})"
  row "8 store: $n pulses" "later starts to ready ($START_REPS per store) (Quarkus's \"started in\")" \
    "PostgreSQL: $(calc "$p" .0f) ms (started in $(s_med ${ST[postgresql]}) s)" "file: $(calc "$f" .0f) ms (started in $(s_med ${ST[file]}) s)" \
    "$(calc "$p / $f" .2f)" "-" "-"
  p="$(med ${RSS[postgresql]})"; f="$(med ${RSS[file]})"
  row "8 store: $n pulses" "RSS (VmRSS) at ready, later starts" "PostgreSQL: $(calc "$p / 1024" .0f) MiB" "file: $(calc "$f / 1024" .0f) MiB" \
    "$(calc "$p / $f" .2f)" "-" "-"
  local u
  for ((u = 0; u < ${#urls[@]}; u++)); do
    local a b
    read -r -a a <<<"$(st dist ${LAT[postgresql-$u]})"; read -r -a b <<<"$(st dist ${LAT[file-$u]})"
    row "8 store: $n pulses" "${labels[$u]}: ${a[3]} requests per store ($STORE_LAT_N per start, keep-alive)" \
      "PostgreSQL: median ${a[0]} ms, p90 ${a[1]} ms" "file: median ${b[0]} ms, p90 ${b[1]} ms" "$(calc "${a[0]} / ${b[0]}" .2f)" "-" "-"
  done
}

replica_start() {  # replica_start I: replica I of the failover run on port PORT + 1 + I; sets RPID[I]
  local i="$1"
  env -i "${BASE_ENV[@]}" "${STORE_BASE[@]}" "${STORE_ENV[@]}" QUARKUS_HTTP_PORT=$((PORT + 1 + i)) HEARTBEAT_LOG_PATH="$WORK/replica-$i" \
    HEARTBEAT_PULSE_INTERVAL="${STORE_INTERVAL_S}s" HEARTBEAT_CHECK_IN_DURATION=1s HEARTBEAT_DAILY_PULSE_ENABLED=false \
    HEARTBEAT_VOICES_OFFLINE_ENABLED=true "${APPCMD[@]}" >>"$WORK/replica-$i.out" 2>&1 &
  RPID[i]=$!; PIDS+=("${RPID[i]}")
}
replica_ready() {  # replica_ready I: waits for its /health/ready (120 s)
  local i="$1" k
  for ((k = 0; k < 6000; k++)); do
    curl -sf -o /dev/null "http://127.0.0.1:$((PORT + 1 + i))/health/ready" && return 0
    kill -0 "${RPID[i]}" 2>/dev/null || break
    sleep 0.02
  done
  tail -20 "$WORK/replica-$i.out" >&2; return 1
}
leads() { curl -sf -m 2 "http://127.0.0.1:$((PORT + 1 + $1))/metrics" 2>/dev/null | grep -q '^mallku_heartbeat_leader 1'; }

store_failover() {
  log "8d. store failover: 3 replicas, ${STORE_INTERVAL_S} s interval, the leader SIGKILLed at a random moment, $FAILOVER_KILLS times"
  new_schema; local schema="$SCHEMA" i k j
  store_env postgresql "$schema"
  RPID=()
  replica_start 0; replica_ready 0   # the first one migrates the schema alone
  replica_start 1; replica_start 2; replica_ready 1; replica_ready 2
  sleep 5
  local fails=() leads_ms=() logged_ms=() catchups=0
  for ((k = 0; k < FAILOVER_KILLS; k++)); do
    local leader=""
    for ((j = 0; j < 200 && ${#leader} == 0; j++)); do
      for i in 0 1 2; do leads "$i" && { leader="$i"; break; }; done
      [[ -n "$leader" ]] || sleep 0.1
    done
    [[ -n "$leader" ]] || { log "no replica leads"; return 1; }
    sleep "$(python3 -c "import random; print(round(random.uniform(0, $STORE_INTERVAL_S), 3))")"
    local t_kill t_lead="" next=""
    t_kill=$(now_ns); kill -9 "${RPID[leader]}"; wait "${RPID[leader]}" 2>/dev/null || true; forget_pid "${RPID[leader]}"
    for ((j = 0; j < 600; j++)); do   # at most about 30 s
      if [[ -z "$t_lead" ]]; then
        for i in 0 1 2; do [[ $i == "$leader" ]] && continue; leads "$i" && { t_lead=$(now_ns); break; }; done
      fi
      if [[ -z "$next" ]] && (( j % 4 == 0 )); then
        next="$(pg "select (extract(epoch from started_at) * 1000)::bigint || ' ' || reason from $schema.pulses
          where started_at > to_timestamp($((t_kill / 1000000)) / 1000.0) order by started_at limit 1")"
      fi
      [[ -n "$t_lead" && -n "$next" ]] && break
      sleep 0.05
    done
    [[ -n "$t_lead" && -n "$next" ]] || { log "no failover within 30 s (leader: ${t_lead:-none}, next pulse: ${next:-none})"; return 1; }
    local nx took others=(); read -r -a nx <<<"$next"
    for i in 0 1 2; do [[ $i == "$leader" ]] || others+=("$WORK/replica-$i.out"); done
    took="$(st line-after $((t_kill / 1000000)) "leads the heartbeat now" "${others[@]}")"
    [[ "$took" != nan ]] || { log "no 'leads the heartbeat now' line after the kill"; return 1; }
    fails+=($((nx[0] - t_kill / 1000000))); leads_ms+=($(( (t_lead - t_kill) / 1000000 ))); logged_ms+=($((took - t_kill / 1000000)))
    [[ "${nx[1]}" == catch-up ]] && catchups=$((catchups + 1))
    log "kill $((k + 1)): replica $leader; next pulse (${nx[1]}) ${fails[-1]} ms after; another replica leads ${logged_ms[-1]} ms after (its log), its /metrics said so ${leads_ms[-1]} ms after"
    replica_start "$leader"; replica_ready "$leader"
    sleep 3
  done
  local stats
  stats="$(pg "select count(*) || ' ' || count(distinct due_at) || ' ' || coalesce((select max(extract(epoch from d) * 1000)::bigint
    from (select started_at - lag(started_at) over (order by started_at) d from $schema.pulses) g), 0) || ' '
    || coalesce((extract(epoch from max(due_at) - min(due_at)) / $STORE_INTERVAL_S)::bigint + 1, 0) from $schema.pulses")"
  for i in 0 1 2; do kill "${RPID[i]}" 2>/dev/null || true; done
  for i in 0 1 2; do wait "${RPID[i]}" 2>/dev/null || true; forget_pid "${RPID[i]}"; done
  drop_schema "$schema"
  local s f m g; read -r -a s <<<"$stats"
  read -r -a f <<<"$(st dist "${fails[@]}")"; read -r -a m <<<"$(st dist "${leads_ms[@]}")"; read -r -a g <<<"$(st dist "${logged_ms[@]}")"
  local bound=$((STORE_INTERVAL_S * 1000 + 4000))
  row "8 store: failover (3 replicas, ${STORE_INTERVAL_S} s interval)" "SIGKILL of the leader at a random moment to the next pulse's started_at ($FAILOVER_KILLS kills; $catchups of those pulses a catch-up)" \
    "median $(calc "${f[0]}" .0f) ms, max $(calc "${f[2]}" .0f) ms (all: ${fails[*]})" "interval $((STORE_INTERVAL_S * 1000)) ms" \
    "$(calc "${f[0]} / ($STORE_INTERVAL_S * 1000)" .2f)" "< interval + 4 s (FailoverIT's bound)" "$(verdict "${f[2]} < $bound")"
  row "8 store: failover (3 replicas, ${STORE_INTERVAL_S} s interval)" "SIGKILL to another replica leading: its log line \"leads the heartbeat now\" (the flag mallku_heartbeat_leader reads turns 1 just before it)" \
    "median $(calc "${g[0]}" .0f) ms, max $(calc "${g[2]}" .0f) ms (all: ${logged_ms[*]})" "-" "-" "-" "-"
  row "8 store: failover (3 replicas, ${STORE_INTERVAL_S} s interval)" "SIGKILL to the first /metrics answer of another replica with mallku_heartbeat_leader 1 (both survivors polled in turn with curl, about every 0.1-0.3 s)" \
    "median $(calc "${m[0]}" .0f) ms, max $(calc "${m[2]}" .0f) ms (all: ${leads_ms[*]})" "-" "-" "-" "-"
  row "8 store: failover (3 replicas, ${STORE_INTERVAL_S} s interval)" "pulses recorded during the run (due times are unique by the schema)" \
    "${s[0]} pulses; ${s[1]} distinct due times of ${s[3]} on the grid; longest gap between starts ${s[2]} ms" "-" "-" "-" "-"
}

bench_store() {
  command -v psql >/dev/null || { log "8. store needs psql (postgresql-client)"; return 1; }
  if [[ -n "$PG_OWN_DB" && -z "$PG_DB_MADE" ]]; then
    pg_admin "create database $PG_OWN_DB" >/dev/null || { log "8. store: cannot create database $PG_OWN_DB at $PG_HOST:$PG_PORT (user $PG_USER)"; return 1; }
    PG_DB_MADE="$PG_OWN_DB"
  fi
  pg "select 1" >/dev/null || { log "8. store: PostgreSQL does not answer at $PG_HOST:$PG_PORT (user $PG_USER, database $PG_DB)"; return 1; }
  log "8. store: PostgreSQL $(pg "show server_version"), database $PG_DB"
  # the same build for every run: a copy of target/quarkus-app (another build may replace it meanwhile)
  local -a APPCMD=("${APPCMD[@]}")
  local jar="$ROOT/target/quarkus-app/quarkus-run.jar" k
  if [[ " ${APPCMD[*]} " == *" $jar "* ]]; then
    for ((k = 0; k < 60; k++)); do
      if [[ -f "$jar" ]]; then
        rm -rf "$WORK/store-app"
        cp -r "$ROOT/target/quarkus-app" "$WORK/store-app" 2>/dev/null && [[ -f "$WORK/store-app/quarkus-run.jar" ]] && break
      fi
      log "target/quarkus-app is missing or changing (a build?): waiting 10 s"; sleep 10
    done
    [[ -f "$WORK/store-app/quarkus-run.jar" ]] || { log "no target/quarkus-app to copy"; return 1; }
    for k in "${!APPCMD[@]}"; do [[ "${APPCMD[k]}" == "$jar" ]] && APPCMD[k]="$WORK/store-app/quarkus-run.jar"; done
  fi
  local part
  for part in ${STORE_PARTS:-startup pulses history failover}; do
    log "8. store, $part: load average $(cut -d' ' -f1-3 /proc/loadavg) ($CORES cores)"
    "store_$part"
  done
}

# ---- 9. command line: what the picocli extension costs a single pulse; the usage without Quarkus ------------------
# BASE_APP: the command of the build to compare with, e.g. "java -jar /tmp/before/quarkus-run.jar" (a copy of
# target/quarkus-app built from the commit before the command line). Runs alternate between the two builds, and
# which goes first alternates too.
bench_cli() {
  [[ -n "${BASE_APP:-}" ]] || { log "9. command line: set BASE_APP to the build to compare with (see bench/README.md)"; return 1; }
  local -a base; read -r -a base <<<"$BASE_APP"
  log "9. command line: single-pulse (offline voices), this build against BASE_APP, $REPS alternated runs each"
  local -A WALL=() RSS=() ; local helps=() wrongs=() rep v zone; zone="$(zone_for_hour 14)"
  for ((rep = 0; rep < REPS; rep++)); do
    local order=(new base); (( rep % 2 )) && order=(base new)
    for v in "${order[@]}"; do
      local -a cmd=("${APPCMD[@]}"); [[ $v == base ]] && cmd=("${base[@]}")
      local dir="$WORK/cli-$v-$rep" t0 t1; mkdir -p "$dir"
      t0=$(now_ns)
      app_env HEARTBEAT_MODE=single-pulse HEARTBEAT_LOG_PATH="$dir" HEARTBEAT_VOICES_OFFLINE_ENABLED=true HEARTBEAT_TIME_ZONE="$zone" \
        /usr/bin/time -f '%M' -o "$WORK/cli.rss" timeout 120 "${cmd[@]}" >"$WORK/cli.out" 2>&1 || { tail -20 "$WORK/cli.out" >&2; return 1; }
      t1=$(now_ns); WALL[$v]+="$(( (t1 - t0) / 1000000 )) "; RSS[$v]+="$(tail -1 "$WORK/cli.rss") "
    done
    t0=$(now_ns); app_env timeout 60 "${APPCMD[@]}" --help >/dev/null 2>&1 || { log "--help did not exit 0"; return 1; }
    t1=$(now_ns); helps+=($(( (t1 - t0) / 1000000 )))
    t0=$(now_ns); app_env timeout 60 "${APPCMD[@]}" bogus >/dev/null 2>&1 && { log "bogus exited 0"; return 1; }
    t1=$(now_ns); wrongs+=($(( (t1 - t0) / 1000000 )))
  done
  spread() { printf '%s\n' "$@" | sort -n | sed -n '1p;$p' | paste -sd- -; }
  local w bw r br
  w="$(med ${WALL[new]})"; bw="$(med ${WALL[base]})"; r="$(med ${RSS[new]})"; br="$(med ${RSS[base]})"
  row "9 command line: single-pulse job (offline voices)" "with quarkus-picocli, the arguments read before Quarkus starts: wall, launch to exit (min-max of $REPS; all: ${WALL[new]% })" \
    "$(calc "$w" .0f) ms (+$(calc "$w - $bw" .0f) ms; $(spread ${WALL[new]}) ms)" "before the command line: $(calc "$bw" .0f) ms ($(spread ${WALL[base]}) ms; all: ${WALL[base]% })" \
    "$(calc "$w / $bw" .3f)" "-" "-"
  row "9 command line: single-pulse job (offline voices)" "peak RSS, launch to exit" "$(calc "$r / 1024" .0f) MiB" \
    "before the command line: $(calc "$br / 1024" .0f) MiB" "$(calc "$r / $br" .2f)" "-" "-"
  row "9 command line: usage" "--help: launch to exit 0 (min-max of $REPS)" "$(calc "$(med "${helps[@]}")" .0f) ms ($(spread "${helps[@]}") ms)" \
    "-" "-" "well under 3 s, no Quarkus start" "$(verdict "$(printf '%s\n' "${helps[@]}" | sort -n | tail -1) < 3000")"
  row "9 command line: usage" "bogus: launch to exit 2, usage on stderr (min-max of $REPS)" "$(calc "$(med "${wrongs[@]}")" .0f) ms ($(spread "${wrongs[@]}") ms)" \
    "-" "-" "well under 3 s, no Quarkus start" "$(verdict "$(printf '%s\n' "${wrongs[@]}" | sort -n | tail -1) < 3000")"
}

for s in "${SELECTED[@]}"; do "bench_$s"; done

# ---- the table ---------------------------------------------------------------------------------------------------
{
  echo "# Mallku Heartbeat benchmark results"
  echo
  echo "- machine: $CORES cores ($(nproc --all) online), $MEMTOTAL RAM, $(uname -sr)"
  echo "- JDK: $JDK; $JVM"
  echo "- app: \`$APP\`"
  echo "- run: $STARTED to $(date -u +%Y-%m-%dT%H:%M:%SZ), \`bash bench/run.sh ${*:-}\`, QUICK=$QUICK"
  echo "- medians of $REPS runs (pulse overhead: $OVERHEAD_REPS cold runs per cell, warm: $WARM_PULSES pulses per ceremony after $WARM_UP warm-up ones; load: $LOAD_REPS run(s) of ${WRK_S} s per endpoint; start-up: $START_REPS starts after the first); fake provider latency L = $L_MS ms"
  echo
  echo "| benchmark | case | measured (median) | baseline, same run (median) | ratio | goal | goal met |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
} >"$WORK/table.md"
cat "$WORK/table.md"
cp "$WORK/table.md" "$BENCH/RESULTS.md"
log "wrote bench/RESULTS.md"
