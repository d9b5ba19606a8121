#!/usr/bin/env bash
# Makes sure the PostgreSQL the tests use answers: 127.0.0.1:5432, user postgres without a password (trust),
# database `test` (HEARTBEAT_TEST_DATABASE_URL names another). On these machines it is already running; on a fresh
# Debian one this starts the installed cluster, or installs Debian's postgresql, lets local TCP connections in
# without a password (a test machine only) and creates the database. Idempotent; as root.
set -euo pipefail

ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi; }

if ! command -v pg_isready >/dev/null || ! command -v pg_lsclusters >/dev/null; then
  echo "postgresql-up: apt-get install postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

if ! ready; then
  cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1 " " $2}')
  if [ -z "$cluster" ]; then
    version=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -1)
    echo "postgresql-up: pg_createcluster $version main"
    pg_createcluster "$version" main >/dev/null
    cluster="$version main"
  fi
  read -r version name <<<"$cluster"
  hba="/etc/postgresql/$version/$name/pg_hba.conf"
  if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
    echo "postgresql-up: trust for 127.0.0.1 in $hba (a test machine)"
    sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
  fi
  echo "postgresql-up: pg_ctlcluster $version $name start"
  pg_ctlcluster "$version" "$name" start || true
  for _ in $(seq 1 30); do ready && break; sleep 1; done
fi
ready || { echo "postgresql-up: PostgreSQL does not answer on 127.0.0.1:5432" >&2; exit 1; }

if ! psql -h 127.0.0.1 -U postgres -d test -qAtc 'select 1' >/dev/null 2>&1; then
  echo "postgresql-up: create database test"
  as_postgres "createdb -h 127.0.0.1 test" || psql -h 127.0.0.1 -U postgres -d postgres -qc 'create database test'
fi
psql -h 127.0.0.1 -U postgres -d test -qAtc 'select 1' >/dev/null
echo "postgresql-up: ready ($(psql -h 127.0.0.1 -U postgres -d test -qAtc 'show server_version'))"
