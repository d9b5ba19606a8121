#!/usr/bin/env bash
# Checks every deployment artifact with its real tool, offline. Install the tools first:
#   bash deploy/install-tools.sh && bash deploy/verify.sh
# Runs every check, prints one line each, shows the output of those that failed, exits 1 if any did.
set -euo pipefail
cd "$(dirname "$0")"

NODE_CI=ci
if [ -x .tools/bin/kubectl ]; then KUBECTL=.tools/bin/kubectl; else KUBECTL=kubectl; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
skipped=0

# check NAME CMD...: passes when CMD exits 0.
check() {
  local name=$1
  shift
  if "$@" >"$work/out" 2>&1; then
    passed=$((passed + 1))
    printf 'ok    %s\n' "$name"
  else
    failed=$((failed + 1))
    printf 'FAIL  %s\n' "$name"
    sed 's/^/      /' "$work/out"
  fi
}

# silent CMD...: exits 0 only if CMD exits 0 AND writes nothing to stderr (stderr is shown).
silent() {
  local rc=0
  "$@" 2>"$work/err" || rc=$?
  cat "$work/err" >&2
  [ "$rc" -eq 0 ] && [ ! -s "$work/err" ]
}

# no_output CMD...: exits 0 only if CMD exits 0 and prints nothing at all (dockerfile-utils prints
# warnings on stdout and still exits 0).
no_output() {
  local rc=0
  "$@" >"$work/all" 2>&1 || rc=$?
  cat "$work/all"
  [ "$rc" -eq 0 ] && [ ! -s "$work/all" ]
}

# expect_kinds FILE 'present kinds' 'absent kinds'
expect_kinds() {
  local file=$1 kind
  for kind in $2; do
    grep -q "^kind: $kind\$" "$file" || { echo "$file: no $kind"; return 1; }
  done
  for kind in $3; do
    if grep -q "^kind: $kind\$" "$file"; then echo "$file: unexpected $kind"; return 1; fi
  done
}

# --- Container images ------------------------------------------------------------------------------
dockerfiles=(../src/main/docker/Dockerfile.jvm ../src/main/docker/Dockerfile.jvm-aot ../src/main/docker/Dockerfile.native
  ../src/main/docker/Dockerfile.native-micro)
for dockerfile in "${dockerfiles[@]}"; do
  check "dockerfile-utils lint $(basename "$dockerfile")" no_output "$NODE_CI/node_modules/.bin/dockerfile-utils" lint "$dockerfile"
done
check "Dockerfile rules (non-root, log volume, HEARTBEAT_* env)" node "$NODE_CI/check-dockerfiles.mjs" "${dockerfiles[@]}"

# fast_jar_layout DOCKERFILE: every target/ source it copies exists in the packaged app (fast-jar layout; an
# aot-jar has the same).
fast_jar_layout() {
  local dockerfile=$1 name src n=0
  name=$(basename "$dockerfile")
  while read -r src; do
    n=$((n + 1))
    # $src is unquoted on purpose: it may be a glob (target/quarkus-app/*.jar).
    # shellcheck disable=SC2086
    ls -d ../$src >/dev/null 2>&1 || { echo "$name copies $src, which ./mvnw package did not make"; return 1; }
  done < <(sed -n 's/^COPY .*\(target\/[^ ]*\) .*/\1/p' "$dockerfile")
  [ "$n" -ge 4 ] || { echo "$name has $n COPY lines from target/, expected the 4 fast-jar layers"; return 1; }
  [ -f ../target/quarkus-app/quarkus-run.jar ] || { echo "no target/quarkus-app/quarkus-run.jar"; return 1; }
}
for dockerfile in ../src/main/docker/Dockerfile.jvm ../src/main/docker/Dockerfile.jvm-aot; do
  if [ -d ../target/quarkus-app ]; then
    check "fast-jar layout matches $(basename "$dockerfile") (target/quarkus-app)" fast_jar_layout "$dockerfile"
  else
    skipped=$((skipped + 1))
    echo "skip  fast-jar layout matches $(basename "$dockerfile") (no target/quarkus-app: run ./mvnw package first)"
  fi
