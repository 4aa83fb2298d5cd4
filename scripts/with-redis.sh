#!/usr/bin/env bash
# Run a command with REDIS_URL naming a throwaway Redis server on 127.0.0.1 (Debian's
# redis-server, installed when missing), stopped and removed afterwards.
# Usage: scripts/with-redis.sh COMMAND [ARGS...]
set -euo pipefail
command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server; }
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dir=$(mktemp -d)
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" \
  --maxmemory 256mb --maxmemory-policy allkeys-lru --daemonize yes --pidfile "$dir/redis.pid" >/dev/null
trap 'kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
REDIS_URL="redis://127.0.0.1:$port/0" "$@"
