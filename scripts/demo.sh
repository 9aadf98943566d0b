#!/usr/bin/env bash
# Set up, ingest the bundled sample dispatches, and show who assigned what to whom.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export CONGVAN_DB="${CONGVAN_DB:-sqlite:///data/processed/congvan.db}"
.venv/bin/congvan ingest data/raw --workers 2
.venv/bin/congvan tasks
# how the province's plan travelled down: who implemented it, and the tasks each assigned
.venv/bin/congvan trace 04-KH/BCĐ --down
