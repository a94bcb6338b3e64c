"""What each dashboard page shows, as plain JSON-ready dictionaries.

The HTML page and its ``.json`` twin are rendered from the same dictionary; the HTML adds
only presentation (highlighted text, SVG charts) built from it. A missing article or event
raises ``NotFound``.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from forewarn.models import Document, Event, Quote, to_dict
from forewarn.store import EventFilter, Store, StoredEvent

from . import analysis
from .events import EventQuery, event_record, event_url, find_records, get_event
from .highlight import Span, find_all

TOP_EVENTS = 12
STATEMENT_ARTICLES = 25
MAP_WINDOW_DAYS = 365


class NotFound(LookupError):
    """The page's subject (an article, an event) is not in the store."""


def _actor_label(a: Any) -> str:
    who = a.name or a.text
    return f"{who} ({a.country or '?'}/{a.sector or '?'})"


def article_summary(a: Any) -> dict[str, Any]:
    return {"article_id": a.article_id, "title": a.title, "outlet": a.outlet, "url": a.url,
            "published": a.published.isoformat() if a.published else None,
            "links": {"article": f"/articles/{a.article_id}"}}


# -- overview ----------------------------------------------------------------------------

def overview(store: Store, today: dt.date | None = None) -> dict[str, Any]:
    today = today or dt.date.today()
    latest = analysis.latest_day(store)
    n_articles = store.count_articles()
    return {
        "counts": {"articles": n_articles, "events": store.count_events()},
        "today": analysis.volume(store, today),
        "latest": analysis.volume(store, latest) if latest and latest != today else None,
        "warnings": analysis.warnings(store),
        "active_dyads": analysis.active_dyads(store, latest),
        "recent_articles": [article_summary(a) for a in store.list_articles(limit=8)],
        "empty": n_articles == 0,
    }


# -- dyad --------------------------------------------------------------------------------

def _quote_record(q: Quote, article: Any) -> dict[str, Any]:
    d = to_dict(q)
    d["article"] = article_summary(article)
    return d


def dyad(store: Store, a: str, b: str) -> dict[str, Any]:
    filt = EventFilter(dyad=(a, b), undirected=True, include_uncounted=False, limit=None)
    a, b = filt.dyad                                  # validated, upper-cased
    rows = store.query_events(filt)
    top = sorted(rows, key=lambda r: (-abs(r.event.goldstein or 0.0),
                                      -(r.event.date.value or dt.date.min).toordinal()))[:TOP_EVENTS]
    article_ids = list(dict.fromkeys(r.event.article_id for r in reversed(rows)))[:STATEMENT_ARTICLES]
    said: dict[str, list[dict[str, Any]]] = {a: [], b: []}
    for aid in article_ids:
        doc = store.get_document(aid)
        if doc is None:
            continue
        for q in doc.quotes:
            country = q.speaker.country if q.speaker else None
            if country in said:
                said[country].append(_quote_record(q, doc.article))
    return {
        "source": a, "target": b, "events": len(rows),
        "series": analysis.dyad_series(store, a, b),
        "top_events": [event_record(r) for r in top],
        "statements": [{"country": c, "quotes": said[c]} for c in (a, b)] if a != b
        else [{"country": a, "quotes": said[a]}],
        "links": {"reverse": f"/dyads/{b}/{a}",
                  "events": f"/search?dyad={a},{b}&undirected=true"},
    }


# -- event -------------------------------------------------------------------------------

def evidence_spans(ev: Event, doc: Document | None) -> list[Span]:
    """Spans (body offsets) of the evidence sentence: actors, trigger, quote, reporter."""
    spans = [Span(x.start, x.end, "source", "source: " + _actor_label(x)) for x in ev.source]
    spans += [Span(x.start, x.end, "target", "target: " + _actor_label(x)) for x in ev.target]
    e = ev.evidence
    if e.trigger_start is not None and e.trigger_end is not None:
        spans.append(Span(e.trigger_start, e.trigger_end, "trigger",
                          f"trigger: CAMEO {ev.cameo.code}"))
    quote = _quote_of(ev, doc)
    if quote is not None:
        who = _actor_label(quote.speaker) if quote.speaker else "unknown speaker"
        spans.append(Span(quote.start, quote.end, "quote", f"{quote.kind} quote by {who}"))
    for reporter in ev.reported_by:
        for s, t in find_all(e.sentence, reporter, base=e.start):
            spans.append(Span(s, t, "reported", f"reported by {reporter}"))
    return spans


def _quote_of(ev: Event, doc: Document | None) -> Quote | None:
    if doc is None or not ev.evidence.quote_id:
        return None
    return next((q for q in doc.quotes if q.quote_id == ev.evidence.quote_id), None)


