#!/usr/bin/env bash
# The status page in a real browser: the packaged app (target/quarkus-app, from ./mvnw verify) on a log of six
# pulses written by the app's own writer (one failed, the others answered with markup that must stay text), then
# dev/status-page-check.mjs drives Debian's Chromium through it. Screenshots: target/ui-screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
app=""
cleanup() {
  if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test >/dev/null
java -cp "target/test-classes:target/classes:$(cat "$work/cp.txt")" org.mallku.heartbeat.log.HistoryWriter \
  "$work/log" scores 0.42,0.7,failed,0.95,0.61,0.8 '<img src=x onerror="window.__injected=1"> and <script>window.__injected=2</script>' >/dev/null

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=ui-check-token-5d1f
env -i PATH="$PATH" HOME="$HOME" QUARKUS_HTTP_PORT="$port" HEARTBEAT_LOG_PATH="$work/log" \
  HEARTBEAT_SECRETS_FILE="$work/no-secrets.json" HEARTBEAT_VOICES_OFFLINE_ENABLED=true HEARTBEAT_DAILY_PULSE_ENABLED=false \
  HEARTBEAT_API_TOKEN="$token" HEARTBEAT_API_MANUAL_COOLDOWN=0s \
  java -jar target/quarkus-app/quarkus-run.jar >"$work/app.out" 2>&1 &
app=$!
for _ in $(seq 1 300); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" && break
  kill -0 "$app" 2>/dev/null || { cat "$work/app.out"; echo "ui-check: FAIL: the app did not start" >&2; exit 1; }
  sleep 0.1
done
node dev/status-page-check.mjs "http://127.0.0.1:$port" "$token" target/ui-screenshots "$app" || {
  tail -20 "$work/app.out"
  exit 1
}
