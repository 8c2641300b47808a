#!/usr/bin/env bash
# Starts a throw-away redis-server on loopback for development and tests (Debian's redis-server package).
# Prints "REDIS_URL=redis://127.0.0.1:<port>"; stop it with: kill "$(cat <dir>/redis.pid)".
set -euo pipefail
command -v redis-server >/dev/null || { echo "redis-server is not installed: apt-get install -y redis-server" >&2; exit 1; }
dir=${1:-$(mktemp -d -t tallyroom-redis.XXXXXX)}
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
echo "REDIS_URL=redis://127.0.0.1:$port"
echo "pidfile: $dir/redis.pid" >&2
