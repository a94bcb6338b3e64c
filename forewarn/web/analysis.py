"""Clusters, dyad series and warnings for the web layer.

They come from ``forewarn.aggregate`` / ``forewarn.warn`` and the store's cluster tables
(deduplicated clusters: ``basis`` "clusters"). Where those have nothing to say (a store
whose events were never clustered, a quiet month in an archive), dyad activity and
series are computed from the stored counted events instead (``basis`` "events").
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from forewarn.models import to_dict
from forewarn.store import EventFilter, Store, StoredEvent

from .events import dyad_of, event_record

ACTIVE_WINDOW_DAYS = 30
NOT_YET = ("this Forewarn has no clustering and warning stages installed; "
           "upgrade it to see clusters and warnings")


def latest_day(store: Store) -> dt.date | None:
    """The newest publication date in the store (the dashboard's 'now' for old archives)."""
    newest = store.list_articles(limit=1)
    return newest[0].published if newest else None


def volume(store: Store, day: dt.date) -> dict[str, Any]:
    """How many articles were published and events happened on ``day``."""
    articles, offset = 0, 0
    while True:                           # newest first: stop at the first older article
        page = store.list_articles(limit=200, offset=offset)
        for a in page:
            if a.published == day:
                articles += 1
        if len(page) < 200 or (page and page[-1].published and page[-1].published < day):
            break
        offset += 200
    events = store.query_events(EventFilter(since=day, until=day, include_uncounted=False,
                                            limit=None))
    return {"day": day.isoformat(), "articles": articles, "events": len(events)}


def _weights(rows: list[StoredEvent]) -> tuple[float, float]:
    conflict = cooperation = 0.0
    for row in rows:
        g = row.event.goldstein or 0.0
        if row.event.quad_class >= 3:
            conflict += max(1.0, -g)
        else:
            cooperation += max(1.0, g)
    return conflict, cooperation


def active_dyads(store: Store, until: dt.date | None, limit: int = 10) -> dict[str, Any]:
    """The dyads with the most counted events in the 30 days up to ``until``.

    A quiet month widens the window to a year, then to everything stored, so an archive
    still shows its dyads; ``since`` says which window was used (None: all of it).
    """
    if until is None:
        return {"since": None, "until": None, "basis": "events", "dyads": []}
    aggregate = _series_module()
    if aggregate is not None:
        changes = [c for c in aggregate.list_dyads(store, as_of=until, recent_days=ACTIVE_WINDOW_DAYS)
                   if c.source_country and c.target_country][:limit]
        if changes:
            since = until - dt.timedelta(days=ACTIVE_WINDOW_DAYS - 1)
            return {"since": since.isoformat(), "until": until.isoformat(), "basis": "clusters",
                    "dyads": [{"source": c.source_country, "target": c.target_country,
                               "events": c.clusters, "conflict": round(c.conflict, 2),
                               "cooperation": round(c.cooperation, 2), "change": round(c.change, 2),
                               "links": {"dyad": f"/dyads/{c.source_country}/{c.target_country}"}}
                              for c in changes]}
    for days in (ACTIVE_WINDOW_DAYS, 365, None):
        since = until - dt.timedelta(days=days - 1) if days else None
        rows = store.query_events(EventFilter(since=since, until=until, include_uncounted=False,
                                              limit=None))
        groups: dict[tuple[str, str], list[StoredEvent]] = defaultdict(list)
        for row in rows:
            a, b = dyad_of(row)
            if a and b:
                groups[(a, b)].append(row)
        if groups:
            break
    ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:limit]
    dyads = []
    for (a, b), members in ranked:
        conflict, cooperation = _weights(members)
        dyads.append({"source": a, "target": b, "events": len(members),
                      "conflict": round(conflict, 2), "cooperation": round(cooperation, 2),
                      "links": {"dyad": f"/dyads/{a}/{b}"}})
    return {"since": since.isoformat() if since else None, "until": until.isoformat(),
            "basis": "events", "dyads": dyads}


def _series_module():
    try:
        from forewarn import aggregate
    except ImportError:
        return None
    return aggregate


