#!/usr/bin/env bash
# Installs the Debian packages Karta needs to build and test, if they are missing.
# Usage: scripts/install-deps.sh [run|test]
set -euo pipefail

packages=(pkg-config liblua5.4-dev)
if [[ "${1:-run}" == "test" ]]; then
  packages+=(lua5.4)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [[ "$(id -u)" != "0" ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
