"""`python -m newsevents.cli` and the `newsevents` command: the CLI behind one last guard.

Every expected problem (a bad input, a bad option, a store that will not open) is already
reported by the command as one line. Anything else is a bug: the user gets one line saying
so and where the traceback was written, never the traceback itself (unless --verbose).
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from datetime import datetime, timezone
from pathlib import Path

# Exit codes: 1 some inputs failed, 2 usage or store error (Click's convention), 3 a bug.
EXIT_INTERNAL_ERROR = 3
EXIT_INTERRUPTED = 130


def error_log_path() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "newsevents" / "error.log"


def _write_traceback(error: BaseException) -> Path | None:
    path = error_log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.now(timezone.utc).isoformat(timespec='seconds')} newsevents {' '.join(sys.argv[1:])}\n")
            fh.write("".join(traceback.format_exception(error)))
        return path
    except OSError:
        return None


def main(argv: list[str] | None = None) -> None:
    from newsevents.cli import app
    from rich.markup import escape

    from newsevents.cli.common import err

    try:
        app(args=argv, prog_name="newsevents")
    except KeyboardInterrupt:
        err.print("interrupted", soft_wrap=True)
        sys.exit(EXIT_INTERRUPTED)
    except Exception as error:  # the last guard: a bug must not print a traceback to users
        logger = logging.getLogger("newsevents")
        first = str(error).splitlines()[0] if str(error) else ""
        summary = f"{type(error).__name__}: {first}" if first else type(error).__name__
        if logger.isEnabledFor(logging.DEBUG):
            err.print("".join(traceback.format_exception(error)), markup=False, highlight=False)
            where = "traceback above"
        else:
            path = _write_traceback(error)
            where = f"traceback in {path}" if path else "run again with --verbose for the traceback"
        err.print(f"[red]error[/red] internal error, please report it: {escape(summary)} ({escape(where)})", soft_wrap=True)
        sys.exit(EXIT_INTERNAL_ERROR)


if __name__ == "__main__":
    main()
