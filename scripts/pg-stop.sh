#!/usr/bin/env bash
# Stops a cluster started by scripts/pg-start.sh DIR (fast shutdown). The directory stays; remove it to
# throw the data away.
set -euo pipefail

dir=${1:?usage: pg-stop.sh DIR}
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >&2
else
  echo "pg-stop: no server running in $dir" >&2
fi
