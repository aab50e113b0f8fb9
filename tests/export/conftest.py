"""The analysed export stories, which every store of the export tests (DuckDB, PostgreSQL) is filled from."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_fixture import export_results  # noqa: E402,F401
