#!/usr/bin/env bash
# Sourced by test.sh. A throwaway PostgreSQL cluster for the test runs against PostgreSQL:
#   find_postgres             sets PG_BIN to the folder holding initdb/pg_ctl (Debian's /usr/lib/postgresql/N/bin or PATH)
#   start_test_postgres       initdb into a temp folder (as the current user, or the postgres user when root: initdb
#                             refuses root), trust auth, loopback only, a free port; exports RAGP_TEST_POSTGRES_CONNECTION
#   stop_test_postgres        stops the cluster and deletes its folder
find_postgres() {
  PG_BIN=""
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && PG_BIN="$dir"
  done
  if [ -z "$PG_BIN" ] && command -v initdb >/dev/null 2>&1; then
    PG_BIN="$(dirname "$(command -v initdb)")"
  fi
  [ -n "$PG_BIN" ]
}

# Installs Debian's postgresql when no initdb is found (as root, with apt-get); stops with exit 2 when it cannot.
ensure_postgres() {
  find_postgres && return 0
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "Installing postgresql..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >/dev/null 2>&1 \
      || { apt-get update >/dev/null 2>&1 \
           && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >/dev/null 2>&1; } || true
  fi
  find_postgres && return 0
  echo "PostgreSQL is required for the PostgreSQL test run and could not be installed (apt-get install postgresql, as root)." >&2
  exit 2
}

# Runs a PostgreSQL program as the cluster's owner.
_pg_as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u "$PG_OWNER" -- "$@"
  else
    "$@"
  fi
}

start_test_postgres() {
  find_postgres || ensure_postgres
  PG_OWNER="$(id -un)"
  if [ "$(id -u)" = "0" ]; then
    PG_OWNER=postgres
    getent passwd postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi
  PG_DIR="$(mktemp -d /tmp/ragp-pg-XXXXXX)"
  chmod 755 "$PG_DIR"
  [ "$(id -u)" = "0" ] && chown "$PG_OWNER" "$PG_DIR"
  PG_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)"
  _pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U ragp --auth=trust -E UTF8 --no-locale >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; echo "initdb failed" >&2; exit 2; }
  _pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c max_connections=300 -c fsync=off -c full_page_writes=off" start >/dev/null \
    || { cat "$PG_DIR/server.log" >&2; echo "PostgreSQL did not start" >&2; exit 2; }
  export RAGP_TEST_POSTGRES_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=ragp;Include Error Detail=true"
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') test cluster on 127.0.0.1:$PG_PORT ($PG_DIR)" >&2
}

stop_test_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  _pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=""
}
