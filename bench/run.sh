#!/usr/bin/env bash
# Mallku Heartbeat benchmarks. Usage: bash bench/run.sh [overhead] [job] [load] [history] [memory] [schedule] [coldstart]
# (no names: all). QUICK=1 fewer repetitions. APP="path/to/native-runner" measures another build of the app
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
else
  REPS="${REPS:-5}"; OVERHEAD_REPS="${OVERHEAD_REPS:-3}"; LOAD_REPS="${LOAD_REPS:-2}"; START_REPS="${START_REPS:-3}"
  MEM_N1="${MEM_N1:-1000}"; MEM_N2="${MEM_N2:-20000}"; SCHED_S="${SCHED_S:-120}"; WRK_S="${WRK_S:-10}"
  HIST_SIZES="${HIST_SIZES:-0 1000 10000 100000}"
fi
MEM_BUDGET_S="${MEM_BUDGET_S:-2400}"      # the second memory checkpoint stops after this long, whatever its count
WARM_UP="${WARM_UP:-120}"          # warm overhead run: manual pulses per circle before the measured ones
WARM_PULSES="${WARM_PULSES:-12}"   # ... then this many measured pulses per ceremony
PORT="${PORT:-18080}"
FAKE_PORT="${FAKE_PORT:-18999}"
TOKEN="bench-token"
ALL=(overhead job load history memory schedule coldstart)
COLD_L_MS="${COLD_L_MS:-300}"             # cold start: the fake provider's latency
JAVA25_HOME="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"   # cold start: a JDK 25 beside the default JDK
SELECTED=("$@"); [[ ${#SELECTED[@]} -eq 0 ]] && SELECTED=("${ALL[@]}")
for s in "${SELECTED[@]}"; do [[ " ${ALL[*]} " == *" $s "* ]] || { echo "unknown benchmark: $s (one of: ${ALL[*]})" >&2; exit 2; }; done

WORK="$(mktemp -d /tmp/mallku-bench.XXXXXX)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do [[ -n "$p" ]] && kill "$p" 2>/dev/null || true; done
  sleep 0.5
  for p in "${PIDS[@]:-}"; do [[ -n "$p" ]] && kill -9 "$p" 2>/dev/null || true; done
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
if [[ " ${SELECTED[*]} " == *" history "* || " ${SELECTED[*]} " == *" overhead "* || " ${SELECTED[*]} " == *" load "* ]]; then
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
