#!/usr/bin/env bash
# A heartbeat that tells the truth (issue 27), on the packaged app (target/quarkus-app, from ./mvnw verify or package).
#   outage    1. The service's only voices come from a local OpenAI-compatible server (a small Python server here,
#                serving both the `local` provider and `openai` with its base-url pointed at it: a pulse needs two
#                distinct voices), a pulse every 20 s, a webhook receiver for `recovered`; `status` runs with the same
#                configuration.
#             2. A good pulse: /health/heartbeat 200, status up.
#             3. The server stops: within two pulses /health/heartbeat is 503 `failing` with a reason, GET /heartbeat
#                says not beating and failing, the status page in Chromium says failing (#status[data-status]), and
#                `status` exits 2 (`status --json`: "status": "failing").
#             4. The server comes back: the next good pulse makes all of them `up` again, and the `recovered`
#                webhook fired once.
#   schedule  5. A daily schedule read by `status` at 08:59 the day after a 09:00 pulse exits 0 (libfaketime).
#   cli       6. `--help` exits 0 with usage on stdout; `bogus` exits 2 in under 3 s without opening a port.
#   push      7. A single-pulse push to a Pushgateway URL with credentials (a receiver here, then nothing listening)
#                never puts the password in the output; the receiver gets it as a basic-auth header.
# Run all, or some groups: deploy/truth-check.sh [outage] [schedule] [cli] [push]. Screenshots: target/truth-screenshots/.
# TRUTH_CHECK_KEEP_GOING=1 reports every failed assertion and goes on (the later ones may fail for an earlier one's sake),
# then exits 1: to see at once which promises a build keeps.
#
# Pulses must stay under the providers' circuit breaker (3 failed requests in a row open it for 10 minutes, not
# configurable): the outage runs at a local hour that makes the ceremony the one-round Consciousness Pulse (one request
# per provider a pulse) and the server comes back after at most two failed pulses.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=target/quarkus-app/quarkus-run.jar
# seconds between pulses in the outage: the readers must be done, and the server back, within two of them
INTERVAL=${TRUTH_CHECK_INTERVAL:-20}
PASSWORD=S3cretPushPw
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
LIB=$(dpkg -L libfaketime 2>/dev/null | grep '/libfaketime\.so\.1$' | head -1 || true)

groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(outage schedule cli push)
for g in "${groups[@]}"; do
  case $g in outage | schedule | cli | push) ;; *) echo "usage: deploy/truth-check.sh [outage] [schedule] [cli] [push]" >&2; exit 2 ;; esac
done
want() { [[ " ${groups[*]} " == *" $1 "* ]]; }

[ -f "$JAR" ] || { echo "truth-check: $JAR is missing; run ./mvnw package (or verify) first" >&2; exit 1; }
tools=(curl jq python3)
if want outage; then tools+=(node); fi
if want cli; then tools+=(ss); fi
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null || { echo "truth-check: $tool is missing (deploy/install-tools.sh)" >&2; exit 1; }
done
if want outage; then
  [ -x "$CHROMIUM" ] || { echo "truth-check: $CHROMIUM is missing (deploy/install-tools.sh)" >&2; exit 1; }
  [ -d dev/node_modules/playwright-core ] || { echo "truth-check: dev/node_modules is missing (deploy/install-tools.sh)" >&2; exit 1; }
fi
if want schedule; then
  [ -n "$LIB" ] || { echo "truth-check: libfaketime is missing (apt-get install faketime)" >&2; exit 1; }
fi

