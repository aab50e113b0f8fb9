#!/usr/bin/env bash
# Sets up and runs the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/setup_postgres.sh
bash scripts/setup_browser.sh
exec .venv/bin/python -m pytest "$@"
