#!/usr/bin/env bash
# Independent check of Karta's DOCX and XLSX output.
# Usage: scripts/check-office.sh OUTDIR [KARTA_BINARY]
#
# OUTDIR holds OUTDIR/<plugin>/<roadmap>.<report>.{json,docx,xlsx}; the .json is the report
# document the plugin built. With KARTA_BINARY, first runs
# `KARTA_BINARY demo --output OUTDIR --formats json,docx,xlsx` (from the repo root) to make them.
#
# 1. scripts/check_office.py compares every .docx (python-docx) and .xlsx (openpyxl) with
#    its .json: page setup, tables cell by cell, merged section rows, repeated headers, text.
# 2. LibreOffice converts the first .docx and the first .xlsx of every plugin, and every
#    region report's (<plugin>.region.<report>.*), to PDF (two soffice runs in all, throwaway
#    profile) into OUTDIR/pdf, and each PDF is checked: a region report's PDF must show every
#    municipality of its document (DOCX) and the title of each chart (XLSX: LibreOffice drew
#    the chart), read with pdftotext.
# Prints `FILE: what differs (expected X, got Y)` per failure and a summary line; exits 1 on
# any failure. python-docx and openpyxl live in a venv at .build/office-venv.
set -euo pipefail

PYTHON_DOCX_VERSION=1.2.0
OPENPYXL_VERSION=3.1.5

if (($# < 1 || $# > 2)); then
  echo "usage: $0 OUTDIR [KARTA_BINARY]" >&2
  exit 2
fi

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/.." && pwd)"
outdir="$(mkdir -p "$1" && cd "$1" && pwd)"
karta="${2:-}"

# --- the files to check -------------------------------------------------------------------
if [[ -n "$karta" ]]; then
  [[ "$karta" == */* ]] && karta="$(cd "$(dirname "$karta")" && pwd)/$(basename "$karta")"
  if [[ ! -x "$karta" ]]; then
    echo "check-office: $karta is not an executable karta binary" >&2
    exit 1
  fi
  (cd "$repo_root" && "$karta" demo --output "$outdir" --formats json,docx,xlsx)
fi

# --- python-docx and openpyxl in a venv ----------------------------------------------------
venv="$repo_root/.build/office-venv"
if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c 'import sys' 2>/dev/null; then
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  if ! python3 -m venv "$venv"; then
    echo "check-office: cannot create a venv with 'python3 -m venv' (Debian: apt-get install python3-venv, or scripts/install-deps.sh test)" >&2
    exit 1
  fi
fi
if ! "$venv/bin/python" - "$PYTHON_DOCX_VERSION" "$OPENPYXL_VERSION" 2>/dev/null <<'EOF'
import sys
from importlib.metadata import version
sys.exit(0 if (version("python-docx"), version("openpyxl")) == tuple(sys.argv[1:3]) else 1)
EOF
then
  echo "check-office: installing python-docx==$PYTHON_DOCX_VERSION openpyxl==$OPENPYXL_VERSION into $venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "python-docx==$PYTHON_DOCX_VERSION" "openpyxl==$OPENPYXL_VERSION"
fi
python="$venv/bin/python"

work="$(mktemp -d "${TMPDIR:-/tmp}/karta-office.XXXXXX")"
trap 'rm -rf "$work"' EXIT
failed=0

# --- 1. structure and content --------------------------------------------------------------
docx_checked=0 xlsx_checked=0
"$python" "$script_dir/check_office.py" check "$outdir" --stats "$work/check.stats" || failed=1
if [[ -f "$work/check.stats" ]]; then
  # shellcheck disable=SC1091
  source "$work/check.stats"
else
  failed=1
fi

# --- 2. LibreOffice ------------------------------------------------------------------------
pdfdir="$outdir/pdf"
rm -rf "$pdfdir"
mkdir -p "$pdfdir" "$work/docx" "$work/xlsx"
: >"$work/manifest"
docx_inputs=() xlsx_inputs=()
shopt -s nullglob
for plugin_dir in "$outdir"/*/; do
  plugin="$(basename "$plugin_dir")"
  [[ "$plugin" == pdf ]] && continue
  for ext in docx xlsx; do
    files=("$plugin_dir"*."$ext")
    ((${#files[@]})) || continue
    first="$(printf '%s\n' "${files[@]}" | LC_ALL=C sort | head -n 1)"
    # A docx and an xlsx of one report share a stem, and stems may repeat across plugins:
    # convert copies named <plugin>.<stem>.<ext>.<ext> so the PDFs are <plugin>.<stem>.<ext>.pdf.
    # Besides the first report, every region report (karta rollup): its PDF is checked for
    # every municipality (DOCX) and for its chart (XLSX).
    for chosen in "$first" "$plugin_dir"*.region.*."$ext"; do
      [[ "$chosen" == "$first" || "$(basename "$chosen")" != "$(basename "$first")" ]] || continue
      name="$plugin.$(basename "$chosen")"
      cp "$chosen" "$work/$ext/$name.$ext"
      printf '%s\t%s\n' "$chosen" "$pdfdir/$name.pdf" >>"$work/manifest"
      if [[ "$ext" == docx ]]; then docx_inputs+=("$work/docx/$name.docx"); else xlsx_inputs+=("$work/xlsx/$name.xlsx"); fi
    done
  done
done
shopt -u nullglob

pdf_converted=0
if ((${#docx_inputs[@]} + ${#xlsx_inputs[@]})); then
  soffice=""
  for candidate in soffice libreoffice; do
    if command -v "$candidate" >/dev/null 2>&1; then soffice="$(command -v "$candidate")"; break; fi
  done
  if [[ -z "$soffice" ]]; then
    echo "check-office: LibreOffice not found (no soffice or libreoffice on PATH); install it with scripts/install-deps.sh test (Debian: libreoffice-writer-nogui libreoffice-calc-nogui)" >&2
    failed=1
  else
    profile="file://$work/profile"
    convert() { # FILTER LOG FILE...
      local filter="$1" log="$2"
      shift 2
      if ! timeout 900 "$soffice" "-env:UserInstallation=$profile" --headless --norestore --nolockcheck \
        --infilter="$filter" --convert-to pdf --outdir "$pdfdir" "$@" >"$log" 2>&1; then
        echo "check-office: $soffice exited with an error converting with $filter:" >&2
        tail -n 20 "$log" >&2
        failed=1
      fi
    }
    ((${#docx_inputs[@]})) && convert "MS Word 2007 XML" "$work/docx.log" "${docx_inputs[@]}"
    ((${#xlsx_inputs[@]})) && convert "Calc MS Excel 2007 XML" "$work/xlsx.log" "${xlsx_inputs[@]}"
    "$python" "$script_dir/check_office.py" pdf "$work/manifest" --stats "$work/pdf.stats" || failed=1
    if [[ -f "$work/pdf.stats" ]]; then
      # shellcheck disable=SC1091
      source "$work/pdf.stats"
    else
      failed=1
    fi
  fi
fi

pdf_expected=$((${#docx_inputs[@]} + ${#xlsx_inputs[@]}))
summary="office: $docx_checked docx, $xlsx_checked xlsx checked; $pdf_converted of $pdf_expected pdf converted"
if ((failed)); then
  echo "$summary: FAILED"
  exit 1
fi
echo "$summary"