def event(store: Store, event_id: str, article_id: str | None = None) -> tuple[dict[str, Any], StoredEvent, Document | None]:
    row = get_event(store, event_id, article_id)
    if row is None:
        raise NotFound(f"no stored event has id {event_id!r}: find events on /search")
    doc = store.get_document(row.event.article_id)
    quote = _quote_of(row.event, doc)
    record = event_record(row)
    page = {
        "event": record,
        "article": article_summary(doc.article) if doc else None,
        "quote": to_dict(quote) if quote else None,
        "evidence_spans": [dataclasses.asdict(s) for s in evidence_spans(row.event, doc)],
        "cluster": analysis.cluster_of(store, row),
        "reported_in": analysis.reporting_events(store, row),
    }
    return page, row, doc


# -- article -----------------------------------------------------------------------------

def article_spans(doc: Document) -> list[Span]:
    """Actors, quotes, places and dates of an article (body offsets)."""
    spans = [Span(q.start, q.end, "quote",
                  f"{q.kind} quote by {_actor_label(q.speaker) if q.speaker else 'unknown speaker'}")
             for q in doc.quotes]
    spans += [Span(x.start, x.end, "actor", _actor_label(x)) for x in doc.actors]
    spans += [Span(p.start, p.end, "place", f"place{': ' + p.country if p.country else ''}")
              for p in doc.places]
    for d in doc.dates:
        if d.start is not None and d.text:
            when = d.value.isoformat() if d.value else "unresolved"
            if d.end:
                when += f"..{d.end.isoformat()}"
            spans.append(Span(d.start, d.start + len(d.text), "date", f"date: {when}"))
    return spans


def resolve_article(store: Store, article_id: str) -> str:
    """Return the full id of the article that ``article_id`` (a unique prefix) names."""
    if store.has_article(article_id):
        return article_id
    matches = store.find_articles(article_id)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFound(f"no stored article has id {article_id!r}: see the list on /articles")
    raise NotFound(f"article id {article_id!r} is ambiguous ({len(matches)} match): give more characters")


def article(store: Store, article_id: str) -> tuple[dict[str, Any], Document]:
    doc = store.get_document(resolve_article(store, article_id))
    if doc is None:
        raise NotFound(f"no stored article has id {article_id!r}: see the list on /articles")
    rows = store.query_events(EventFilter(article_id=doc.article.article_id, limit=None))
    a = doc.article
    page = {
        "article": {**article_summary(a), "section": a.section, "kicker": a.kicker, "deck": a.deck,
                    "language": a.language, "text": a.text},
        "events": [event_record(r) for r in rows],
        "quotes": [to_dict(q) for q in doc.quotes],
        "actors": [to_dict(x) for x in doc.actors],
        "places": [to_dict(p) for p in doc.places],
        "dates": [to_dict(d) for d in doc.dates],
    }
    return page, doc


def articles(store: Store, limit: int, offset: int) -> dict[str, Any]:
    found = store.list_articles(limit=limit + 1, offset=offset)
    more = len(found) > limit
    return {"articles": [article_summary(a) for a in found[:limit]], "limit": limit, "offset": offset,
            "next": f"?limit={limit}&offset={offset + limit}" if more else None,
            "total": store.count_articles()}


# -- search and map ----------------------------------------------------------------------

def search(store: Store, query: EventQuery, params: dict[str, Any]) -> dict[str, Any]:
    events, more = find_records(store, query)
    filt = query.filt
    nxt = None
    if more:
        kept = {k: v for k, v in params.items() if v not in (None, "", False) and k != "offset"}
        kept["offset"] = filt.offset + (filt.limit or 0)
        nxt = "?" + "&".join(f"{k}={v}" for k, v in kept.items())
    return {"query": {k: v for k, v in params.items() if v not in (None, "")},
            "events": events, "limit": filt.limit, "offset": filt.offset,
            "next": nxt}


def located(store: Store) -> dict[str, Any]:
    latest = analysis.latest_day(store)
    since = latest - dt.timedelta(days=MAP_WINDOW_DAYS) if latest else None
    rows = store.query_events(EventFilter(since=since, limit=None))
    points = []
    for r in rows:
        p = r.event.place
        if p is None or p.lat is None or p.lon is None:
            continue
        ev = r.event
        who = ev.source[0].name or ev.source[0].text if ev.source else "?"
        points.append({"lat": p.lat, "lon": p.lon, "place": p.text, "country": p.country,
                       "event_id": ev.event_id, "date": ev.date.value.isoformat() if ev.date.value else None,
                       "label": f"{who} {ev.evidence.trigger} ({ev.plover.category or 'CAMEO ' + ev.cameo.code})",
                       "link": event_url(ev.event_id, ev.article_id)})
    return {"since": since.isoformat() if since else None, "events": len(rows), "points": points}