done

# --- systemd ---------------------------------------------------------------------------------------
check "systemd-analyze verify mallku-heartbeat.service" silent systemd-analyze verify systemd/mallku-heartbeat.service
check "systemd-analyze security (exposure below 4.0)" \
  silent systemd-analyze security --offline=true --threshold=40 systemd/mallku-heartbeat.service

# --- docker compose --------------------------------------------------------------------------------
check "docker-compose config -q" \
  silent env MALLKU_ENV_FILE=systemd/heartbeat.env.example docker-compose -f docker-compose.yml config -q
check "docker-compose config -q (profile monitoring)" \
  silent env MALLKU_ENV_FILE=systemd/heartbeat.env.example docker-compose -f docker-compose.yml --profile monitoring config -q
check "docker-compose config -q (profile postgres)" \
  silent env MALLKU_ENV_FILE=systemd/heartbeat.env.example docker-compose -f docker-compose.yml --profile postgres config -q
# compose_services: a plain up starts the heartbeat alone; the postgres profile's replicas match its database.
compose_services() {
  MALLKU_ENV_FILE=systemd/heartbeat.env.example docker-compose -f docker-compose.yml --profile postgres config >"$work/compose.yaml"
  node "$NODE_CI/check-compose.mjs" - <"$work/compose.yaml"
}
check "compose: the heartbeat alone by default, replicas on the postgres service in its profile" compose_services

# --- Kubernetes ------------------------------------------------------------------------------------
# status_cronjob_suspended FILE: the status CronJob is there and never runs on its own.
status_cronjob_suspended() {
  awk 'BEGIN { RS = "\n---\n" }
    /(^|\n)kind: CronJob\n/ && /\n  name: mallku-heartbeat-status\n/ { found = 1; if (/\n  suspend: true(\n|$)/) ok = 1 }
    END { if (!found) print "no CronJob mallku-heartbeat-status"; else if (!ok) print "CronJob mallku-heartbeat-status is not suspended"
          exit !(found && ok) }' "$1"
}

check "kubectl kustomize kubernetes (default: service mode)" silent "$KUBECTL" kustomize kubernetes -o "$work/default.yaml"

# Every mode with every image: the default JVM image is the mode itself; the others are the mode plus a component,
# through a kustomization of its own (relative paths: kustomize refuses absolute ones), as a user would write it.
declare -A kinds=(
  [service]="Deployment Service ServiceMonitor PrometheusRule ConfigMap PersistentVolumeClaim NetworkPolicy"
  [cronjob]="CronJob PrometheusRule ConfigMap PersistentVolumeClaim NetworkPolicy"
  [postgresql]="Deployment Service ServiceMonitor PrometheusRule ConfigMap NetworkPolicy PodDisruptionBudget"
)
declare -A no_kinds=([service]="CronJob" [cronjob]="Deployment Service" [postgresql]="CronJob PersistentVolumeClaim")
declare -A image_of=([jvm]=mallku-heartbeat-jvm:1.0.0 [jvm-aot]=mallku-heartbeat-jvm-aot:1.0.0
  [native]=mallku-heartbeat-native:1.0.0)
for mode in service cronjob postgresql; do
  for image in jvm jvm-aot native; do
    variant="$mode + $image"
    out="$work/$mode-$image.yaml"
    if [ "$image" = jvm ]; then
      dir=kubernetes/$mode
    else
      dir="$work/$mode-$image"
      mkdir -p "$dir"
      printf 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - %s\ncomponents:\n  - %s\n' \
        "$(realpath --relative-to="$dir" "kubernetes/$mode")" "$(realpath --relative-to="$dir" "kubernetes/components/$image")" \
        >"$dir/kustomization.yaml"
    fi
    check "$variant: kubectl kustomize" silent "$KUBECTL" kustomize "$dir" -o "$out"
    check "$variant: its kinds, no ${no_kinds[$mode]}" expect_kinds "$out" "${kinds[$mode]}" "${no_kinds[$mode]}"
    check "$variant: kubernetes-models schemas" node "$NODE_CI/validate-k8s.mjs" "$out"
    check "$variant: network policies select their pods and name their ports" node "$NODE_CI/check-networkpolicies.mjs" "$out"
    check "$variant: immutable image tags, every container on ${image_of[$image]}" \
      node "$NODE_CI/check-images.mjs" --expect "${image_of[$image]}" "$out"
    if [ "$mode" = postgresql ]; then
      check "$variant: replicas rolling over PostgreSQL, budget, spread, egress to 5432" \
        node "$NODE_CI/check-replicas.mjs" "$out" kubernetes/postgresql/secret.example.yaml
    fi
  done
