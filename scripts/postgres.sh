#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests, from Debian's `postgresql` package
# (scripts/install-deps.sh test installs it).
# Usage: scripts/postgres.sh start|stop|restart|url DIR
#
#   start DIR    initialises a cluster in DIR/data if there is none, starts it and waits until
#                it accepts connections; creates the role `karta` (no superuser; CREATEDB, so
#                that each test makes a database of its own) and the database `karta` it owns. Prints the URL on stdout (nothing else goes there);
#                the socket directory and the log file go to stderr. Starting a running
#                server only prints the URL.
#   stop DIR     stops it (fast); nothing to do if it is not running.
#   restart DIR  restarts it (fast: open connections are cut) and prints the URL again.
#   url DIR      prints the URL: postgres://karta@127.0.0.1:PORT/karta
#
# The server listens on 127.0.0.1:$KARTA_PG_PORT (default 54329; read when the server starts,
# kept in DIR/port) and on a unix socket in DIR (or in /tmp/karta-pg-HASH when DIR's path is
# too long for a socket). Local connections are trusted; the superuser is `postgres`.
# Durability is off (fsync, synchronous_commit, full_page_writes): a clean stop or restart
# keeps the data, a crash of the machine may not. The server never runs as root: as root
# the binaries run as the `postgres` user that Debian's package creates (DIR is chowned to
# it), or as a `karta-pg` system user made here if there is none. Log: DIR/postgres.log.
set -Eeuo pipefail
trap 'echo "postgres: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

usage() {
  echo "usage: $0 start|stop|restart|url DIR" >&2
  exit 2
}
(($# == 2)) || usage
cmd="$1"
case "$cmd" in start | stop | restart | url) ;; *) usage ;; esac

# The newest installed server version.
bindir=""
for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5n); do
  [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] && bindir="$d"
done
if [[ -z "$bindir" ]]; then
  echo "postgres: no server in /usr/lib/postgresql/*/bin (run scripts/install-deps.sh test)" >&2
  exit 1
fi

if [[ "$cmd" == start ]]; then mkdir -p "$2"; fi
dir="$(realpath -m "$2")"
data="$dir/data"
log="$dir/postgres.log"

