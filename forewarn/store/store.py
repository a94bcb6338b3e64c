"""The event store: one SQLite file (WAL), one transaction per article."""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import orjson

from forewarn.errors import InputError, StoreError
from forewarn.models import (
    Actor, Article, Cluster, ClusterEvidence, ClusterKey, Document, DyadDay, Event,
    actor_from_dict, event_from_dict, to_dict,
)
from forewarn.store import analysis, queries, records, schema
from forewarn.store.analysis import Assignment
from forewarn.store.filters import EventFilter

log = logging.getLogger(__name__)

MEMORY = ":memory:"
_EVENT_FIELDS = {f.name for f in dataclasses.fields(Event)}
BUSY_TIMEOUT_MS = 5000
MMAP_BYTES = 1 << 30        # map up to the first GiB of a store file
CACHE_KIB = 16384           # page cache per connection (SQLite's default is 2 MiB)


@dataclass(frozen=True)
class StoredEvent:
    """A stored event with the article facts a reader needs next to it."""

    event: Event
    url: str | None
    outlet: str | None
    published: dt.date | None


class Store:
    """Forewarn's event database: articles with their events, quotes, actors, places, dates.

    ``path`` is a file (created with its schema on first use) or ``":memory:"``. File
    stores use WAL, so one process can write while others read. A Store may be shared by
    threads; its calls are serialised. Use it as a context manager or call ``close()``.
    """

    def __init__(self, path: str | Path = "./forewarn.db") -> None:
        self.path = str(path)
        self._where = self.path if self.path == MEMORY else str(Path(self.path).resolve())
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._conn = self._open()

    # -- opening and closing -------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        where = self._where
        if self.path != MEMORY:
            target = Path(self.path)
            if not target.parent.is_dir():
                raise StoreError(
                    f"cannot open the store {where}: directory {target.parent} does not exist; "
                    "create it or choose another path")
            if target.is_dir():
                raise StoreError(f"cannot open the store {where}: it is a directory; "
                                 "give a file path such as ./forewarn.db")
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                   timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as e:
            raise StoreError(f"cannot open the store {where}: {e}; check the path and "
                             "its permissions") from e
        try:
            conn.row_factory = sqlite3.Row
            queries.install_functions(conn)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if self.path != MEMORY:
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    log.warning("store %s runs in %s journal mode, not WAL: readers may wait "
                                "for writers", where, mode)
            conn.execute("PRAGMA synchronous = NORMAL")
            if self.path != MEMORY:
                # Reads map the file instead of copying pages through read() calls, and keep
                # more pages at hand: a page of events touches scattered rows.
                conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
                conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            conn.execute("PRAGMA foreign_keys = ON")
            version = schema.migrate(conn, where)
        except sqlite3.DatabaseError as e:
            conn.close()
            raise StoreError(f"cannot open the store {where}: {e}; is it a Forewarn "
                             "database? Choose another path or move the file away") from e
        except BaseException:
            conn.close()
            raise
        log.debug("opened store %s at schema version %d", where, version)
        return conn

    def close(self) -> None:
        """Close the database; further calls raise StoreError. Closing twice is harmless."""
        with self._lock:
            if self._conn is None:
                return
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("PRAGMA optimize")
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r})"

    @contextlib.contextmanager
    def _db(self, what: str) -> Iterator[sqlite3.Connection]:
        """Hold the lock and turn SQLite failures into a StoreError that says what failed."""
        with self._lock:
            if self._conn is None:
                raise StoreError(f"the store {self._where} is closed; open a new Store")
            try:
                yield self._conn
            except sqlite3.Error as e:
                raise StoreError(f"could not {what} in the store {self._where}: {e}") from e

    @property
    def schema_version(self) -> int:
        """The schema version of the open database."""
        with self._db("read the schema version") as conn:
            return schema.current_version(conn)

    # -- writing ---------------------------------------------------------------------------

    def add_document(self, doc: Document) -> bool:
        """Store one coded article in a single transaction; return False if already stored.

        Either the whole document is stored or, on any error, nothing of it is. An
        article id already in the store is left exactly as it is.
        """
        article_id = doc.article.article_id
        _check_events(doc)
        with self._db(f"store article {article_id}") as conn, \
                _write(conn, f"could not store article {article_id}", "nothing of it was stored"):
            if _exists(conn, article_id):
                log.debug("article %s is already stored; skipped", article_id)
                return False
            _insert_document(conn, doc)
        log.debug("stored article %s with %d events", article_id, len(doc.events))
        return True

    def add_documents(self, docs: Iterable[Document]) -> int:
        """Store documents one transaction each; return how many were new."""
        return sum(1 for doc in docs if self.add_document(doc))

    def add_documents_bulk(self, docs: Sequence[Document]) -> list[Document]:
        """Store many new documents in one transaction, each table filled with one
        ``executemany``; return the documents stored (those already stored are skipped).

        The rows are exactly those ``add_document`` writes, one document after another,
        only faster (for bulk loads such as benchmark stores). All or nothing.
        """
        for doc in docs:
            _check_events(doc)
        with self._db(f"store {len(docs)} articles") as conn, \
                _write(conn, f"could not store {len(docs)} articles", "none of them was stored"):
            seen: set[str] = set()
            new = []
            for doc in docs:
                aid = doc.article.article_id
                if aid not in seen and not _exists(conn, aid):
                    new.append(doc)
                seen.add(aid)
            _insert_documents(conn, new)
        log.debug("stored %d articles in bulk", len(new))
        return new

    # -- reading articles ------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self._db("look up an article") as conn:
            return _exists(conn, article_id)

    def count_articles(self) -> int:
        with self._db("count articles") as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def count_events(self) -> int:
        with self._db("count events") as conn:
            return conn.execute("SELECT count(*) FROM events").fetchone()[0]

    def get_article(self, article_id: str) -> Article | None:
        with self._db(f"read article {article_id}") as conn:
            row = conn.execute("SELECT * FROM articles WHERE article_id = ?",
                               (article_id,)).fetchone()
            return records.article_from_row(row) if row else None

    def get_document(self, article_id: str) -> Document | None:
        """Rebuild a stored document with everything in its original order."""
        with self._db(f"read article {article_id}") as conn:
            conn.execute("BEGIN")           # one snapshot for all six reads
            try:
                row = conn.execute("SELECT * FROM articles WHERE article_id = ?",
                                   (article_id,)).fetchone()
                if row is None:
                    return None

                def recs(table: str) -> list[dict[str, Any]]:
                    return [json.loads(r[0]) for r in conn.execute(
                        f"SELECT record FROM {table} WHERE article_id = ? ORDER BY position",
                        (article_id,))]

                return Document(
                    article=records.article_from_row(row),
                    events=tuple(event_from_dict(d) for d in recs("events")),
                    quotes=tuple(records.quote_from_dict(d) for d in recs("quotes")),
                    actors=tuple(actor_from_dict(d) for d in recs("actor_mentions")),
                    places=tuple(records.place_from_dict(d) for d in recs("places")),
                    dates=tuple(records.dateref_from_dict(d) for d in recs("dates")),
                )
            finally:
                conn.execute("COMMIT")

    def find_articles(self, prefix: str) -> list[str]:
        """Return the ids of articles whose id starts with ``prefix``, sorted."""
        prefix = (prefix or "").strip()
        if not prefix:
            raise InputError("article id prefix is empty; give the first characters of an id")
        with self._db("find articles") as conn:
            # A range on the primary key (ids sort byte-wise) instead of LIKE, which would
            # need escaping of % and _ and could not use the index.
            rows = conn.execute(
                "SELECT article_id FROM articles WHERE article_id >= ? AND article_id < ? "
                "ORDER BY article_id", (prefix, prefix + "\U0010ffff"))
            return [r[0] for r in rows]

    def list_articles(self, limit: int = 100, offset: int = 0) -> list[Article]:
        """Return articles, newest publication date first (undated last)."""
        if not isinstance(limit, int) or limit < 1:
            raise InputError(f"limit must be a positive whole number, got {limit!r}")
        if not isinstance(offset, int) or offset < 0:
            raise InputError(f"offset must be zero or a positive whole number, got {offset!r}")
        with self._db("list articles") as conn:
            rows = conn.execute(
                "SELECT * FROM articles ORDER BY published IS NULL, published DESC, article_id "
                "LIMIT ? OFFSET ?", (limit, offset))
            return [records.article_from_row(r) for r in rows]

    # -- reading events --------------------------------------------------------------------

    def query_events(self, filt: EventFilter | None = None) -> list[StoredEvent]:
        """Return the events matching ``filt``, by event date, then article, then sentence.

        Events without a date come last. Negated and hypothetical events are included
        unless ``filt.include_uncounted`` is False.
        """
        return [StoredEvent(event=event_from_dict(json.loads(r[0])), url=r[1], outlet=r[2],
                            published=dt.date.fromisoformat(r[3]) if r[3] else None)
                for r in self._event_rows(filt)]

    def query_event_records(self, filt: EventFilter | None = None) -> list[dict[str, Any]]:
        """Return what ``query_events`` does as interchange records (``to_dict`` of each
        event) with the article's ``url``, ``outlet`` and ``published`` (ISO) added.

        Faster than ``query_events`` for rendering JSON: the stored record is parsed but
        not rebuilt into models, unless it was written by an older coder whose record
        lacks fields of today's Event (then it is rebuilt, filling their defaults).
        """
        out = []
        for record, url, outlet, published in self._event_rows(filt):
            d = orjson.loads(record)
            if d.keys() != _EVENT_FIELDS:
                d = to_dict(event_from_dict(d))
            d["url"], d["outlet"], d["published"] = url, outlet, published
            out.append(d)
        return out

    def get_event(self, event_id: str) -> StoredEvent | None:
        """Return the stored event with this id, or None."""
        with self._db(f"read event {event_id}") as conn:
            r = conn.execute("SELECT e.record, a.url, a.outlet, a.published FROM events e "
                             "JOIN articles a ON a.article_id = e.article_id WHERE e.event_id = ?",
                             (event_id,)).fetchone()
        if r is None:
            return None
        return StoredEvent(event=event_from_dict(json.loads(r[0])), url=r[1], outlet=r[2],
                           published=dt.date.fromisoformat(r[3]) if r[3] else None)

    def _event_rows(self, filt: EventFilter | None) -> list[tuple[str, str | None, str | None, str | None]]:
        filt = filt if filt is not None else EventFilter()
        with self._db("query events") as conn:
            conn.execute("BEGIN")          # one snapshot for the plan's look-ups and the page
            try:
                return queries.page_rows(conn, filt)
            finally:
                conn.execute("COMMIT")

    # -- clusters and dyad-day aggregates (schema version 2) ---------------------------------

    def unclustered_events(self, limit: int | None = None) -> list[StoredEvent]:
        """Return events that have no cluster yet, in the order they were stored."""
        with self._db("read unclustered events") as conn:
            return [StoredEvent(event=event_from_dict(json.loads(r[0])), outlet=r[1], url=r[2],
                                published=dt.date.fromisoformat(r[3]) if r[3] else None)
                    for r in analysis.unclustered_event_rows(conn, limit)]

    def cluster_candidates(self, key: ClusterKey, lo: dt.date | None,
                           hi: dt.date | None) -> list[tuple[Cluster, frozenset[str]]]:
        """Return the clusters with ``key`` whose anchor range meets [lo, hi], each with the
        ids of its member articles (undated events: the undated clusters of ``key``)."""
        with self._db("find candidate clusters") as conn:
            return analysis.candidate_clusters(conn, key, lo, hi)

    def save_clustering(self, new: Sequence[Cluster], signatures: dict[str, tuple[frozenset[str], ...]],
                        assignments: Sequence[Assignment], aggregates: Sequence[DyadDay]) -> None:
        """Store new clusters, events' cluster ids, changed signatures and aggregate deltas
        in one transaction (all of it or, on error, none of it)."""
        with self._db("store clusters") as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                for cluster in new:
                    analysis.insert_cluster(conn, cluster)
                for cid, sigs in signatures.items():
                    analysis.set_signatures(conn, cid, sigs)
                analysis.assign(conn, assignments)
                analysis.add_dyad_days(conn, aggregates)
                conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise

    def count_clusters(self) -> int:
        with self._db("count clusters") as conn:
            return conn.execute("SELECT count(*) FROM clusters").fetchone()[0]

    def get_clusters(self, ids: Iterable[str]) -> list[Cluster]:
        """Return the clusters with these ids, in the order given (unknown ids are left out)."""
        with self._db("read clusters") as conn:
            return analysis.get_clusters(conn, ids)

    def list_clusters(self, *, dyad: tuple[str, str] | None = None, since: dt.date | None = None,
                      until: dt.date | None = None, quads: Sequence[int] | None = None,
                      counted_only: bool = False, limit: int | None = None) -> list[Cluster]:
        """Return clusters by anchor day (undated last), optionally of one directed dyad."""
        with self._db("list clusters") as conn:
            return analysis.list_clusters(conn, dyad=dyad, since=since, until=until, quads=quads,
                                          counted_only=counted_only, limit=limit)

    def dyad_outlets(self, dyad: tuple[str, str], since: dt.date, until: dt.date,
                     quads: Sequence[int]) -> set[str]:
        """Distinct outlets behind a dyad's counted clusters of ``quads`` in [since, until]."""
        with self._db("read a dyad's outlets") as conn:
            return analysis.dyad_outlets(conn, dyad, since, until, quads)

    def cluster_evidence(self, cluster: Cluster, max_sentences: int = 3) -> ClusterEvidence:
        with self._db(f"read the evidence of cluster {cluster.cluster_id}") as conn:
            return analysis.cluster_evidence(conn, cluster, max_sentences)

    def dyad_days(self, since: dt.date, until: dt.date, *, dyad: tuple[str, str] | None = None,
                  active_since: dt.date | None = None) -> list[DyadDay]:
        """Dyad-day aggregates in [since, until], by dyad then day (days without clusters
        have no row). ``active_since`` keeps only dyads with a row from that day on."""
        with self._db("read dyad aggregates") as conn:
            return analysis.dyad_days(conn, since, until, dyad=dyad, active_since=active_since)

    def day_totals(self, since: dt.date, until: dt.date) -> dict[dt.date, int]:
        """Counted clusters of all dyads per day (the day's volume), days without any left out."""
        with self._db("read daily volumes") as conn:
            return analysis.day_totals(conn, since, until)

    def dyad_span(self, dyad: tuple[str, str]) -> tuple[dt.date, dt.date] | None:
        """First and last day with counted clusters of a directed dyad, or None."""
        with self._db("read a dyad's span") as conn:
            return analysis.dyad_span(conn, dyad)

    def aggregate_span(self) -> tuple[dt.date, dt.date] | None:
        """First and last day with any counted cluster, or None."""
        with self._db("read the aggregates' span") as conn:
            return analysis.aggregate_span(conn)

    def iter_clusters(self, *, since: dt.date | None = None, until: dt.date | None = None,
                      dyad: tuple[str, str] | None = None, counted_only: bool = False,
                      page: int = 5000) -> Iterator[tuple[Cluster, StoredEvent]]:
        """Yield clusters in creation order, each with its first mention (paged reads)."""
        after = 0
        while True:
            with self._db("read clusters") as conn:
                rows = analysis.cluster_page(conn, after, page, since=since, until=until,
                                             dyad=dyad, counted_only=counted_only)
            for rid, cluster, record, url, outlet, published in rows:
                after = rid
                yield cluster, StoredEvent(event=event_from_dict(json.loads(record)), url=url,
                                           outlet=outlet,
                                           published=dt.date.fromisoformat(published) if published else None)
            if len(rows) < page:
                return

    def published_span(self) -> tuple[dt.date, dt.date] | None:
        """The oldest and newest publication dates of stored articles, or None."""
        with self._db("read the publication dates") as conn:
            return analysis.published_span(conn)

    def latest_published(self) -> dt.date | None:
        """The newest publication date of any stored article."""
        span = self.published_span()
        return span[1] if span else None


