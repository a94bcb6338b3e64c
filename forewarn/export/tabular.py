"""CSV and Parquet exports: one row per stored event, with its cluster's counts."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import InputError
from ..models import Cluster
from ..store import StoredEvent

COLUMNS = ("event_id", "article_id", "cluster_id", "date", "date_end", "source", "source_country",
           "source_sector", "target", "target_country", "target_sector", "cameo_code", "cameo_root",
           "plover_category", "plover_mode", "quad_class", "goldstein", "plover_score", "negated",
           "hypothetical", "historical", "hedged", "counted", "cluster_mentions", "cluster_sources",
           "cluster_articles", "outlet", "published", "url", "trigger", "sentence")


def _side(actors) -> tuple[str, str | None, str | None]:
    text = "; ".join(a.name or a.text for a in actors)
    return text, (actors[0].country if actors else None), (actors[0].sector if actors else None)


def event_record(row: StoredEvent, cluster: Cluster | None) -> dict[str, Any]:
    e = row.event
    src, sc, ss = _side(e.source)
    tgt, tc, ts = _side(e.target)
    m = e.modality
    return {
        "event_id": e.event_id, "article_id": e.article_id, "cluster_id": e.cluster_id,
        "date": e.date.value.isoformat() if e.date.value else None,
        "date_end": e.date.end.isoformat() if e.date.end else None,
        "source": src, "source_country": sc, "source_sector": ss,
        "target": tgt, "target_country": tc, "target_sector": ts,
        "cameo_code": e.cameo.code, "cameo_root": e.cameo.root, "plover_category": e.plover.category,
        "plover_mode": e.plover.mode, "quad_class": e.quad_class, "goldstein": e.goldstein,
        "plover_score": e.plover_score, "negated": m.negated, "hypothetical": m.hypothetical,
        "historical": m.historical, "hedged": m.hedged, "counted": not (m.negated or m.hypothetical),
        "cluster_mentions": cluster.mentions if cluster else None,
        "cluster_sources": cluster.sources if cluster else None,
        "cluster_articles": cluster.articles if cluster else None,
        "outlet": row.outlet, "published": row.published.isoformat() if row.published else None,
        "url": row.url, "trigger": e.evidence.trigger, "sentence": e.evidence.sentence,
    }


def event_records(rows: Iterable[StoredEvent], clusters: dict[str, Cluster]) -> Iterator[dict[str, Any]]:
    for row in rows:
        yield event_record(row, clusters.get(row.event.cluster_id or ""))


def write_parquet(records: Iterable[dict[str, Any]], path: str) -> int:
    """Write records to a Parquet file with pyarrow; return the row count."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:
        raise InputError("Parquet export needs pyarrow, which is not installed: run "
                         "pip install 'forewarn[parquet]' (or choose --format csv)") from e
    rows = list(records)
    types = {"quad_class": pa.int8(), "goldstein": pa.float64(), "plover_score": pa.float64(),
             "cluster_mentions": pa.int64(), "cluster_sources": pa.int64(),
             "cluster_articles": pa.int64(), **{f: pa.bool_() for f in (
                 "negated", "hypothetical", "historical", "hedged", "counted")}}
    schema = pa.schema([(c, types.get(c, pa.string())) for c in COLUMNS])
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, path)
    return len(rows)
