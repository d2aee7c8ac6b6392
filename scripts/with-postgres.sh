#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster: initdb in a temporary folder, a server on a free
# loopback port, SZE_TEST_DATABASE_URL pointing at it; stopped and removed afterwards, whatever happens.
# Uses Debian's server binaries (package postgresql, installed when missing); no docker, nothing downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "Installing Debian's postgresql server for the tests..."
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >/dev/null
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi

# the server refuses to run as root: as root, the cluster belongs to the 'postgres' user the package made
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  as_owner=(runuser -u postgres --)
fi
folder="$(mktemp -d /tmp/sze-pg.XXXXXX)"
chmod 755 "$folder"
[ "$(id -u)" -eq 0 ] && chown postgres "$folder"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

stop() {
  "${as_owner[@]}" "$pg_bin/pg_ctl" -D "$folder/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$folder"
}
trap stop EXIT

"${as_owner[@]}" "$pg_bin/initdb" -D "$folder/data" -U sze --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_owner[@]}" "$pg_bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$folder -c fsync=off -c max_connections=200" \
  start >/dev/null
"${as_owner[@]}" "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U sze sze_test

export SZE_TEST_DATABASE_URL="postgresql+psycopg://sze@127.0.0.1:$port/sze_test"
# 'stop' and 'start' for the tests of a database that goes away and comes back (tests/service/test_outage.py)
cat >"$folder/ctl.sh" <<CTL
#!/usr/bin/env bash
set -euo pipefail
case "\$1" in
  stop) ${as_owner[*]} "$pg_bin/pg_ctl" -D "$folder/data" -m fast -w stop ;;
  start) ${as_owner[*]} "$pg_bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w \\
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$folder -c fsync=off -c max_connections=200" start ;;
esac
CTL
chmod 755 "$folder/ctl.sh"
export SZE_TEST_PG_CTL="$folder/ctl.sh"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway, in $folder)"
set +e
"$@"
status=$?
set -e
exit "$status"