work=$(mktemp -d)
mkdir -p "$work/tmp" target/truth-screenshots
pids=()
step=setup
app_log=
failures=0
# stop PID: SIGTERM, then SIGKILL after 15 s
stop() {
  local pid=$1 kept=() p
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  for p in "${pids[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
  pids=("${kept[@]}")
}
cleanup() {
  local pid
  for pid in "${pids[@]}"; do stop "$pid"; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
fail() {
  echo "truth-check: FAIL in step $step: $*" >&2
  failures=$((failures + 1))
  [ -z "${TRUTH_CHECK_KEEP_GOING:-}" ] || return 0
  if [ -n "$app_log" ] && [ -f "$app_log" ]; then
    tail -n 25 "$app_log" | jq -Rr '(fromjson? | "\(.timestamp) \(.level) \((.loggerName // "") | sub(".*[.]"; "")): \(.message)") // .' \
      | cut -c1-400 | sed 's/^/  app: /' >&2
  fi
  exit 1
}
reported=0
# ok WHAT: says that an assertion held, unless one failed since the last ok (TRUTH_CHECK_KEEP_GOING)
ok() {
  if [ "$failures" -gt "$reported" ]; then reported=$failures; return 0; fi
  echo "ok    $step: $*"
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Nothing of this machine's environment (no provider key, no token), temporary files in $work
base=(PATH="$PATH" HOME="$HOME" TZ=UTC HEARTBEAT_SECRETS_FILE="$work/no-secrets.json")
java=(java -Xmx256m -Djava.io.tmpdir="$work/tmp" -jar "$JAR")

# The small HTTP servers. provider: OpenAI's POST .../chat/completions with one plain reply (the heuristic scores it
# 0.60: an `ok` pulse, and the ceremony ladder stays on its plain rung); receiver: any POST or PUT answered 200. Each
# request is one JSON line in LOG (method, path, headers with lower-case names). The port (0: any free one) is written
# to PORTFILE once listening.
cat >"$work/servers.py" <<'EOF'
import json, os, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

mode, port, portfile, log = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
REPLY = "The circle is steady and attentive today; its shared attention holds."

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            data = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def answer(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        body = self.body()
        with open(log, "a") as f:
            f.write(json.dumps({"method": self.command, "path": self.path, "bytes": len(body),
                                "headers": {k.lower(): v for k, v in self.headers.items()}}) + "\n")
        if mode == "receiver":
            return self.answer(200, {})
        if not self.path.endswith("/chat/completions"):
            return self.answer(404, {"error": {"message": "no such path: " + self.path}})
        model = json.loads(body or b"{}").get("model", "truth")
        self.answer(200, {"id": "chatcmpl-truth", "object": "chat.completion", "created": int(time.time()),
                          "model": model, "choices": [{"index": 0, "finish_reason": "stop",
                          "message": {"role": "assistant", "content": REPLY}}],
                          "usage": {"prompt_tokens": 42, "completion_tokens": 12, "total_tokens": 54}})

    do_PUT = do_POST

server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
with open(portfile + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.replace(portfile + ".tmp", portfile)
server.serve_forever()
EOF

# serve MODE NAME [PORT]: starts a server; sets served_pid and served_port
served_pid=
served_port=
serve() {
  local mode=$1 name=$2 port=${3:-0}
  rm -f "$work/$name.port"
  python3 "$work/servers.py" "$mode" "$port" "$work/$name.port" "$work/$name.log" 2>>"$work/$name.err" &
  served_pid=$!
  pids+=("$served_pid")
  for _ in $(seq 1 100); do
    [ -s "$work/$name.port" ] && { served_port=$(cat "$work/$name.port"); return 0; }
    kill -0 "$served_pid" 2>/dev/null || break
    sleep 0.1
  done
  fail "the $name server did not start on port $port: $(tail -n 3 "$work/$name.err" 2>/dev/null)"
}

# The status page in Chromium: page.mjs BASE EXPECTED SCREENSHOT prints what #status says; exit 1 unless
# #status[data-status=EXPECTED] appears within 10 s with the word in its text
cat >"$work/page.mjs" <<'EOF'
import { createRequire } from 'node:module';
const [base, expected, shot, devDir] = process.argv.slice(2);
const { chromium } = createRequire(`${devDir}/package.json`)('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  let found = true;
  await page.waitForSelector(`#status[data-status="${expected}"]`, { timeout: 10_000 }).catch(() => { found = false; });
  const seen = await page.evaluate(() => {
    const status = document.querySelector('#status');
    const squash = (s) => (s || '').replace(/\s+/g, ' ').trim();
    if (status) return { status: status.dataset.status ?? null, text: squash(status.textContent) };
    return { status: null, text: null, freshness: document.querySelector('[data-freshness]')?.dataset.freshness ?? null,
      h1: squash(document.querySelector('h1')?.textContent) };
  });
  await page.screenshot({ path: shot, fullPage: true });
  const says = new RegExp(`\\b${expected}\\b`, 'i').test(seen.text || '');
  console.log(JSON.stringify(seen));
  if (!found || !says) process.exitCode = 1;
} finally {
  await browser.close();
}
EOF
page_says() { CHROMIUM="$CHROMIUM" node "$work/page.mjs" "$1" "$2" "$3" "$PWD/dev"; }

# ----------------------------------------------------------------------------------------------------------------
if want outage; then
  step="1 (a service whose only voices are a local OpenAI-compatible server)"
  # a zone where it is about 13:00 now: no Morning Awakening or Evening Reflection (their 2-3 rounds would open the
  # circuits within one or two failed pulses), the ceremony is the one-round Consciousness Pulse
  h=$((10#$(date -u +%H)))
  off=$(((13 - h + 24) % 24))
  [ "$off" -le 12 ] || off=$((off - 24))
  if [ "$off" = 0 ]; then zone=UTC; elif [ "$off" -gt 0 ]; then zone="Etc/GMT-$off"; else zone="Etc/GMT+$((-off))"; fi
  serve provider provider
  provider_pid=$served_pid
  provider_port=$served_port
  serve receiver webhook
  webhook_port=$served_port
  port=$(free_port)
  api="http://127.0.0.1:$port"
  voices_url="http://127.0.0.1:$provider_port/v1"
  outage=(HEARTBEAT_LOG_PATH="$work/outage-log" HEARTBEAT_VOICES_OFFLINE_ENABLED=false
    HEARTBEAT_VOICES_MIN=2 HEARTBEAT_VOICES_MAX=2
    HEARTBEAT_PROVIDERS_LOCAL_BASE_URL="$voices_url" HEARTBEAT_PROVIDERS_LOCAL_MODEL=truth-local
    HEARTBEAT_PROVIDERS_OPENAI_BASE_URL="$voices_url" HEARTBEAT_PROVIDERS_OPENAI_API_KEY=truth-check-not-a-key
    HEARTBEAT_PROVIDERS_OPENAI_MODEL=truth-openai
    HEARTBEAT_PULSE_INTERVAL="${INTERVAL}s" HEARTBEAT_DAILY_PULSE_ENABLED=false HEARTBEAT_TIME_ZONE="$zone"
    HEARTBEAT_CHECK_IN_DURATION=5s HEARTBEAT_FRESHNESS_GRACE=10m
    HEARTBEAT_WEBHOOKS_TRUTH_URL="http://127.0.0.1:$webhook_port/hook" "HEARTBEAT_WEBHOOKS_TRUTH_EVENTS=failed,down,recovered")
  app_log="$work/outage-app.log"
  env -i "${base[@]}" "${outage[@]}" QUARKUS_HTTP_PORT="$port" "${java[@]}" >"$app_log" 2>&1 &
  app=$!
  pids+=("$app")
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null --max-time 2 "$api/health/ready" && break
    kill -0 "$app" 2>/dev/null || fail "the service exited at start"
    sleep 0.1
  done
  curl -sf -o /dev/null --max-time 2 "$api/health/ready" || fail "the service was not ready within 60 s"
  state() { curl -s --max-time 5 "$api/heartbeat" || true; }
  health() { curl -s -o "$work/health.json" -w '%{http_code}' --max-time 5 "$api/health/heartbeat" || true; }
  # health_is CODE STATUS: /health/heartbeat answers CODE with its heartbeat check's data.status STATUS (in health.json)
  health_is() {
    code=$(health)
    [ "$code" = "$1" ] && jq -e --arg s "$2" '.checks[]? | select(.name == "heartbeat") | .data.status == $s' "$work/health.json" >/dev/null 2>&1
  }
  heartbeat_check() {
    jq -c '[.checks[]? | select(.name == "heartbeat") | {status, data: {status: .data.status, reason: .data.reason}}][0]
      // "without a heartbeat check"' "$work/health.json" 2>/dev/null || head -c 300 "$work/health.json"
  }
  voices=$(state | jq -r '[.voices_available[]? | "\(.provider)/\(.model)"] | join(", ")')
  [[ $voices == *local/truth-local* && $voices == *openai/truth-openai* ]] \
    || fail "the service does not see both voices of the local server (it sees: '${voices:-none}')"
  ok "service on port $port (zone $zone, a pulse every $INTERVAL s), voices $voices at $voices_url"

  # wait_pulse AFTER SECONDS: waits until the pulse count exceeds AFTER and no pulse runs; prints the newest pulse
  wait_pulse() {
    local after=$1 until=$(($(now_ms) + $2 * 1000)) s
    while [ "$(now_ms)" -lt "$until" ]; do
      s=$(state)
      if [ "$(jq -r '.total_pulses // 0' <<<"$s")" -gt "$after" ] && [ "$(jq -r .pulsing <<<"$s")" = false ]; then
        jq -c '.last_pulse + {total: .total_pulses}' <<<"$s"
        return 0
      fi
      sleep 0.2
    done
    return 1
  }
  outcome() { jq -r .outcome <<<"$1"; }
  describe() { [ -n "$1" ] || { echo "no pulse"; return; }; jq -r '"pulse \(.id[0:8]) (\(.ceremony)): \(.outcome)\(if .failure_reason then " \(.failure_reason)" else "" end)"' <<<"$1"; }
  # readers STATE CODE [WORD]: the status page in Chromium, `status` and `status --json`, run at once (in the outage
  # they must fit between two pulses): the page's #status says STATE, status exits CODE (with WORD in its report),
  # status --json says "status": STATE
  readers() {
    local expected=$1 code=$2 word=${3:-} seen page_rc=0 rc=0 json_rc=0 text json
    env -i "${base[@]}" "${outage[@]}" "${java[@]}" status >"$work/status.out" 2>"$work/status.err" &
    text=$!
    env -i "${base[@]}" "${outage[@]}" "${java[@]}" status --json >"$work/status.json" 2>"$work/status-json.err" &
    json=$!
    pids+=("$text" "$json")
    seen=$(page_says "$api" "$expected" "target/truth-screenshots/$expected.png" 2>&1) || page_rc=$?
    wait "$text" || rc=$?
    wait "$json" || json_rc=$?
    stop "$text"
    stop "$json"
    [ "$page_rc" = 0 ] \
      || fail "the status page does not say $expected: expected #status with data-status=\"$expected\" and the word in its text; saw $seen"
    ok "the status page says $expected in Chromium: $seen"
    if [ "$rc" != "$code" ] || { [ -n "$word" ] && ! grep -qiw "$word" "$work/status.out"; }; then
      fail "status exited $rc (expected $code${word:+, with the word $word in its report}); it printed: $(awk 'NF == 0 {exit} {print}' "$work/status.out" | tr -s ' ' | tr '\n' '|')"
    fi
    jq -e --arg s "$expected" '.status == $s' "$work/status.json" >/dev/null 2>&1 \
      || fail "status --json (exit $json_rc) says \"status\": $(jq -c .status "$work/status.json" 2>/dev/null || echo "no JSON: $(head -c 200 "$work/status.json")"), expected \"$expected\""
    ok "status exits $code${word:+ and says $word}; status --json: \"status\": \"$expected\""
  }

  step="2 (a good pulse: up)"
  pulse=$(wait_pulse 0 $((INTERVAL * 2 + 15))) || fail "no pulse within $((INTERVAL * 2 + 15)) s"
  case $(outcome "$pulse") in ok | alert | celebration) ;; *) fail "the first pulse has no result: $(describe "$pulse")" ;; esac
  for _ in $(seq 1 25); do
    health_is 200 up && break
    sleep 0.2
  done
  health_is 200 up ||
    fail "after $(describe "$pulse"), /health/heartbeat answered $code $(heartbeat_check), expected 200 with data.status up"
  ok "$(describe "$pulse"); /health/heartbeat 200, status up"

  step="3 (the server stops: failing everywhere)"
  stop "$provider_pid"
  stopped_at=$(now_ms)
  total=$(jq -r .total <<<"$pulse")
  first=$(wait_pulse "$total" $((INTERVAL + 15))) || fail "no pulse within $((INTERVAL + 15)) s of the server stopping"
  failed_at=$(now_ms)
  [ "$(outcome "$first")" = failed ] || fail "the first pulse after the server stopped did not fail: $(describe "$first")"
  # within two pulses: until the second pulse after the stop had time to finish
  until=$((stopped_at + (INTERVAL * 2 + 8) * 1000))
  while :; do
    code=$(health)
    [ "$code" = 503 ] && jq -e '.checks[]? | select(.name == "heartbeat") | .data.status == "failing" and (.data.reason | type == "string" and length > 0)' \
      "$work/health.json" >/dev/null 2>&1 && break
    [ "$(now_ms)" -lt "$until" ] || {
      fail "two pulses after the server stopped ($(describe "$first")), /health/heartbeat answered $code $(heartbeat_check); expected 503 with data.status failing and a data.reason"
      break
    }
    sleep 0.3
  done
  ok "$(describe "$first"); /health/heartbeat 503 failing: $(jq -r '.checks[] | select(.name == "heartbeat") | .data.reason' "$work/health.json")"
  s=$(state)
  jq -e '.beating == false and .status == "failing" and (.status_reason | type == "string" and length > 0)' <<<"$s" >/dev/null \
    || fail "GET /heartbeat says $(jq -c '{beating, status, status_reason, freshness}' <<<"$s"), expected beating false, status failing and a status_reason"
  ok "GET /heartbeat: beating false, status failing ($(jq -r .status_reason <<<"$s"))"
  readers failing 2 failing
  failed_pulses=$(($(state | jq -r .total_pulses) - total))

  step="4 (the server comes back: up everywhere, recovered once)"
  serve provider provider "$provider_port"
  away=$((($(now_ms) - failed_at) / 1000))
  total=$(state | jq -r .total_pulses)
  good=
  until=$(($(now_ms) + (INTERVAL * 2 + 15) * 1000))
  while [ "$(now_ms)" -lt "$until" ]; do
    pulse=$(wait_pulse "$total" $(((until - $(now_ms)) / 1000 + 1))) || break
    total=$(jq -r .total <<<"$pulse")
    case $(outcome "$pulse") in ok | alert | celebration) good=$pulse; break ;; esac
  done
  if [ -z "$good" ]; then
    open=$(curl -s --max-time 5 "$api/metrics" | grep '^mallku_heartbeat_provider_circuit_open' | tr '\n' ' ' || true)
    fail "no pulse with a result within $((INTERVAL * 2 + 15)) s of the server coming back (newest: $(describe "${pulse:-null}")," \
      "$failed_pulses failed pulses while it was away; circuits: ${open:-unknown}). The server must be back before the third failed request opens a circuit for 10 min"
  fi
  for _ in $(seq 1 25); do
    health_is 200 up && break
    sleep 0.2
  done
  health_is 200 up ||
    fail "after $(describe "$good"), /health/heartbeat answered $code $(heartbeat_check), expected 200 with data.status up"
  ok "$(describe "$good") after $failed_pulses failed (the server came back $away s after the first; $((2 * INTERVAL)) s at most); /health/heartbeat 200 up"
  s=$(state)
  jq -e '.beating == true and .status == "up"' <<<"$s" >/dev/null \
    || fail "GET /heartbeat says $(jq -c '{beating, status, status_reason, freshness}' <<<"$s"), expected beating true and status up"
  ok "GET /heartbeat: beating true, status up"
  readers up 0
  recovered() { jq -s '[.[] | select(.headers["x-mallku-event"] == "recovered")] | length' "$work/webhook.log" 2>/dev/null || echo 0; }
  for _ in $(seq 1 50); do [ "$(recovered)" -ge 1 ] && break; sleep 0.2; done
  sleep 2 # a second one would come with the first
  events=$(jq -rs 'map(.headers["x-mallku-event"]) | join(", ")' "$work/webhook.log" 2>/dev/null || true)
  [ "$(recovered)" = 1 ] || fail "the webhook receiver got $(recovered) requests with X-Mallku-Event: recovered, expected exactly one (all events: ${events:-none})"
  ok "one recovered webhook (events received: $events)"
  stop "$app"
  app_log=
fi

# ----------------------------------------------------------------------------------------------------------------
if want schedule; then
  step="5 (a daily schedule read by status at 08:59 the next day)"
  # libfaketime on this JVM: without FAKETIME_FORCE_MONOTONIC_FIX=0 a Quarkus start takes a minute instead of seconds
  daily=(HEARTBEAT_LOG_PATH="$work/daily-log" HEARTBEAT_VOICES_OFFLINE_ENABLED=true HEARTBEAT_DAILY_PULSE_ENABLED=true
    HEARTBEAT_DAILY_PULSE_TIME=09:00 HEARTBEAT_TIME_ZONE=UTC)
  faked=(LD_PRELOAD="$LIB" FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME_FORCE_MONOTONIC_FIX=0)
  rc=0
  env -i "${base[@]}" "${faked[@]}" FAKETIME="@2030-01-15 09:00:00" "${daily[@]}" HEARTBEAT_MODE=single-pulse \
    timeout 90 "${java[@]}" >"$work/daily-pulse.out" 2>&1 || rc=$?
  record=$(find "$work/daily-log" -name 'heartbeat_*.json' -printf '%f\n' 2>/dev/null | head -1)
  { [ "$rc" = 0 ] && [[ $record == heartbeat_20300115T090* ]]; } ||
    fail "the single pulse at a faked 2030-01-15 09:00 UTC exited $rc and wrote '${record:-no record}'; $(tail -n 3 "$work/daily-pulse.out")"
  rc=0
  env -i "${base[@]}" "${faked[@]}" FAKETIME="@2030-01-16 08:59:00" "${daily[@]}" \
    timeout 90 "${java[@]}" status >"$work/daily-status.out" 2>&1 || rc=$?
  [ "$rc" = 0 ] || fail "status at a faked 2030-01-16 08:59 UTC (daily pulse 09:00, last pulse ${record:10:16}) exited $rc, expected 0;" \
    "it printed: $(grep -iE 'assessment|status|last pulse' "$work/daily-status.out" | tr -s ' ' | tr '\n' '|')"
  ok "a pulse at 09:00 ($record), then status at 08:59 the next day exits 0"
fi

# ----------------------------------------------------------------------------------------------------------------
if want cli; then
  step="6 (--help and a typo)"
  # cli NAME LIMIT ARGS...: runs the jar with ARGS on a free port for at most LIMIT s; sets cli_rc (or "running"),
  # cli_ms and cli_listened (a listening socket of the process or on its port, or Quarkus' "Listening on")
  cli() {
    local name=$1 limit=$2 port pid start sockets
    shift 2
    port=$(free_port)
    start=$(now_ms)
    env -i "${base[@]}" QUARKUS_HTTP_PORT="$port" HEARTBEAT_LOG_PATH="$work/cli-log" HEARTBEAT_VOICES_OFFLINE_ENABLED=true \
      HEARTBEAT_DAILY_PULSE_ENABLED=false "${java[@]}" "$@" >"$work/$name.out" 2>"$work/$name.err" &
    pid=$!
    pids+=("$pid")
    cli_listened=
    cli_rc=running
    while kill -0 "$pid" 2>/dev/null; do
      sockets=$(ss -Hltnp 2>/dev/null || true)
      if [[ $sockets == *"pid=$pid,"* ]] || [ -n "$(ss -Hltn "sport = :$port" 2>/dev/null || true)" ]; then
        cli_listened="a listening socket on port $port"
      fi
      if [ -n "$cli_listened" ] || [ $(($(now_ms) - start)) -ge $((limit * 1000)) ]; then break; fi
      sleep 0.05
    done
    cli_ms=$(($(now_ms) - start))
    if kill -0 "$pid" 2>/dev/null; then
      stop "$pid"
    else
      cli_rc=0
      wait "$pid" || cli_rc=$?
      stop "$pid"
    fi
    if [ -z "$cli_listened" ] && grep -q 'Listening on' "$work/$name.out" "$work/$name.err"; then
      cli_listened="$(grep -ho 'Listening on[^"]*' "$work/$name.out" "$work/$name.err" | head -1)"
    fi
  }
  ended() { if [ "$cli_rc" = running ]; then echo "was still running after $cli_ms ms and was stopped"; else echo "exited $cli_rc after $cli_ms ms"; fi; }
  first_line() { grep -m1 . "$1" | cut -c1-160; }
  cli help 15 --help
  [ -z "$cli_listened" ] || fail "--help opened a port ($cli_listened): it started the service ($(ended))"
  [ "$cli_rc" = 0 ] || fail "--help $(ended), expected exit 0; stderr: $(first_line "$work/help.err")"
  { grep -qi usage "$work/help.out" && grep -q status "$work/help.out"; } ||
    fail "--help printed no usage naming 'status' on stdout: $(first_line "$work/help.out")"
  ok "--help exits 0 in $cli_ms ms with usage on stdout: $(first_line "$work/help.out")"
  cli bogus 10 bogus
  [ -z "$cli_listened" ] || fail "'bogus' opened a port ($cli_listened): it started the service ($(ended))"
  [ "$cli_rc" = 2 ] || fail "'bogus' $(ended), expected exit 2; stderr: $(first_line "$work/bogus.err")"
  [ "$cli_ms" -lt 3000 ] || fail "'bogus' took $cli_ms ms to exit 2, expected under 3000"
  grep -qi usage "$work/bogus.err" || fail "'bogus' printed no usage on stderr: $(first_line "$work/bogus.err")"
  ok "'bogus' exits 2 in $cli_ms ms, no port opened, usage on stderr: $(first_line "$work/bogus.err")"
fi

# ----------------------------------------------------------------------------------------------------------------
if want push; then
  step="7 (a push URL with credentials)"
  basic=$(printf 'user:%s' "$PASSWORD" | base64)
  # push NAME PORT: a single pulse that pushes to http://user:PASSWORD@127.0.0.1:PORT; output in $work/NAME.out
  push() {
    local rc=0
    env -i "${base[@]}" HEARTBEAT_MODE=single-pulse HEARTBEAT_LOG_PATH="$work/$1-log" HEARTBEAT_VOICES_OFFLINE_ENABLED=true \
      HEARTBEAT_PUSH_URL="http://user:$PASSWORD@127.0.0.1:$2" HEARTBEAT_PUSH_INSTANCE=truth-check \
      timeout 60 "${java[@]}" >"$work/$1.out" 2>&1 || rc=$?
    [ "$rc" = 0 ] || fail "the single pulse pushing to $1 exited $rc, expected 0; $(tail -n 3 "$work/$1.out")"
    if grep -qF -e "$PASSWORD" -e "$basic" "$work/$1.out"; then
      fail "the password is in the output of the push to $1: $(grep -F -e "$PASSWORD" -e "$basic" "$work/$1.out" | head -3 | sed "s|$PASSWORD|<password>|g; s|$basic|<basic>|g")"
    fi
  }
  serve receiver pushgateway
  push pushgateway "$served_port"
  put=$(jq -rs '[.[] | select(.method == "PUT")] | .[0] // empty | "\(.path) \(.headers.authorization // "no Authorization header")"' "$work/pushgateway.log" 2>/dev/null || true)
  [ -n "$put" ] || fail "the receiver got no PUT: the push did not happen ($(grep -i push "$work/pushgateway.out" | tail -n 1))"
  [ "${put#* }" = "Basic $basic" ] || fail "the push reached ${put%% *} with '${put#* }', expected the URL's credentials as 'Basic <base64 of user:password>'"
  ok "a push to ${put%% *} with basic auth; the password is nowhere in the output ($(wc -l <"$work/pushgateway.out") lines)"
  push nothing "$(free_port)"
  grep -qi push "$work/nothing.out" || fail "the push to a port where nothing listens left no line about the push"
  ok "a push to a port where nothing listens: the password is nowhere in the output either ($(grep -i push "$work/nothing.out" | tail -n 1 | grep -o '"message":"[^"]*"' | cut -c1-160))"
fi

[ "$failures" = 0 ] || { echo "truth-check: $failures failed (${groups[*]})" >&2; exit 1; }
echo "truth-check: all passed (${groups[*]})"
