"""Event queries for the web layer: request parameters into an EventFilter, and pages of
event records with their links.

Every filter, text search and quad class included, is answered by the store from an index
(see ``forewarn.store.queries``); pages are rendered from the stored interchange records
(``Store.query_event_records``) rather than rebuilt models.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from forewarn.errors import InputError
from forewarn.models import to_dict
from forewarn.store import EventFilter, Store, StoredEvent

MAX_LIMIT = 1000
SCAN_PAGE = 2000


@dataclass(frozen=True)
class EventQuery:
    """The validated EventFilter of a request."""

    filt: EventFilter


def make_query(*, actor: str | None = None, country: str | None = None, dyad: str | None = None,
               undirected: bool = False, category: str | None = None, root: str | None = None,
               quad: int | None = None, since: str | None = None, until: str | None = None,
               article: str | None = None, q: str | None = None, counted: bool = False,
               limit: int = 50, offset: int = 0) -> EventQuery:
    """Validate request parameters into an EventQuery; a bad value raises InputError."""
    pair = None
    if dyad:
        parts = [p.strip() for p in dyad.replace("-", ",").split(",") if p.strip()]
        if len(parts) != 2:
            raise InputError(f"dyad {dyad!r} must name two countries, e.g. BLR,UKR")
        pair = (parts[0], parts[1])
    if quad is not None and quad not in (1, 2, 3, 4):
        raise InputError(f"quad must be 1, 2, 3 or 4 (GDELT quad class), got {quad!r}")
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit must be from 1 to {MAX_LIMIT}, got {limit}")
    filt = EventFilter(actor=actor or None, country=country or None, dyad=pair, undirected=undirected,
                       category=category or None, root=root or None, quad_class=quad,
                       text=(q or "").strip() or None, since=since or None, until=until or None,
                       article_id=article or None, include_uncounted=not counted, limit=limit,
                       offset=offset)
    return EventQuery(filt)


def find_records(store: Store, query: EventQuery) -> tuple[list[dict[str, Any]], bool]:
    """Return one page of matching events as records with links, and whether more follow."""
    filt = query.filt
    limit = filt.limit or MAX_LIMIT
    rows = store.query_event_records(dataclasses.replace(filt, limit=limit + 1))
    return [add_links(d) for d in rows[:limit]], len(rows) > limit


def get_event(store: Store, event_id: str, article_id: str | None = None) -> StoredEvent | None:
    """Return the stored event with this id (``article_id``, when known, makes it fast)."""
    lookup = getattr(store, "get_event", None)
    if callable(lookup):
        return lookup(event_id)
    if article_id:
        for row in store.query_events(EventFilter(article_id=article_id, limit=None)):
            if row.event.event_id == event_id:
                return row
    offset = 0
    while True:
        chunk = store.query_events(EventFilter(limit=SCAN_PAGE, offset=offset))
        for row in chunk:
            if row.event.event_id == event_id:
                return row
        if len(chunk) < SCAN_PAGE:
            return None
        offset += SCAN_PAGE


def event_url(event_id: str, article_id: str) -> str:
    return f"/events/{event_id}?article={article_id}"


def dyad_of(row: StoredEvent) -> tuple[str | None, str | None]:
    ev = row.event
    return (ev.source[0].country if ev.source else None, ev.target[0].country if ev.target else None)


def add_links(d: dict[str, Any]) -> dict[str, Any]:
    """Add the page links to an event record (``to_dict`` of an event plus url, outlet,
    published); return it."""
    links = {"event": event_url(d["event_id"], d["article_id"]),
             "article": f"/articles/{d['article_id']}"}
    source, target = d.get("source") or (), d.get("target") or ()
    a = source[0].get("country") if source else None
    b = target[0].get("country") if target else None
    if a and b:
        links["dyad"] = f"/dyads/{a}/{b}"
    d["links"] = links
    return d


def event_record(row: StoredEvent) -> dict[str, Any]:
    """The interchange event plus the article's url, outlet and published, and page links."""
    d = to_dict(row.event)
    d["url"], d["outlet"] = row.url, row.outlet
    d["published"] = row.published.isoformat() if isinstance(row.published, dt.date) else None
    return add_links(d)