# -- inserting one document (inside the caller's transaction) ----------------------------

def _check_events(doc: Document) -> None:
    """Refuse a document carrying an event of another article (before anything is written)."""
    for event in doc.events:
        if event.article_id != doc.article.article_id:
            raise StoreError(
                f"event {event.event_id} belongs to article {event.article_id}, not to "
                f"{doc.article.article_id} whose document carries it; nothing was stored")


@contextlib.contextmanager
def _write(conn: sqlite3.Connection, failure: str, consequence: str) -> Iterator[None]:
    """One write transaction: committed when the block ends (a return included), rolled
    back on any error; bad data (ValueError, TypeError) becomes a StoreError saying
    ``failure: error; consequence``."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException as e:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        if isinstance(e, (ValueError, TypeError)):
            raise StoreError(f"{failure}: {e}; {consequence}") from e
        raise


def _exists(conn: sqlite3.Connection, article_id: str) -> bool:
    return conn.execute("SELECT 1 FROM articles WHERE article_id = ?",
                        (article_id,)).fetchone() is not None


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _insert_document(conn: sqlite3.Connection, doc: Document) -> None:
    _insert_article(conn, doc.article)
    _insert_events(conn, doc.events)
    _insert_quotes(conn, doc)
    _insert_mentions(conn, doc)


def _insert_documents(conn: sqlite3.Connection, docs: Sequence[Document]) -> None:
    """What ``_insert_document`` does for each document, in the same order, a table at a time."""
    conn.executemany(_ARTICLE_SQL, [_article_row(d.article) for d in docs])
    conn.executemany(_EVENT_SQL, [_event_row(p, ev) for d in docs for p, ev in enumerate(d.events)])
    conn.executemany(_ACTOR_SQL, [row for d in docs for ev in d.events for row in _actor_rows(ev)])
    conn.executemany(_QUOTE_SQL, [row for d in docs for row in _quote_rows(d)])
    conn.executemany(_MENTION_SQL, [row for d in docs for row in _mention_rows(d)])
    conn.executemany(_PLACE_SQL, [row for d in docs for row in _place_rows(d)])
    conn.executemany(_DATE_SQL, [row for d in docs for row in _date_rows(d)])


_ARTICLE_SQL = (
    "INSERT INTO articles (article_id, url, outlet, title, section, kicker, deck, published, "
    "language, origin, text, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _article_row(a: Article) -> tuple:
    return (a.article_id, a.url, a.outlet, a.title, a.section, a.kicker, a.deck, _iso(a.published),
            a.language, a.origin, a.text,
            dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))


def _insert_article(conn: sqlite3.Connection, a: Article) -> None:
    conn.execute(_ARTICLE_SQL, _article_row(a))


def _first(actors: tuple[Actor, ...]) -> tuple[str | None, str | None, str | None]:
    return (actors[0].country, actors[0].sector, actors[0].name) if actors else (None, None, None)


def _root(code: str) -> str:
    """Normalise a CAMEO root to two digits so the root filter matches ("3" -> "03")."""
    return f"{int(code):02d}" if code.isdigit() else code


_EVENT_SQL = (
    "INSERT INTO events (event_id, article_id, position, sentence_index, cluster_id, "
    "source_country, source_sector, source_name, target_country, target_sector, "
    "target_name, cameo_code, cameo_root, plover_category, quad_class, goldstein, "
    "event_date, event_end, negated, hypothetical, historical, coder_name, "
    "coder_version, data_version, record) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_ACTOR_SQL = (
    "INSERT INTO event_actors (event_id, side, position, text, name, country, sector, "
    "kb_id, folded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
_QUOTE_SQL = (
    "INSERT INTO quotes (article_id, quote_id, position, kind, speaker_name, "
    "speaker_country, record) VALUES (?, ?, ?, ?, ?, ?, ?)")
_MENTION_SQL = (
    "INSERT INTO actor_mentions (article_id, position, country, sector, name, record) "
    "VALUES (?, ?, ?, ?, ?, ?)")
_PLACE_SQL = (
    "INSERT INTO places (article_id, position, geonames_id, country, record) "
    "VALUES (?, ?, ?, ?, ?)")
_DATE_SQL = "INSERT INTO dates (article_id, position, value, record) VALUES (?, ?, ?, ?)"


def _event_row(position: int, ev: Event) -> tuple:
    return (ev.event_id, ev.article_id, position, ev.sentence_index, ev.cluster_id,
            *_first(ev.source), *_first(ev.target), ev.cameo.code, _root(ev.cameo.root),
            ev.plover.category, ev.quad_class, ev.goldstein, _iso(ev.date.value),
            _iso(ev.date.end), ev.modality.negated, ev.modality.hypothetical,
            ev.modality.historical, ev.coder.name, ev.coder.version, ev.coder.data_version,
            records.dumps(ev))


def _actor_rows(ev: Event) -> list[tuple]:
    return [(ev.event_id, side, i, a.text, a.name, a.country, a.sector, a.kb_id,
             f"{a.text}\n{a.name or ''}".casefold())
            for side, actors in (("source", ev.source), ("target", ev.target))
            for i, a in enumerate(actors)]


def _insert_events(conn: sqlite3.Connection, events: tuple[Event, ...]) -> None:
    for position, ev in enumerate(events):
        conn.execute(_EVENT_SQL, _event_row(position, ev))
        conn.executemany(_ACTOR_SQL, _actor_rows(ev))


def _quote_rows(doc: Document) -> list[tuple]:
    return [(doc.article.article_id, q.quote_id, i, q.kind,
             (q.speaker.name or q.speaker.text) if q.speaker else None,
             q.speaker.country if q.speaker else None, records.dumps(q))
            for i, q in enumerate(doc.quotes)]


def _insert_quotes(conn: sqlite3.Connection, doc: Document) -> None:
    conn.executemany(_QUOTE_SQL, _quote_rows(doc))


def _mention_rows(doc: Document) -> list[tuple]:
    aid = doc.article.article_id
    return [(aid, i, a.country, a.sector, a.name, records.dumps(a)) for i, a in enumerate(doc.actors)]


def _place_rows(doc: Document) -> list[tuple]:
    aid = doc.article.article_id
    return [(aid, i, p.geonames_id, p.country, records.dumps(p)) for i, p in enumerate(doc.places)]


def _date_rows(doc: Document) -> list[tuple]:
    aid = doc.article.article_id
    return [(aid, i, _iso(d.value), records.dumps(d)) for i, d in enumerate(doc.dates)]


def _insert_mentions(conn: sqlite3.Connection, doc: Document) -> None:
    conn.executemany(_MENTION_SQL, _mention_rows(doc))
    conn.executemany(_PLACE_SQL, _place_rows(doc))
    conn.executemany(_DATE_SQL, _date_rows(doc))
