"""`newsevents eval dates`: not built yet (see the issue that owns this stage)."""

from __future__ import annotations

import typer


def cli() -> None:
    """Not built yet."""
    raise typer.Exit(code=2)
