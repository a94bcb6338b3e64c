"""PLOVER JSON export: one record per cluster, in the PLOVER event data model's terms.

Each record carries the PLOVER ``event_type`` (category; null for CAMEO 01/02, kept so
that statements and appeals are not lost), ``mode`` and ``context`` (a list), the
``actor`` and ``recipient`` with country and PLOVER agent role, the event ``date`` (and
``date_end`` for ranges), the ``location``, the PLOVER score, the CAMEO code and Goldstein
score it came from, the modality flags, and its provenance: mention, source and article
counts, the outlets, the first URL and the evidence sentence.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..models import Actor, Cluster
from ..store import StoredEvent


def _party(actors: tuple[Actor, ...]) -> dict[str, Any] | None:
    if not actors:
        return None
    a = actors[0]
    return {"name": a.name or a.text, "text": a.text, "country": a.country, "role": a.sector,
            "kb_id": a.kb_id, "others": [b.name or b.text for b in actors[1:]]}


def plover_record(cluster: Cluster, first: StoredEvent) -> dict[str, Any]:
    e = first.event
    context = [c for c in (e.plover.context or "").replace(";", ",").split(",") if c.strip()]
    place = e.place
    return {
        "id": cluster.cluster_id,
        "date": cluster.day.isoformat() if cluster.day else None,
        "date_end": cluster.end.isoformat() if cluster.end and cluster.end != cluster.day else None,
        "date_resolution": e.date.granularity,
        "event_type": e.plover.category,
        "mode": e.plover.mode,
        "context": context,
        "actor": _party(e.source),
        "recipient": _party(e.target),
        "location": None if place is None else {
            "name": place.text, "country": place.country, "geonames_id": place.geonames_id,
            "lat": place.lat, "lon": place.lon},
        "plover_score": cluster.plover_score,
        "cameo": {"code": e.cameo.code, "root": cluster.cameo_root, "goldstein": cluster.goldstein,
                  "quad_class": cluster.quad_class},
        "modality": {"negated": e.modality.negated, "hypothetical": e.modality.hypothetical,
                     "historical": cluster.historical, "counted": cluster.key.counted},
        "source": {"num_mentions": cluster.mentions, "num_sources": cluster.sources,
                   "num_articles": cluster.articles,
                   "first_seen": cluster.first_seen.isoformat() if cluster.first_seen else None,
                   "last_seen": cluster.last_seen.isoformat() if cluster.last_seen else None,
                   "url": first.url, "outlet": first.outlet},
        "text": e.evidence.sentence,
    }


def plover_records(rows: Iterable[tuple[Cluster, StoredEvent]]) -> Iterator[dict[str, Any]]:
    for cluster, first in rows:
        yield plover_record(cluster, first)
