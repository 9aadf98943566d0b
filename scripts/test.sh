#!/usr/bin/env bash
# Set up, then run lint, types, the test suite (real Tesseract included) and the
# regression corpus against its committed baseline; CI fails on any of them.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
.venv/bin/ruff check pipeline extractors models scripts tests
.venv/bin/mypy
# The suite and the regression corpus both run whatever the other gives (a failing test must not
# hide a fallen figure, nor the reverse); each result is reported, and either failing fails the script.
# Storage and query tests run on PostgreSQL too; in CI a missing server is a failure, not a skip, and so is a
# missing Chromium for the browser tests (tests/test_browser.py, about 40 s of one core).
# pytest runs on every core (pytest-xdist, `-n auto` in pyproject's addopts); `--slow` adds the suites a plain
# `pytest` skips (the development corpora through the recipe, the builders compared on every scan).
pytest_rc=0
CONGVAN_REQUIRE_PG=1 CONGVAN_REQUIRE_BROWSER=1 .venv/bin/pytest -q --slow "$@" || pytest_rc=$?
echo "Regression corpus (tests/regression, real Tesseract; fails on a drop below the baseline):"
eval_rc=0
.venv/bin/congvan eval tests/regression/corpus --gold tests/regression/gold \
  --baseline tests/regression/baseline.json --report data/processed/regression-report.html --workers 2 || eval_rc=$?
if [ -d ../shared/gold ]; then
  echo "Development set (../shared/gold, every document the project can read; informational):"
  .venv/bin/congvan eval ../shared/corpus --gold ../shared/gold --workers 2 \
    --report data/processed/devset-report.html || true
fi
verdict() { if [ "$1" -eq 0 ]; then echo "passed"; else echo "FAILED (exit $1)"; fi; }
echo "test suite: $(verdict "$pytest_rc"); regression corpus: $(verdict "$eval_rc")"
[ "$pytest_rc" -eq 0 ] && [ "$eval_rc" -eq 0 ]
