"""Forewarn: news articles in, auditable coded political events out.

The public Python API::

    from forewarn import code_article, ingest_sources, Store, EventFilter, load_settings

    doc = code_article(text, published=datetime.date(2023, 1, 24), outlet="The Daily Beast")
    for event in doc.events:
        print(event.cameo.code, event.plover.category, event.evidence.sentence)

Everything the CLI does is a call to one of these functions (``forewarn ingest`` is
``ingest_sources``, also reachable as ``forewarn.pipeline.ingest``: the name ``ingest``
belongs to the ingest stage's package).
"""
from __future__ import annotations

from .errors import (ExtractionError, FetchError, ForewarnError, InputError, KnowledgeError, SettingsError,
                     StoreError)
from .models import (Actor, Article, DateRef, Document, Event, Modality, Place, Quote, RawArticle,
                     to_dict)
from .settings import Settings, load_settings

__version__ = "0.1.0"

__all__ = [
    "Actor", "Article", "DateRef", "Document", "Event", "EventFilter", "ExtractionError", "FetchError",
    "ForewarnError", "InputError", "KnowledgeError", "Modality", "Place", "Quote", "RawArticle", "Settings",
    "SettingsError", "Store", "StoreError", "code_article", "code_articles", "ingest_sources", "load_settings",
    "read_sources", "to_dict",
]


def __getattr__(name: str):
    # Heavy parts (spaCy, the store) load on first use, so `import forewarn` stays cheap.
    if name in ("code_article", "code_articles"):
        from . import pipeline
        return getattr(pipeline, name)
    if name == "ingest_sources":
        from .pipeline import ingest
        return ingest
    if name in ("Store", "EventFilter"):
        from . import store
        return getattr(store, name)
    if name == "read_sources":
        from .ingest import read_sources
        return read_sources
    raise AttributeError(f"module 'forewarn' has no attribute {name!r}")
