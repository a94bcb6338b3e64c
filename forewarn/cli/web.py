"""``forewarn serve``: the HTTP API and dashboard over a store (registered on import)."""
from __future__ import annotations

from typing import Annotated

import typer

from . import DbOption, _require_store, _settings, app, err, handle_errors


@app.command()
@handle_errors
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the JSON API (docs at /docs) and the dashboard; POST /articles needs FOREWARN_API_TOKEN."""
    import uvicorn

    from ..web import create_app

    settings = _settings(db)
    _require_store(settings.db)
    web_app = create_app(settings.db, settings=settings)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"warning: listening on {host}: the dashboard is reachable from other machines")
    err.print(f"serving {settings.db} on http://{host}:{port}/ (API docs at /docs); Ctrl-C stops")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")
