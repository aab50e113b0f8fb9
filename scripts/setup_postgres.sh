#!/usr/bin/env bash
# Makes PostgreSQL's server programs available for the store tests and benchmarks, which
# start (and remove) their own throwaway cluster: tests/store/pg_server.py. Installs
# Debian's postgresql package when initdb is missing; starts nothing itself.
set -euo pipefail
if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "setup_postgres: initdb not found and cannot install it here (needs root and apt-get);" \
       "the PostgreSQL store tests will be skipped" >&2
  exit 0
fi
# Only the programs are wanted: no system-wide cluster on port 5432 started behind our back.
mkdir -p /etc/postgresql-common
if ! grep -qs '^create_main_cluster' /etc/postgresql-common/createcluster.conf; then
  echo "create_main_cluster = false" >> /etc/postgresql-common/createcluster.conf
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql >/dev/null
