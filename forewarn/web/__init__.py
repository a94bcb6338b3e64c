"""Web: the HTTP API (FastAPI, OpenAPI at /docs) and the dashboard over a store.

``create_app(db)`` builds the application; ``forewarn serve`` runs it with uvicorn. The
JSON API lives under ``/api`` (plus ``POST /articles``); every dashboard page has a JSON
twin at the same path plus ``.json``. Templates autoescape, and highlighted article text
is built from escaped pieces only.
"""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
