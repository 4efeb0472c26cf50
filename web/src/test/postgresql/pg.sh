#!/usr/bin/env bash
# Starts and stops a throw-away PostgreSQL server on loopback for the integration tests' PostgreSQL run.
#   pg.sh start <state-dir> <port>   initdb in a fresh folder, start on 127.0.0.1:<port>, create the database
#   pg.sh stop  <state-dir>          stop the server and delete its folder
# The state dir (under target/) remembers where the cluster lives. PostgreSQL refuses to run as root, so
# as root the cluster belongs to the 'postgres' user and lives under /tmp (which that user can reach).
set -euo pipefail
action=$1 state=$2
pg_bin() {
  local dir
  for dir in ${PG_BIN:-} /usr/lib/postgresql/*/bin /usr/local/pgsql/bin; do
    if [ -x "$dir/pg_ctl" ]; then echo "$dir"; return; fi
  done
  if command -v pg_ctl >/dev/null; then dirname "$(command -v pg_ctl)"; return; fi
  echo "pg.sh: no PostgreSQL server binaries (pg_ctl) found; install the 'postgresql' package" >&2
  exit 1
}
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$action" in
  start)
    port=$3
    bin=$(pg_bin)
    mkdir -p "$state"
    cluster=$(mktemp -d /tmp/promptevo-pg.XXXXXX)
    echo "$cluster" > "$state/cluster"
    printf 'promptevo\n' > "$cluster/pwfile"
    [ "$(id -u)" = 0 ] && chown -R postgres "$cluster"
    as_owner "$bin/initdb" -D "$cluster/data" -U promptevo --pwfile="$cluster/pwfile" \
      --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$cluster/initdb.log" 2>&1 \
      || { cat "$cluster/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $cluster -c fsync=off" start >/dev/null \
      || { cat "$cluster/server.log" >&2; exit 1; }
    PGPASSWORD=promptevo "$bin/createdb" -h 127.0.0.1 -p "$port" -U promptevo promptevo
    echo "pg.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (cluster $cluster)"
    ;;
  stop)
    [ -f "$state/cluster" ] || exit 0
    cluster=$(cat "$state/cluster")
    bin=$(pg_bin)
    as_owner "$bin/pg_ctl" -D "$cluster/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$cluster" "$state/cluster"
    ;;
  *) echo "usage: pg.sh start <state-dir> <port> | stop <state-dir>" >&2; exit 2 ;;
esac
