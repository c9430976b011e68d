#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster for tests and prints its URL on stdout (everything else goes to
# stderr), e.g.  BIZOTP_TEST_POSTGRES_URL=$(scripts/pg-start.sh /tmp/bizotp-pg 54329)
# Trust authentication, listening on 127.0.0.1 only: never point it at a directory that matters.
# Running it again on the same DIR reuses the cluster (starting it if stopped). Stop: scripts/pg-stop.sh DIR.
set -euo pipefail

usage='usage: pg-start.sh DIR PORT'
dir=${1:?$usage}
port=${2:?$usage}
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
database=bizotp_test

# initdb refuses to run as root: run the server's tools as the postgres user then.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
chmod 700 "$dir"

if [ ! -f "$dir/PG_VERSION" ]; then
  # --no-sync only speeds up creating the cluster; the server itself keeps fsync and synchronous_commit on.
  as_owner "$bin/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C --no-sync >&2
fi

if as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  # Line 4 of postmaster.pid is the port the running server listens on; report that one.
  running_port=$(sed -n 4p "$dir/postmaster.pid")
  echo "pg-start: cluster in $dir is already running on port $running_port" >&2
  port=$running_port
else
  if ! as_owner "$bin/pg_ctl" -D "$dir" -w -l "$dir/server.log" \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir" start >&2; then
    tail -n 20 "$dir/server.log" >&2 || true
    exit 1
  fi
fi

psql=("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != 1 ]; then
  "${psql[@]}" -c "CREATE DATABASE $database" >&2
fi

echo "postgres://postgres@127.0.0.1:$port/$database"
