#!/usr/bin/env bash
# Builds Karta and fails if the compiler warns about the project's own code.
# Usage: scripts/build.sh [extra swift build arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! swift build "$@" 2>&1 | tee "$log"; then
  exit 1
fi
root=$(pwd)
if grep -E "^${root}/(Sources|Tests)/.*: warning:" "$log" >/dev/null; then
  echo "build: the project's code has compiler warnings (above); Karta builds without warnings." >&2
  exit 1
fi