def dyad_series(store: Store, a: str, b: str, *, undirected: bool = True) -> dict[str, Any]:
    """Daily conflict and cooperation of a dyad (both directions unless ``undirected`` is off).

    From the dyad-day aggregates (deduplicated clusters) when the store has them, else
    from its counted events.
    """
    aggregate = _series_module()
    if aggregate is not None and callable(getattr(store, "dyad_span", None)):
        days: dict[dt.date, dict[str, Any]] = {}
        directions = [(a, b), (b, a)] if undirected and a != b else [(a, b)]
        for s, t in directions:
            if store.dyad_span((s, t)) is None:
                continue
            for d in aggregate.dyad_series(store, s, t):
                p = days.setdefault(d.day, {"day": d.day.isoformat(), "events": 0, "quad": [0, 0, 0, 0],
                                            "conflict": 0.0, "cooperation": 0.0})
                p["events"] += d.clusters
                p["quad"] = [x + y for x, y in zip(p["quad"], d.quad)]
                p["conflict"] = round(p["conflict"] + d.conflict, 2)
                p["cooperation"] = round(p["cooperation"] + d.cooperation, 2)
        if days or store.count_clusters():
            return {"basis": "clusters", "points": [days[k] for k in sorted(days)]}
    rows = store.query_events(EventFilter(dyad=(a, b), undirected=undirected,
                                          include_uncounted=False, limit=None))
    by_day: dict[dt.date, list[StoredEvent]] = defaultdict(list)
    for row in rows:
        if row.event.date.value is not None:
            by_day[row.event.date.value].append(row)
    points = []
    for day in sorted(by_day):
        members = by_day[day]
        quads = Counter(r.event.quad_class for r in members)
        conflict, cooperation = _weights(members)
        points.append({"day": day.isoformat(), "events": len(members),
                       "quad": [quads.get(q, 0) for q in (1, 2, 3, 4)],
                       "conflict": round(conflict, 2), "cooperation": round(cooperation, 2)})
    return {"basis": "events", "points": points}


def warnings(store: Store, limit: int = 20) -> dict[str, Any]:
    """Current warnings, strongest first, with the clusters and sentences behind them."""
    try:
        from forewarn.warn import compute_warnings
    except ImportError:
        return {"available": False, "reason": NOT_YET, "warnings": []}
    out = []
    for w in compute_warnings(store)[:limit]:
        rec = to_dict(w)
        for c in rec.get("clusters", ()):
            c["cluster"].pop("signatures", None)        # internal token sets, not evidence
        rec["links"] = {"dyad": f"/dyads/{w.source_country or '-'}/{w.target_country or '-'}"}
        out.append(rec)
    return {"available": True, "reason": None, "warnings": out}


def _cluster_record(store: Store, cluster: Any) -> dict[str, Any]:
    rec = to_dict(cluster)
    rec.pop("signatures", None)
    return rec


def cluster_of(store: Store, row: StoredEvent) -> dict[str, Any] | None:
    """The cluster an event belongs to, with its evidence, when it has one."""
    cid = row.event.cluster_id
    if not cid or not callable(getattr(store, "get_clusters", None)):
        return None
    found = store.get_clusters([cid])
    if not found:
        return None
    evidence = store.cluster_evidence(found[0], max_sentences=10)
    rec = _cluster_record(store, found[0])
    rec["evidence"] = {"sentences": list(evidence.sentences), "outlets": list(evidence.outlets),
                       "urls": list(evidence.urls)}
    return rec


def reporting_events(store: Store, row: StoredEvent) -> list[dict[str, Any]]:
    """The stored mentions of the same real event that the store can list (this one included)."""
    cid = row.event.cluster_id
    fn = getattr(store, "cluster_events", None)
    if cid and callable(fn):
        return [event_record(m) for m in fn(cid)]
    if cid and "cluster_id" in {f.name for f in dataclasses.fields(EventFilter)}:
        return [event_record(m) for m in store.query_events(EventFilter(cluster_id=cid, limit=None))]
    return [event_record(row)]


def clusters(store: Store, *, limit: int = 50, dyad: tuple[str, str] | None = None,
             since: dt.date | None = None, until: dt.date | None = None) -> dict[str, Any]:
    """Stored clusters by anchor day, or why there are none."""
    fn = getattr(store, "list_clusters", None)
    if not callable(fn):
        return {"available": False, "reason": NOT_YET, "clusters": []}
    found = fn(dyad=dyad, since=since, until=until, limit=limit)
    return {"available": True, "reason": None,
            "clusters": [_cluster_record(store, c) for c in found]}
