#!/usr/bin/env bash
# Installs (Debian's package), starts and prepares the PostgreSQL server that ser4j-server's tests use.
# Idempotent; runs as root on a fresh Debian 12 machine. Source it to get SER4J_TEST_PG_URL exported, or run it
# and read the URL from its last line. The tests fall back to the same URL when the variable is unset.
set -euo pipefail

PG_USER=ser4j
PG_PASSWORD=ser4j
PG_DB=ser4j_test
PG_PORT=5432

if ! compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi

# The package creates a cluster (Debian 12: 15/main); recreate one if it was dropped.
if [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -1)
  pg_createcluster "$version" main --port "$PG_PORT" >/dev/null
fi
read -r version cluster port status _ < <(pg_lsclusters -h | head -1)
if [ "$status" != "online" ]; then
  # No systemd in containers and CI: start the cluster directly.
  pg_ctlcluster "$version" "$cluster" start
fi

# A password login for the tests, over TCP on loopback (Debian's pg_hba allows md5/scram from 127.0.0.1).
run_sql() { (cd / && su postgres -c "psql -p $port -qtAX -c \"$1\""); }
if [ "$(run_sql "SELECT 1 FROM pg_roles WHERE rolname='$PG_USER'")" != "1" ]; then
  run_sql "CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD' CREATEDB"
fi
if [ "$(run_sql "SELECT 1 FROM pg_database WHERE datname='$PG_DB'")" != "1" ]; then
  run_sql "CREATE DATABASE $PG_DB OWNER $PG_USER"
fi

export SER4J_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/$PG_DB?user=$PG_USER&password=$PG_PASSWORD"
echo "postgres: cluster $version/$cluster online on port $port"
echo "SER4J_TEST_PG_URL=$SER4J_TEST_PG_URL"
