#!/usr/bin/env python3
"""Regenerate every data file under src/newsevents/data/ from ../shared/reference.

    python scripts/build_data.py [SHARED_DIR]

Each stage keeps its own converter (build_actors.py, build_codebook.py, ...); this runs them
all in dependency order so the committed data can be reproduced with one command.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
ORDER = ["build_codebook.py", "build_patterns.py", "build_actors.py", "build_gazetteer.py"]


def main() -> int:
    shared = sys.argv[1] if len(sys.argv) > 1 else str(SCRIPTS.parent.parent / "shared")
    if not Path(shared).is_dir():
        print(f"{shared}: shared reference folder not found", file=sys.stderr)
        return 2
    for name in ORDER:
        script = SCRIPTS / name
        print(f"== {name}", flush=True)
        subprocess.run([sys.executable, str(script), shared], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
