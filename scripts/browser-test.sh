#!/usr/bin/env bash
# End-to-end test of the web application in a real browser (headless Chromium driven by
# Selenium with Debian's chromedriver).
# Usage: scripts/browser-test.sh KARTA_BINARY [OUTDIR]
#
# Builds a fresh database in OUTDIR (default .build/browser-test) from Shakhty's fixture,
# adds a municipal coordinator and a department account, starts `karta serve` on a free
# port, and runs scripts/browser_test.py: the coordinator reports an activity with an
# uploaded PDF, the department returns it with a comment, it is reported again and accepted,
# the coordinator downloads the DOCX. Screenshots land in OUTDIR/*.png. Exits 1 on failure.
set -euo pipefail

SELENIUM_VERSION=4.27.1

if (($# < 1 || $# > 2)); then
  echo "usage: $0 KARTA_BINARY [OUTDIR]" >&2
  exit 2
fi
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
karta="$1"
[[ "$karta" == */* ]] && karta="$(cd "$(dirname "$karta")" && pwd)/$(basename "$karta")"
outdir="${2:-$repo_root/.build/browser-test}"
rm -rf "$outdir"
mkdir -p "$outdir"
outdir="$(cd "$outdir" && pwd)"

venv="$repo_root/.build/browser-venv"
if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c "import selenium, sys; sys.exit(selenium.__version__ != '$SELENIUM_VERSION')" 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "selenium==$SELENIUM_VERSION"
fi

db="$outdir/karta.sqlite"
cd "$repo_root"
"$karta" import --db "$db" regions/shakhty/roadmap-2022.yaml >/dev/null
echo "stacenko-secret" | "$karta" user add stacenko --db "$db" --name "Стаценко Н.В." --role mk --plugin shakhty --municipality "г. Шахты" >/dev/null
echo "tkachenko-secret" | "$karta" user add tkachenko --db "$db" --name "Ткаченко В.А." --role department --plugin shakhty >/dev/null

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$karta" serve --db "$db" --port "$port" >"$outdir/serve.log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  if python3 -c "import urllib.request, sys; urllib.request.urlopen('http://127.0.0.1:$port/healthz', timeout=1)" 2>/dev/null; then break; fi
  sleep 0.1
done

"$venv/bin/python" "$repo_root/scripts/browser_test.py" "http://127.0.0.1:$port" "$outdir"

# The server stops cleanly on SIGTERM.
kill -TERM $server
wait $server
trap - EXIT
if grep -q "secret" "$outdir/serve.log"; then
  echo "browser-test: a password reached the server's log" >&2
  exit 1
fi
echo "browser-test: passed (screenshots in $outdir)"
