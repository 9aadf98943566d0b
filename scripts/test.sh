#!/usr/bin/env bash
# Set up, then run lint, types and the test suite (real Tesseract included).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
.venv/bin/ruff check pipeline extractors models scripts tests
.venv/bin/mypy
.venv/bin/pytest -q "$@"
if [ -d ../shared/gold ]; then
  echo "Development set (../shared/gold, text seeds; informational, never fails the run):"
  .venv/bin/python scripts/devset.py || true
fi
