#!/usr/bin/env bash
# Run a command with a throwaway Redis server: on a free loopback port, no persistence, SZE_TEST_REDIS_URL
# pointing at it; stopped afterwards, whatever happens. Debian's redis-server (installed when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v redis-server >/dev/null 2>&1; then
  echo "Installing Debian's redis-server for the tests..."
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq redis-server >/dev/null
fi

folder="$(mktemp -d /tmp/sze-redis.XXXXXX)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no --dir "$folder" \
  --daemonize yes --pidfile "$folder/redis.pid" --logfile "$folder/redis.log"
stop() {
  kill "$(cat "$folder/redis.pid" 2>/dev/null)" 2>/dev/null || true
  rm -rf "$folder"
}
trap stop EXIT
for _ in $(seq 50); do
  redis-cli -p "$port" ping >/dev/null 2>&1 && break
  sleep 0.1
done

export SZE_TEST_REDIS_URL="redis://127.0.0.1:$port/0"
echo "Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2) on 127.0.0.1:$port (throwaway)"
set +e
"$@"
status=$?
set -e
exit "$status"
