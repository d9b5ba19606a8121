#!/usr/bin/env bash
# The JDK 25 AOT cache as users build and run it, on this machine's second JDK:
#  1. ./mvnw verify -Paot writes target/quarkus-app/app.aot (Quarkus records ServiceIT's run), and a single-pulse
#     job runs on it with the CronJobs' one-shot JIT;
#  2. the container image's way (src/main/docker/Dockerfile.jvm-aot): a cache trained by one offline pulse, then
#     a pulse with the image's entry-point options.
# Every run on a cache uses -XX:AOTMode=on, so a cache the JVM cannot map is an error here, not a slow start.
# Leaves the aot-jar build in target/quarkus-app.
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA25_HOME="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java25="$JAVA25_HOME/bin/java"
app=target/quarkus-app
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
  echo "aot-check: FAIL: $*" >&2
  exit 1
}

[ -x "$java25" ] || fail "no JDK 25 at JAVA25_HOME=$JAVA25_HOME"

# pulse NAME JAVA-OPTIONS...: one single pulse with the offline voices; exit 0 and one record, or fail
pulse() {
  local dir="$work/$1"
  shift
  mkdir -p "$dir"
  if ! env -i PATH="$PATH" HOME="$HOME" HEARTBEAT_MODE=single-pulse HEARTBEAT_VOICES_OFFLINE_ENABLED=true \
    HEARTBEAT_LOG_PATH="$dir" HEARTBEAT_SECRETS_FILE="$work/no-secrets.json" \
    "$java25" "$@" -jar "$app/quarkus-run.jar" >"$dir.out" 2>&1; then
    cat "$dir.out" >&2
    fail "the single pulse with $* did not exit 0"
  fi
  local records
  records=$(find "$dir" -maxdepth 1 -name 'heartbeat_*.json' | wc -l)
  [ "$records" -eq 1 ] || fail "the single pulse with $* left $records records, not 1"
}

JAVA_HOME="$JAVA25_HOME" ./mvnw -B -q verify -Paot -Dtest=NoSuch -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ServiceIT
[ -s "$app/app.aot" ] || fail "./mvnw verify -Paot made no $app/app.aot"
pulse built -XX:AOTMode=on -XX:AOTCache="$app/app.aot" -XX:TieredStopAtLevel=1
echo "ok    ./mvnw verify -Paot: $app/app.aot ($(du -m "$app/app.aot" | cut -f1) MB) from ServiceIT; a single pulse runs on it"

# The options of Dockerfile.jvm-aot's training RUN and ENTRYPOINT (the JIT setting is the CronJobs')
image=(-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Dquarkus.http.host=0.0.0.0
  -Djava.util.logging.manager=org.jboss.logmanager.LogManager)
pulse training -XX:AOTCacheOutput="$work/image.aot" "${image[@]}"
[ -s "$work/image.aot" ] || fail "the training pulse wrote no cache"
pulse image -XX:AOTMode=on -XX:AOTCache="$work/image.aot" "${image[@]}" -XX:TieredStopAtLevel=1
echo "ok    the image's way: a cache trained by one offline pulse ($(du -m "$work/image.aot" | cut -f1) MB); a pulse runs on it"
