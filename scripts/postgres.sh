#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests: fast and unsafe (fsync off), listening on 127.0.0.1 only.
# Idempotent: initialises, starts and creates role and database only when missing.
#   scripts/postgres.sh          start; prints the connection URL
#   scripts/postgres.sh stop     stop the cluster (the data stays for a fast restart)
# Env: PGPORT (default 54329), PG_BIN (default /usr/lib/postgresql/15/bin), ATELIER_PG_ROOT (default /tmp/atelier-pg).
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PGPORT=${PGPORT:-54329}
ROOT=${ATELIER_PG_ROOT:-/tmp/atelier-pg}
DATA_DIR="$ROOT/data-$PGPORT"
LOG_FILE="$ROOT/postgres-$PGPORT.log"
ROLE=atelier
PASSWORD=atelier
DATABASE=atelier

fail() {
  echo "postgres.sh: $*" >&2
  exit 1
}

[[ -x "$PG_BIN/postgres" ]] ||
  fail "PostgreSQL 15 is not installed (no $PG_BIN/postgres). Install it with: apt-get install -y postgresql"

# The server refuses to run as root, so root runs it as the postgres user; anyone else runs it as themselves.
if [[ $EUID -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || fail "running as root needs the 'postgres' user (created by the postgresql package)"
  OWNER=postgres
  as_owner() { runuser -u postgres -- "$@"; }
else
  OWNER=$(id -un)
  as_owner() { "$@"; }
fi

mkdir -p "$ROOT"
chmod 0755 "$ROOT"
touch "$LOG_FILE"
chown "$OWNER" "$ROOT" "$LOG_FILE"

# Concurrent test runs share the cluster; one at a time may initialise or start it.
exec 9>"$ROOT/.lock-$PGPORT"
flock 9

if [[ "${1:-start}" == "stop" ]]; then
  if [[ -f "$DATA_DIR/postmaster.pid" ]]; then
    as_owner "$PG_BIN/pg_ctl" stop -D "$DATA_DIR" -m fast -s >/dev/null
  fi
  exit 0
fi

if [[ ! -f "$DATA_DIR/PG_VERSION" ]]; then
  rm -rf "$DATA_DIR"
  as_owner "$PG_BIN/initdb" -D "$DATA_DIR" -U postgres -E UTF8 --no-locale \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync >"$LOG_FILE" 2>&1 ||
    fail "initdb failed; see $LOG_FILE"
fi

# autovacuum off: tests drop their databases WITH (FORCE), which the non-superuser test role cannot do
# while an autovacuum worker (a superuser process) is connected to one.
if ! as_owner "$PG_BIN/pg_ctl" status -D "$DATA_DIR" >/dev/null 2>&1; then
  as_owner "$PG_BIN/pg_ctl" start -D "$DATA_DIR" -l "$LOG_FILE" -w -s -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $DATA_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c autovacuum=off" \
    >/dev/null 2>&1 9>&- ||
    fail "PostgreSQL did not start on port $PGPORT; see $LOG_FILE"
fi

psql_admin() { as_owner "$PG_BIN/psql" -h "$DATA_DIR" -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

psql_admin >/dev/null <<SQL || fail "could not create role $ROLE and database $DATABASE; see $LOG_FILE"
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', '$ROLE', '$PASSWORD')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$ROLE') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', '$DATABASE', '$ROLE')
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$DATABASE') \gexec
SQL

echo "postgresql://$ROLE:$PASSWORD@127.0.0.1:$PGPORT/$DATABASE"
