"""``forewarn serve``: the HTTP API and dashboard over a store (registered on import)."""
from __future__ import annotations

import os
from typing import Annotated

import typer

from . import DbOption, _require_store, _settings, app, err, handle_errors


@app.command()
@handle_errors
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Server processes (each with its own store "
                                                     "connections); about one per CPU core.")] = 1,
) -> None:
    """Serve the JSON API (docs at /docs) and the dashboard; POST /articles needs FOREWARN_API_TOKEN."""
    import uvicorn

    settings = _settings(db)
    _require_store(settings.db)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"warning: listening on {host}: the dashboard is reachable from other machines")
    err.print(f"serving {settings.db} on http://{host}:{port}/ with {workers} worker"
              f"{'s' if workers > 1 else ''} (API docs at /docs); Ctrl-C stops")
    if workers == 1:
        from ..web import create_app

        uvicorn.run(create_app(settings.db, settings=settings), host=host, port=port,
                    log_level="warning")
        return
    # Worker processes import the app themselves: they read the same settings, with the
    # store chosen here passed on through the environment. Open it once here first, so a
    # pending schema migration runs once rather than in every worker at the same time.
    from ..store import Store

    Store(settings.db).close()
    os.environ["FOREWARN_DB"] = str(settings.db)
    uvicorn.run("forewarn.web:create_app", factory=True, host=host, port=port, workers=workers,
                log_level="warning")
