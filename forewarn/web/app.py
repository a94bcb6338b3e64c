"""The FastAPI application: the store, the error shape, templates and static files.

Every error answers with one JSON shape, ``{"error": {"code", "message", "detail"}}``
(``code`` is the HTTP status); HTML pages show the same code and message as a page.
"""
from __future__ import annotations

import contextlib
import logging
import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

from forewarn import __version__
from forewarn.errors import ForewarnError
from forewarn.settings import Settings, load_settings
from forewarn.store import Store

from .submit import AuthError, token_from_env
from .views import NotFound

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
TEMPLATES = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                        trim_blocks=True, lstrip_blocks=True)


def http_url(url: str | None) -> str | None:
    """Return ``url`` when it is http(s), else None: a javascript: link must never be a link."""
    return url if url and url.strip().lower().startswith(("http://", "https://")) else None


TEMPLATES.filters["http_url"] = http_url


class StorePool:
    """One Store per worker thread on a file (WAL readers run side by side), or one shared Store."""

    def __init__(self, path: str | None = None, store: Store | None = None) -> None:
        self.path, self._shared = path, store
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()
        if store is None:
            self.get()                       # open once now: a bad path fails at start

    def get(self) -> Store:
        if self._shared is not None:
            return self._shared
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.path)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                store.close()
            self._all.clear()


def error_body(status: int, message: str, detail: Any = None) -> dict[str, Any]:
    return {"error": {"code": status, "message": message, "detail": detail}}


def wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api/") or path.endswith(".json") or request.method != "GET":
        return False
    return "text/html" in request.headers.get("accept", "")


def error_response(request: Request, status: int, message: str, detail: Any = None) -> Response:
    if wants_html(request):
        html = TEMPLATES.get_template("error.html").render(status=status, message=message,
                                                           title=f"Error {status}")
        return HTMLResponse(html, status_code=status)
    return JSONResponse(error_body(status, message, detail), status_code=status)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and exc.detail == "Not Found":
            message = f"there is no page at {request.url.path}: start from / or see /docs"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg")}
                    for e in exc.errors()]
        first = problems[0] if problems else {"where": "request", "problem": "invalid"}
        return error_response(request, 422, f"{first['where']}: {first['problem']}", problems)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return error_response(request, 404, str(exc))

    @app.exception_handler(AuthError)
    async def auth(request: Request, exc: AuthError) -> Response:
        return error_response(request, exc.status, str(exc))

    @app.exception_handler(ForewarnError)
    async def forewarn_error(request: Request, exc: ForewarnError) -> Response:
        return error_response(request, 400, str(exc), {"type": type(exc).__name__})

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "internal error: the server log has the details")


def create_app(db: str | Path | None = None, *, store: Store | None = None,
               token: str | None = None, settings: Settings | None = None) -> FastAPI:
    """Build the web app on a store file (``db``, default the ``db`` setting) or an open Store.

    ``token`` guards ``POST /articles`` (default the ``api_token`` setting, i.e.
    ``$FOREWARN_API_TOKEN``; without one,
    submissions are refused).
    """
    from . import api, pages

    settings = settings or load_settings()
    pool = StorePool(str(db or settings.db), None) if store is None else StorePool(None, store)
    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        if store is None:
            pool.close()

    app = FastAPI(title="Forewarn", version=__version__, lifespan=lifespan,
                  description="Coded political events (CAMEO, PLOVER) with evidence: articles, "
                              "events, clusters, dyad series, warnings and quotes. Every dashboard "
                              "page has a JSON twin at the same path plus `.json`. Errors are "
                              '`{"error": {"code", "message", "detail"}}`.')
    app.state.stores = pool
    app.state.settings = settings
    app.state.token = token if token is not None else (settings.api_token or token_from_env())
    _install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    return app
