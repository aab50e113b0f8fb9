#!/usr/bin/env bash
# The main job: ingest the bundled example articles into ./newsevents.duckdb and show them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/newsevents ingest examples/ --db newsevents.duckdb
.venv/bin/newsevents articles --db newsevents.duckdb
.venv/bin/newsevents events --db newsevents.duckdb
