"""Exports: GDELT 2.0 event TSV, PLOVER JSON, CSV and Parquet.

``export(store, fmt, out)`` writes one of them to a text stream (or, for Parquet, a path)
and returns the number of rows. GDELT and PLOVER rows are clusters (deduplicated events;
GDELT rows only counted ones, since GDELT has no negated events); CSV and Parquet rows are
the stored events with their cluster's counts.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from typing import IO

from ..errors import InputError
from ..store import EventFilter, Store
from .gdelt import COLUMNS as GDELT_COLUMNS, gdelt_lines
from .plover import plover_records
from .tabular import COLUMNS as CSV_COLUMNS, event_records, write_parquet

__all__ = ["FORMATS", "GDELT_COLUMNS", "CSV_COLUMNS", "export"]

FORMATS = ("gdelt", "plover", "csv", "parquet")


def export(store: Store, fmt: str, out: IO[str] | None = None, *, path: str | None = None,
           since: dt.date | None = None, until: dt.date | None = None,
           dyad: tuple[str, str] | None = None, header: bool = False) -> int:
    """Write the store's events in ``fmt`` to ``out`` (``path`` for parquet); return rows written."""
    if fmt not in FORMATS:
        raise InputError(f"export format {fmt!r} is not known: use {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not path:
            raise InputError("Parquet is binary: give an output file with --output FILE.parquet")
        return write_parquet(_event_records(store, since, until, dyad), path)
    if out is None:
        raise InputError(f"no output stream given for the {fmt} export")
    n = 0
    if fmt == "gdelt":
        rows = store.iter_clusters(since=since, until=until, dyad=dyad, counted_only=True)
        for i, line in enumerate(gdelt_lines(rows, header=header)):
            out.write(line)
            n = i + (0 if header else 1)
    elif fmt == "plover":
        rows = store.iter_clusters(since=since, until=until, dyad=dyad)
        for record in plover_records(rows):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    else:
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for record in _event_records(store, since, until, dyad):
            writer.writerow(record)
            n += 1
    return n


def _event_records(store: Store, since, until, dyad):
    rows = store.query_events(EventFilter(since=since, until=until, dyad=dyad, limit=None))
    ids = {r.event.cluster_id for r in rows if r.event.cluster_id}
    clusters = {c.cluster_id: c for c in store.get_clusters(sorted(ids))}
    return event_records(rows, clusters)
