#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server on loopback, started here and removed afterwards:
#   bash scripts/with-postgres.sh make test
# The command gets DATABASE_URL (and PGBIN, PGPORT, PGDATA_DIR for scripts that stop and start the server).
# Needs root on Debian 12: PostgreSQL is installed from Debian's packages if missing.
set -euo pipefail

PGPORT="${PGPORT:-54329}"
PGDIR="$(mktemp -d /tmp/sro-pg.XXXXXX)"
chmod 755 "$PGDIR"

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "Installing PostgreSQL from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
PGBIN="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")"

stop_pg() { runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$PGDIR"; }
trap stop_pg EXIT

chown postgres:postgres "$PGDIR"
runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -E UTF8 --locale=C.UTF-8 -A trust >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
  -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
psql="$PGBIN/psql -h 127.0.0.1 -p $PGPORT -U postgres -v ON_ERROR_STOP=1 -q"
$psql -c "CREATE ROLE sro LOGIN PASSWORD 'sro' CREATEDB"
$psql -c "CREATE DATABASE sro OWNER sro"
echo "PostgreSQL $($psql -tAc 'SHOW server_version') on port $PGPORT"

export DATABASE_URL="postgres://sro:sro@127.0.0.1:$PGPORT/sro"
export PGBIN PGPORT PGDATA_DIR="$PGDIR/data"
"$@"