# A unix socket's path must fit in 107 bytes; a deep checkout may not.
sockdir="$dir"
if ((${#sockdir} + 20 > 100)); then
  sockdir="/tmp/karta-pg-$(printf '%s' "$dir" | sha1sum | cut -c1-12)"
fi

# Who runs the server.
as_user=()
if [[ "$(id -u)" == "0" ]]; then
  user=postgres
  if ! id -u "$user" >/dev/null 2>&1; then
    user=karta-pg
    id -u "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
  fi
  as_user=(runuser -u "$user" --)
fi
run() { (cd / && "${as_user[@]}" "$@"); }

# A postmaster killed outright can stay a zombie for a while (until init reaps it); to
# pg_ctl and to postgres' own lock files a zombie still looks alive.
alive() {
  local state
  state="$(ps -o stat= -p "$1" 2>/dev/null)" || return 1
  [[ -n "$state" && "$state" != Z* ]]
}
lock_pid() { if [[ -f "$1" ]]; then head -n 1 "$1" | tr -dc 0-9; fi; }
is_running() {
  local pid
  pid="$(lock_pid "$data/postmaster.pid")"
  [[ -n "$pid" ]] && alive "$pid" && run "$bindir/pg_ctl" status -D "$data" >/dev/null 2>&1
}
# Lock files left by a server that is gone (postgres would refuse to start over them).
clear_stale_locks() {
  local f pid
  for f in "$data/postmaster.pid" "$sockdir/.s.PGSQL.$1.lock"; do
    pid="$(lock_pid "$f")"
    if [[ -n "$pid" ]] && ! alive "$pid"; then rm -f "$f" "${f%.lock}"; fi
  done
}

port() {
  if [[ -f "$dir/port" ]]; then cat "$dir/port"; else echo "${KARTA_PG_PORT:-54329}"; fi
}

url() { echo "postgres://karta@127.0.0.1:$(port)/karta"; }

wait_ready() {
  local p
  p="$(port)"
  for _ in $(seq 1 300); do
    if "$bindir/pg_isready" -q -h "$sockdir" -p "$p" -U postgres -d postgres; then return 0; fi
    sleep 0.1
  done
  echo "postgres: the server did not accept connections in 30 s; the end of $log:" >&2
  tail -n 20 "$log" >&2 || true
  exit 1
}

psql_super() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$sockdir" -p "$(port)" -U postgres -d postgres "$@"; }

start() {
  if is_running; then
    url
    return 0
  fi

  if [[ -n "${as_user[*]}" ]]; then
    chown "$user:" "$dir"
    if ! run test -w "$dir"; then
      echo "postgres: user $user cannot write $dir (is a parent directory closed to it?)" >&2
      exit 1
    fi
  fi
  if [[ "$sockdir" != "$dir" ]]; then
    mkdir -p "$sockdir"
    if [[ -n "${as_user[*]}" ]]; then chown "$user:" "$sockdir"; fi
  fi

  if [[ ! -f "$data/PG_VERSION" ]]; then
    rm -rf "$data"
    run "$bindir/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync \
      --no-instructions >"$dir/initdb.log" 2>&1 || {
      echo "postgres: initdb failed:" >&2
      cat "$dir/initdb.log" >&2
      exit 1
    }
    echo "include_if_exists = 'karta.conf'" | run tee -a "$data/postgresql.conf" >/dev/null
  fi

  # The settings are rewritten at every start, so that restart keeps them.
  local p="${KARTA_PG_PORT:-54329}"
  echo "$p" >"$dir/port"
  run tee "$data/karta.conf" >/dev/null <<EOF
# Written by scripts/postgres.sh at every start.
port = $p
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sockdir'
unix_socket_permissions = 0777
max_connections = 200
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
log_destination = 'stderr'
logging_collector = off
EOF

  clear_stale_locks "$p"
  if [[ -n "${as_user[*]}" ]]; then
    touch "$log"
    chown "$user:" "$log"
  fi
  if ! run "$bindir/pg_ctl" start -D "$data" -l "$log" -w -t 60 -s; then
    echo "postgres: the server did not start; the end of $log:" >&2
    tail -n 20 "$log" >&2 || true
    exit 1
  fi
  wait_ready

  psql_super <<'EOF'
SELECT 'CREATE ROLE karta LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'karta') \gexec
ALTER ROLE karta CREATEDB;
SELECT 'CREATE DATABASE karta OWNER karta' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'karta') \gexec
EOF
  echo "postgres: running ($(basename "$(dirname "$bindir")")), socket dir $sockdir, port $(port), log $log" >&2
  url
}

case "$cmd" in
  start) start ;;
  stop)
    if is_running; then run "$bindir/pg_ctl" stop -D "$data" -m fast -w -t 60 -s; fi
    if [[ "$sockdir" != "$dir" ]]; then rmdir "$sockdir" 2>/dev/null || true; fi
    ;;
  restart)
    if [[ ! -f "$data/PG_VERSION" ]]; then
      echo "postgres: no cluster in $data (run: $0 start $2)" >&2
      exit 1
    fi
    if ! is_running; then
      # Nothing to stop (or a server that died): start it on the port it had.
      KARTA_PG_PORT="$(port)" start
      exit 0
    fi
    if ! run "$bindir/pg_ctl" restart -D "$data" -l "$log" -m fast -w -t 60 -s; then
      echo "postgres: the server did not restart; the end of $log:" >&2
      tail -n 20 "$log" >&2 || true
      exit 1
    fi
    wait_ready
    url
    ;;
  url) url ;;
esac
