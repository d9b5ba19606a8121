#!/usr/bin/env bash
# deploy/prometheus/alerts.yml, unchanged, in a real Prometheus (Debian's) scraping the packaged app, as an
# operator runs it: every rule loads and evaluates without error, the target is up, and the alerts that need no
# long `for:` fire on the first event after a start: a low score (the alert threshold raised above any score),
# then, after a restart with too few voices, a failed pulse; the staleness rules stay quiet while the app
# pulses, and once the app is gone the target-down rule goes pending. Needs the packaged app (./mvnw package).
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || { echo "prometheus-check: $JAR is missing; run ./mvnw package first" >&2; exit 1; }
command -v prometheus >/dev/null || { echo "prometheus-check: prometheus is missing (bash deploy/install-tools.sh)" >&2; exit 1; }

work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
prom_port=$(free_port)
app=
prom=
cleanup() {
  for pid in $app $prom; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "prometheus-check: FAIL: $*" >&2
  for log in app prometheus; do [ -f "$work/$log.log" ] && tail -n 30 "$work/$log.log" | sed "s/^/  $log: /" >&2; done
  exit 1
}

# start_app VAR=VALUE...: the packaged app on $port with a 2 s rhythm and offline voices, plus the given settings.
# The check-in duration is 1 s: due times closer than it coalesce, and at the default 30 s a minute held two pulses,
# both of which could score 1.00, above the raised alert threshold (seen in CI).
start_app() {
  env HEARTBEAT_LOG_PATH="$work/log" HEARTBEAT_PULSE_INTERVAL=2s HEARTBEAT_CHECK_IN_DURATION=1s HEARTBEAT_DAILY_PULSE_ENABLED=false \
    HEARTBEAT_VOICES_OFFLINE_ENABLED=true QUARKUS_HTTP_PORT="$port" "$@" java -jar "$JAR" >>"$work/app.log" 2>&1 &
  app=$!
}
stop_app() { kill "$app"; wait "$app" 2>/dev/null || true; app=; }
alerts() { curl -s --max-time 5 "http://127.0.0.1:$prom_port/api/v1/alerts" || true; }
# await_alert NAME STATE SECONDS
await_alert() {
  for _ in $(seq 1 "$3"); do
    [ "$(alerts | jq -r --arg n "$1" '[.data.alerts[] | select(.labels.alertname == $n) | .state] | first // empty')" = "$2" ] \
      && return 0
    sleep 1
  done
  fail "$1 did not become $2 within $3 s: $(alerts | jq -c '[.data.alerts[] | {name: .labels.alertname, state}]')"
}

sed -e 's/scrape_interval: 30s/scrape_interval: 1s/' -e 's/evaluation_interval: 30s/evaluation_interval: 1s/' \
  -e "s#- alerts.yml.*#- $PWD/deploy/prometheus/alerts.yml#" -e "s#- heartbeat:8080#- 127.0.0.1:$port#" \
  deploy/prometheus/prometheus.yml >"$work/prometheus.yml"
grep -q "$PWD/deploy/prometheus/alerts.yml" "$work/prometheus.yml" || fail "prometheus.yml no longer loads alerts.yml"

start_app HEARTBEAT_THRESHOLDS_ALERT=0.99 HEARTBEAT_THRESHOLDS_CELEBRATION=1.0
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus.log" 2>&1 &
prom=$!

for _ in $(seq 1 60); do
  rules=$(curl -s --max-time 5 "http://127.0.0.1:$prom_port/api/v1/rules" || true)
  [ -n "$rules" ] && [ "$(jq '[.data.groups[].rules[]] | length' <<<"$rules")" -gt 0 ] && break
  kill -0 "$prom" 2>/dev/null || fail "prometheus exited at start"
  sleep 1
done
expected=$(grep -c -- '- alert:' deploy/prometheus/alerts.yml)
loaded=$(jq '[.data.groups[].rules[]] | length' <<<"$rules")
[ "$loaded" = "$expected" ] || fail "$loaded rules loaded, alerts.yml has $expected"
echo "ok    $loaded alert rules of alerts.yml loaded"

await_alert MallkuHeartbeatLowConsciousness firing 60
echo "ok    MallkuHeartbeatLowConsciousness fires on an alert pulse right after a start"
bad=$(curl -s "http://127.0.0.1:$prom_port/api/v1/rules" \
  | jq -r '.data.groups[].rules[] | select(.health != "ok") | "\(.name): \(.health) \(.lastError // "")"')
[ -z "$bad" ] || fail "rules that do not evaluate: $bad"
echo "ok    every rule evaluates"
up=$(curl -s "http://127.0.0.1:$prom_port/api/v1/query?query=up%7Bjob%3D%22mallku-heartbeat%22%7D" | jq -r '.data.result[0].value[1]')
[ "$up" = 1 ] || fail "up{job=\"mallku-heartbeat\"} is '$up'"
quiet=$(alerts | jq -r '[.data.alerts[] | .labels.alertname | select(test("Stale|Down|Absent|NoSuccessful"))] | join(" ")')
[ -z "$quiet" ] || fail "staleness alerts while the app pulses: $quiet"
echo "ok    target up; no staleness alert while it pulses"

stop_app
start_app HEARTBEAT_VOICES_MIN=7 HEARTBEAT_VOICES_MAX=7
await_alert MallkuHeartbeatPulseFailed firing 60
echo "ok    MallkuHeartbeatPulseFailed fires on a failed pulse right after a restart"

stop_app
await_alert MallkuHeartbeatTargetDown pending 30
echo "ok    MallkuHeartbeatTargetDown pending once the app is gone"
