# Sourced by ./test.sh and tests/load/cluster.sh: starts a throwaway PostgreSQL server from the
# machine's Debian packages (initdb into a temporary folder, as the postgres user when run as root,
# on a free loopback port), exports its superuser connection string in SECONDCHANCE_TEST_POSTGRES,
# and stops it and removes the folder when the calling script exits.
# Does nothing when SECONDCHANCE_TEST_POSTGRES is already set (a server the developer gave).

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

start_postgres() {
  [ -z "${SECONDCHANCE_TEST_POSTGRES:-}" ] || return 0
  local bin port
  bin=$(pg_bin)
  pgdir=$(mktemp -d /tmp/secondchance-pg.XXXXXX)
  chmod 755 "$pgdir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  run_pg() {
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres "$pgdir"; su postgres -s /bin/sh -c "$*";
    else sh -c "$*"; fi
  }
  pg_stop_bin=$bin
  stop_pg() { run_pg "'$pg_stop_bin/pg_ctl' -D '$pgdir/data' -m immediate stop" >/dev/null 2>&1; rm -rf "$pgdir"; }
  trap stop_pg EXIT
  run_pg "'$bin/initdb' -D '$pgdir/data' -A trust -U postgres -E UTF8 --no-locale" >"$pgdir/initdb.log" 2>&1 \
    || { cat "$pgdir/initdb.log" >&2; echo "PostgreSQL: initdb failed" >&2; exit 1; }
  run_pg "'$bin/pg_ctl' -D '$pgdir/data' -l '$pgdir/server.log' -w -o \"-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off\" start" >/dev/null \
    || { cat "$pgdir/server.log" >&2; echo "PostgreSQL did not start" >&2; exit 1; }
  export SECONDCHANCE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "PostgreSQL on 127.0.0.1:$port" >&2
}
