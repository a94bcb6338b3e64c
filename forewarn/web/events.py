"""Event queries for the web layer: the store's filters plus quad class and text search.

``EventFilter`` covers actor, country, dyad, category, root, dates and article. Quad class
and text search are applied here, over pages of the store's answer, until the store
offers them itself (then they are passed straight through).
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
_NATIVE = {f.name for f in dataclasses.fields(EventFilter)}


@dataclass(frozen=True)
class EventQuery:
    """An EventFilter plus what the web layer filters on by itself."""

    filt: EventFilter
    quad: int | None = None
    text: str | None = None


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
    text = (q or "").strip() or None
    extra: dict[str, Any] = {}
    if quad is not None and "quad_class" in _NATIVE:
        extra["quad_class"], quad = quad, None
    if text is not None and "text" in _NATIVE:
        extra["text"], text = text, None
    filt = EventFilter(actor=actor or None, country=country or None, dyad=pair, undirected=undirected,
                       category=category or None, root=root or None, since=since or None,
                       until=until or None, article_id=article or None,
                       include_uncounted=not counted, limit=limit, offset=offset, **extra)
    return EventQuery(filt, quad, text)


def _matches(row: StoredEvent, query: EventQuery) -> bool:
    ev = row.event
    if query.quad is not None and ev.quad_class != query.quad:
        return False
    if query.text is not None:
        needle = query.text.casefold()
        hay = " ".join([ev.evidence.sentence, ev.evidence.trigger,
                        *(a.text for a in ev.source + ev.target),
                        *(a.name or "" for a in ev.source + ev.target)]).casefold()
        if needle not in hay:
            return False
    return True


def find_events(store: Store, query: EventQuery) -> tuple[list[StoredEvent], bool]:
    """Return one page of matching events and whether more follow."""
    filt = query.filt
    limit = filt.limit or MAX_LIMIT
    if query.quad is None and query.text is None:
        rows = store.query_events(dataclasses.replace(filt, limit=limit + 1))
        return rows[:limit], len(rows) > limit
    wanted, skip, found = limit + 1, filt.offset, []
    offset = 0
    while len(found) < wanted:
        chunk = store.query_events(dataclasses.replace(filt, limit=SCAN_PAGE, offset=offset))
        for row in chunk:
            if _matches(row, query):
                if skip:
                    skip -= 1
                else:
                    found.append(row)
        if len(chunk) < SCAN_PAGE:
            break
        offset += SCAN_PAGE
    return found[:limit], len(found) > limit


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


def event_record(row: StoredEvent) -> dict[str, Any]:
    """The interchange event plus the article's url, outlet and published, and page links."""
    d = to_dict(row.event)
    d["url"], d["outlet"] = row.url, row.outlet
    d["published"] = row.published.isoformat() if isinstance(row.published, dt.date) else None
    links = {"event": event_url(row.event.event_id, row.event.article_id),
             "article": f"/articles/{row.event.article_id}"}
    a, b = dyad_of(row)
    if a and b:
        links["dyad"] = f"/dyads/{a}/{b}"
    d["links"] = links
    return d
