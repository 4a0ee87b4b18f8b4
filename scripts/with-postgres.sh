#!/usr/bin/env bash
# Runs a command beside a fresh PostgreSQL test server, and stops the server when it ends,
# whether it passed or not.
# Usage: scripts/with-postgres.sh DIR COMMAND [ARGUMENTS...]
#
# The server (scripts/postgres.sh) is made anew in DIR: a cluster left there by an earlier
# run is stopped and removed first. It listens on $KARTA_PG_PORT, else on a free port. The command sees its URL in KARTA_TEST_PG and the folder
# in KARTA_TEST_PG_DIR; the store tests, the CLI tests and scripts/postgres-load.py make
# their databases there.
set -euo pipefail
cd "$(dirname "$0")/.."
(($# >= 2)) || { echo "usage: $0 DIR COMMAND [ARGUMENTS...]" >&2; exit 2; }
dir="$1"
shift
scripts/postgres.sh stop "$dir" >/dev/null 2>&1 || true
rm -rf "$dir"
# A free port, unless one is given: another server (a developer's, another checkout's
# tests) may hold the default.
if [[ -z "${KARTA_PG_PORT:-}" ]]; then
  KARTA_PG_PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  export KARTA_PG_PORT
fi
trap 'scripts/postgres.sh stop "$dir" || true' EXIT
KARTA_TEST_PG="$(scripts/postgres.sh start "$dir")"
export KARTA_TEST_PG KARTA_TEST_PG_DIR="$dir"
echo "with-postgres: $KARTA_TEST_PG (in $dir) for: $*" >&2
"$@"
