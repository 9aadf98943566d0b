#!/usr/bin/env bash
# Idempotent set-up on a fresh Debian/Ubuntu machine: system packages, .venv, project + test extras.
set -euo pipefail
cd "$(dirname "$0")/.."

# postgresql: the storage and query tests run on it as well as SQLite (tests/pgserver.py starts one).
# graphviz: `congvan serve` draws a trace with dot (pipeline/tools/graphviz.py). Installed without its recommended
# fonts (fonts-liberation2), which would change how PDFs without embedded fonts render, and so the pixels the
# recorded OCR of tests/ocr_cache is keyed by.
# OCRmyPDF (archive copies, pipeline/tools/ocrmypdf.py) needs no package here: it makes PDF/A with its internal
# (pikepdf) backend and rasterises with pypdfium2. Ghostscript is left out on purpose: it pulls in fonts-urw-base35,
# which would change those renders too, and OCRmyPDF refuses Debian 12's Ghostscript 10.0.0 for pages with text.
# chromium: the browser tests (tests/test_browser.py, Playwright with this executable; Playwright's own browser
# download is never used). Without its recommends it brings no font: `fc-list | wc -l` is the same before and after.
PKGS="tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd poppler-utils antiword fonts-dejavu-core postgresql postgresql-contrib"
BARE_PKGS="graphviz chromium"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
updated=""
install() {  # install [apt-get option …] -- package …: those not installed yet
  local opts=() missing=""
  while [ "$1" != "--" ]; do opts+=("$1"); shift; done; shift
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  [ -n "$missing" ] || return 0
  echo "setup: installing$missing" >&2
  [ -n "$updated" ] || { $SUDO apt-get update -qq; updated=1; }
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${opts[@]}" $missing >/dev/null
}
install -- $PKGS
install --no-install-recommends -- $BARE_PKGS

PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
stamp=.venv/.congvan-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing the project into .venv" >&2
  .venv/bin/pip install -q --upgrade pip >/dev/null
  .venv/bin/pip install -q -e '.[test]'
  touch "$stamp"
fi
