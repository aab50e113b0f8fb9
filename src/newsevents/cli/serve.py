"""`newsevents serve`: the HTTP API and the web page over a store (DuckDB or PostgreSQL), read-only."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from newsevents.cli.common import DEFAULT_DB, Db, err

Host = Annotated[str, typer.Option("--host", help="Address to bind; the default is reachable from this machine only.")]
Port = Annotated[int, typer.Option("--port", min=1, max=65535)]
Timeout = Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds a query may run before the API answers 503.")]
CacheSeconds = Annotated[
    float, typer.Option("--cache-seconds", min=0, help="Keep timeline/actor/dyad/place counts this long (0: never).")
]
Cors = Annotated[
    Optional[list[str]],
    typer.Option("--cors-origin", help="Allow browser pages from this origin to call the API (off by default)."),
]


def serve(db: Db = DEFAULT_DB, host: Host = "127.0.0.1", port: Port = 8000, timeout: Timeout = 5.0,
          cache_seconds: CacheSeconds = 60.0, cors_origin: Cors = None) -> None:
    """Serve the HTTP API (/api, docs at /docs) and the web page (/) over the store, read-only."""
    import uvicorn

    from newsevents.web.app import create_app
    from newsevents.web.db import DatabaseError, open_database

    try:
        database = open_database(db, timeout=timeout)
    except DatabaseError as error:
        err.print(f"[red]error[/red] {error}", soft_wrap=True)
        raise typer.Exit(code=2) from None
    scope = "this machine only" if host in ("127.0.0.1", "localhost", "::1") else "the network: anyone who can reach it"
    err.print(f"serving {database.path} read-only on http://{host}:{port}/ (reachable from {scope}); API docs at /docs")
    try:
        uvicorn.run(create_app(database, cors_origin, cache_seconds), host=host, port=port, log_level="warning")
    finally:
        database.close()
