#!/usr/bin/env bash
# Installs the Debian packages Karta needs to build and test, if they are missing.
# Usage: scripts/install-deps.sh [run|test]
set -euo pipefail

# run: what the build links (Lua 5.4, libyaml, libxlsxwriter, zlib for ZIPFoundation).
packages=(pkg-config liblua5.4-dev libyaml-dev libxlsxwriter-dev zlib1g-dev)
if [[ "${1:-run}" == "test" ]]; then
  # test: the plain Lua interpreter, and LibreOffice with metric-compatible fonts
  # for the independent DOCX/XLSX -> PDF check (scripts/check-office.sh).
  packages+=(lua5.4 libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation2 python3-venv poppler-utils)
  # and luacheck, which `karta plugin doctor` runs over the plugins' Lua.
  packages+=(lua-check)
  # and a real browser for the web application's end-to-end test, and wrk for its load step.
  packages+=(chromium chromium-driver wrk)
  # and a real PostgreSQL server for the store suite on its second engine (scripts/postgres.sh).
  packages+=(postgresql)
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
