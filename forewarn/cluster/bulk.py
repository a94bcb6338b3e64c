"""Build a store from many documents at once, ending exactly as ingest and clustering would.

``load_documents`` stores documents a chunk per transaction (``Store.add_documents_bulk``)
and clusters their events in batches of the same size and order as ``update_clusters``
takes them from a store holding all of them, against candidates held in memory instead of
read back from the store for every event. Each batch is saved with
``Store.save_clustering``, as ``update_clusters`` saves it. The result, table by table and
row by row, is the store that ``add_document`` for each document followed by
``update_clusters`` builds (tests/cluster/test_bulk.py checks it), only many times faster.

It needs a store without events: the candidates of events stored earlier are not in
memory.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ..errors import InputError
from ..models import Cluster, ClusterKey, Document
from ..store import Assignment, Store, StoredEvent
from ..store.analysis import LONG_SPAN_DAYS, dump_signatures
from . import ClusterRun, ClusterSettings, cluster_batch

log = logging.getLogger(__name__)

__all__ = ["load_documents"]


@dataclass
class _KeyClusters:
    """The saved clusters of one key, as the store's candidate queries see them."""

    short: dict[dt.date, list[Cluster]] = field(default_factory=dict)   # by anchor day
    short_span: int = 0                 # the longest short anchor range, in days
    long: list[Cluster] = field(default_factory=list)
    undated: list[Cluster] = field(default_factory=list)


class MemoryClusters:
    """Saved clusters in memory, answering as ``Store.cluster_candidates`` does (same
    clusters, same order, signatures as read back from the store)."""

    def __init__(self) -> None:
        self._keys: dict[ClusterKey, _KeyClusters] = {}
        self._by_id: dict[str, Cluster] = {}
        self._members: dict[str, frozenset[str]] = {}

    def candidates(self, key: ClusterKey, lo: dt.date | None,
                   hi: dt.date | None) -> list[tuple[Cluster, frozenset[str]]]:
        kc = self._keys.get(key)
        if kc is None:
            return []
        if lo is None or hi is None:
            found = sorted(kc.undated, key=lambda c: c.cluster_id)
        else:
            short = [c for i in range(-min(kc.short_span, LONG_SPAN_DAYS), (hi - lo).days + 1)
                     for c in kc.short.get(lo + dt.timedelta(days=i), ())
                     if c.end is not None and c.end >= lo]
            short.sort(key=lambda c: (c.day, c.cluster_id))
            long = sorted((c for c in kc.long if c.day <= hi and c.end >= lo),  # type: ignore[operator]
                          key=lambda c: (c.day, c.cluster_id))
            found = short + long
        return [(c, self._members[c.cluster_id]) for c in found]

    def save(self, new: list[Cluster], signatures: dict[str, tuple[frozenset[str], ...]],
             assignments: list[Assignment]) -> None:
        """Take in one batch's results, as ``Store.save_clustering`` stores them."""
        for c in new:
            c = _as_stored(c, c.signatures)
            self._by_id[c.cluster_id] = c
            self._members[c.cluster_id] = frozenset()
            kc = self._keys.setdefault(c.key, _KeyClusters())
            if c.day is None or c.end is None:
                kc.undated.append(c)
            elif (c.end - c.day).days > LONG_SPAN_DAYS:
                kc.long.append(c)
            else:
                kc.short.setdefault(c.day, []).append(c)
                kc.short_span = max(kc.short_span, (c.end - c.day).days)
        for cid, sigs in signatures.items():
            old = self._by_id[cid]
            grown = _as_stored(old, sigs)
            self._by_id[cid] = grown
            kc = self._keys[old.key]
            bucket = (kc.undated if old.day is None or old.end is None else kc.long
                      if (old.end - old.day).days > LONG_SPAN_DAYS else kc.short[old.day])
            bucket[next(i for i, c in enumerate(bucket) if c.cluster_id == cid)] = grown
        for a in assignments:
            have = self._members[a.cluster_id]
            if a.article_id not in have:
                self._members[a.cluster_id] = have | {a.article_id}


def _as_stored(cluster: Cluster, signatures: tuple[frozenset[str], ...]) -> Cluster:
    """The cluster with its signatures as the store reads them back (one empty set is none)."""
    text = dump_signatures(signatures)
    sigs = tuple(frozenset(part.split()) for part in text.split("|")) if text else ()
    return cluster if sigs == cluster.signatures else replace(cluster, signatures=sigs)


def load_documents(store: Store, docs: Iterable[Document], settings: ClusterSettings | None = None,
                   *, batch: int = 5000, chunk: int = 5000) -> ClusterRun:
    """Store ``docs`` (in order; ``chunk`` articles a transaction) into a store without
    events and cluster them as ``update_clusters(store, settings, batch)`` would.

    Raises InputError when the store already holds events.
    """
    if store.count_events():
        raise InputError(f"bulk loading needs a store without events; {store.path} already "
                         "holds some: add documents with add_document and update_clusters")
    settings = settings or ClusterSettings()
    run = ClusterRun()
    memory = MemoryClusters()
    pending: list[StoredEvent] = []

    def flush(events: list[StoredEvent]) -> None:
        new, signatures, assignments, aggregates = cluster_batch(events, memory.candidates, settings, run)
        store.save_clustering(new, signatures, assignments, aggregates)
        memory.save(new, signatures, assignments)

    part: list[Document] = []
    for doc in docs:
        part.append(doc)
        if len(part) >= chunk:
            pending = _store_part(store, part, pending, batch, flush)
            part = []
    pending = _store_part(store, part, pending, batch, flush)
    if pending:
        flush(pending)
    log.info("bulk-loaded %d events into %d new clusters", run.events, run.new_clusters)
    return run


def _store_part(store: Store, part: list[Document], pending: list[StoredEvent], batch: int,
                flush) -> list[StoredEvent]:
    for doc in store.add_documents_bulk(part) if part else ():
        a = doc.article
        for event in doc.events:
            pending.append(StoredEvent(event=event, url=a.url, outlet=a.outlet, published=a.published))
            if len(pending) == batch:
                flush(pending)
                pending = []
    return pending