done
check "default variant is service mode with the JVM image" cmp "$work/default.yaml" "$work/service-jvm.yaml"
check "cronjob: the status CronJob is suspended" status_cronjob_suspended "$work/cronjob-jvm.yaml"
# one_shot_jit FILE COUNT: COUNT containers get the JVM's one-shot JIT setting (none in the native image)
one_shot_jit() {
  local n
  n=$(grep -c -- '-XX:TieredStopAtLevel=1' "$1" || true)
  [ "$n" -eq "$2" ] || { echo "$1: $n containers with -XX:TieredStopAtLevel=1, expected $2"; return 1; }
}
check "cronjob: both CronJobs' JVMs get the one-shot JIT setting" one_shot_jit "$work/cronjob-jvm.yaml" 2
check "cronjob + jvm-aot: the same" one_shot_jit "$work/cronjob-jvm-aot.yaml" 2
check "cronjob + native: no JVM setting in the native image" one_shot_jit "$work/cronjob-native.yaml" 0
check "kubernetes-models schemas: secret.example.yaml" node "$NODE_CI/validate-k8s.mjs" kubernetes/secret.example.yaml
check "kubernetes-models schemas: postgresql/secret.example.yaml" \
  node "$NODE_CI/validate-k8s.mjs" kubernetes/postgresql/secret.example.yaml
check "PrometheusRule carries alerts.yml" \
  node "$NODE_CI/same-rules.mjs" prometheus/alerts.yml kubernetes/service/prometheusrule.yaml
check "CronJob PrometheusRule carries cronjob-alerts.yml" \
  node "$NODE_CI/same-rules.mjs" prometheus/cronjob-alerts.yml kubernetes/cronjob/prometheusrule.yaml
check "Replicas PrometheusRule carries replicas-alerts.yml" \
  node "$NODE_CI/same-rules.mjs" prometheus/replicas-alerts.yml kubernetes/postgresql/prometheusrule.yaml

# --- Prometheus and Grafana ------------------------------------------------------------------------
check "promtool check rules alerts.yml" promtool check rules prometheus/alerts.yml
check "promtool check config prometheus.yml" promtool check config prometheus/prometheus.yml
check "promtool test rules alerts.test.yml" promtool test rules prometheus/alerts.test.yml
check "promtool check rules cronjob-alerts.yml" promtool check rules prometheus/cronjob-alerts.yml
check "promtool test rules cronjob-alerts.test.yml" promtool test rules prometheus/cronjob-alerts.test.yml
check "promtool check rules replicas-alerts.yml" promtool check rules prometheus/replicas-alerts.yml
check "promtool test rules replicas-alerts.test.yml" promtool test rules prometheus/replicas-alerts.test.yml
check "jq: grafana dashboard is JSON" jq -e '.panels | length > 0' grafana/mallku-heartbeat.json
check "dashboard panels and metric names" \
  node "$NODE_CI/check-dashboard.mjs" grafana/mallku-heartbeat.json prometheus/alerts.yml "$work/dashboard-queries.yml"
check "promtool parses every dashboard query" promtool check rules "$work/dashboard-queries.yml"

# --- The scripts themselves ---------------------------------------------------------------------------
check "shellcheck deploy and dev scripts" shellcheck verify.sh install-tools.sh clock-step-check.sh prometheus-check.sh native-sources-check.sh aot-check.sh ui-check.sh ../dev/live-reload-check.sh

# --- YAML --------------------------------------------------------------------------------------------
check "yamllint --strict deploy/" yamllint --strict -c .yamllint.yml .

echo "verify: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
