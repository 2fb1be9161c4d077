#!/usr/bin/env bash
# A throwaway Redis for tests: no persistence, listening on 127.0.0.1 only.
# Idempotent: starts the server only when nothing answers PING on the port.
#   scripts/redis.sh          start; prints the redis URL
#   scripts/redis.sh stop     stop the server
# Env: REDIS_PORT (default 63790), ATELIER_REDIS_ROOT (default /tmp/atelier-redis).
set -euo pipefail

REDIS_PORT=${REDIS_PORT:-63790}
ROOT=${ATELIER_REDIS_ROOT:-/tmp/atelier-redis}
PID_FILE="$ROOT/redis-$REDIS_PORT.pid"
LOG_FILE="$ROOT/redis-$REDIS_PORT.log"

fail() {
  echo "redis.sh: $*" >&2
  exit 1
}

command -v redis-server >/dev/null ||
  fail "Redis is not installed (no redis-server on PATH). Install it with: apt-get install -y redis-server"
command -v redis-cli >/dev/null ||
  fail "redis-cli is missing (package redis-tools). Install it with: apt-get install -y redis-server"

answers_ping() { [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == "PONG" ]]; }

mkdir -p "$ROOT"

# Concurrent test runs share the server; one at a time may start or stop it.
exec 9>"$ROOT/.lock-$REDIS_PORT"
flock 9

if [[ "${1:-start}" == "stop" ]]; then
  if answers_ping; then
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  fi
  exit 0
fi

if ! answers_ping; then
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --daemonize yes \
    --dir "$ROOT" --pidfile "$PID_FILE" --logfile "$LOG_FILE" 9>&- ||
    fail "redis-server did not start on port $REDIS_PORT; see $LOG_FILE"
  for _ in $(seq 50); do
    answers_ping && break
    sleep 0.1
  done
  answers_ping || fail "Redis did not answer on 127.0.0.1:$REDIS_PORT within 5 s; see $LOG_FILE"
fi

echo "redis://127.0.0.1:$REDIS_PORT"
