#!/usr/bin/env bash
# The whole test suite against a real PostgreSQL server on 127.0.0.1 (Debian's
# postgresql), in a throwaway cluster with a random password, removed afterwards.
# Usage: scripts/test-postgres.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pg_createcluster >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql; }
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
cluster=redline_test
# A port nothing listens on now, unless one is given.
port=${REDLINE_PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
pg_dropcluster --stop "$version" "$cluster" 2>/dev/null || true
pg_createcluster -p "$port" "$version" "$cluster" -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null
trap 'pg_dropcluster --stop "$version" "$cluster" 2>/dev/null || true' EXIT
pg_ctlcluster "$version" "$cluster" start
password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
runuser -u postgres -- psql -p "$port" -qc "CREATE ROLE redline LOGIN CREATEDB PASSWORD '$password'"
runuser -u postgres -- createdb -p "$port" -O redline redline
scratch=$(mktemp -d)
export PGPASSWORD=$password
export DATABASE_URL="postgres://redline@127.0.0.1:$port/redline"
export REDLINE_VAR_DIR=$scratch REDLINE_INDEX_DIR=$scratch/whoosh_index
.venv/bin/python -m pytest "$@"
