"""SQL for clusters and dyad-day aggregates (schema version 2); ``Store`` wraps these.

Functions take an open connection; the caller holds the store's lock and, for writes,
the transaction. Rows come back as models (``Cluster``, ``DyadDay``, ``ClusterEvidence``).
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from forewarn.models import Cluster, ClusterEvidence, ClusterKey, DyadDay


@dataclass(frozen=True)
class Assignment:
    """One event joining one cluster (new or existing)."""

    event_id: str
    cluster_id: str
    article_id: str
    outlet: str
    published: dt.date | None


LONG_SPAN_DAYS = 31


def _day_range(conds: list[str], params: list, column: str, since: dt.date | None,
               until: dt.date | None) -> None:
    """Add inclusive first/last-day conditions on ``column`` (ISO day text)."""
    if since is not None:
        conds.append(f"{column} >= ?")
        params.append(since.isoformat())
    if until is not None:
        conds.append(f"{column} <= ?")
        params.append(until.isoformat())


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _signatures(text: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(part.split()) for part in text.split("|")) if text else ()


def dump_signatures(signatures: Sequence[frozenset[str]]) -> str:
    return "|".join(" ".join(sorted(s)) for s in signatures)


def cluster_from_row(row: sqlite3.Row) -> Cluster:
    key = ClusterKey(row["source_country"], row["source_sector"], row["target_country"],
                     row["target_sector"], row["category"], bool(row["counted"]))
    return Cluster(
        cluster_id=row["cluster_id"], key=key, cameo_code=row["cameo_code"],
        cameo_root=row["cameo_root"], quad_class=row["quad_class"], goldstein=row["goldstein"],
        plover_score=row["plover_score"], day=_day(row["day"]), end=_day(row["end_day"]),
        first_seen=_day(row["first_seen"]), last_seen=_day(row["last_seen"]),
        mentions=row["mentions"], sources=row["sources"], articles=row["articles"],
        signatures=_signatures(row["signatures"]), first_event_id=row["first_event_id"],
        historical=bool(row["historical"]),
    )


# -- reading --------------------------------------------------------------------------------

def unclustered_event_rows(conn: sqlite3.Connection, limit: int | None) -> list[sqlite3.Row]:
    """Events without a cluster, in insertion order, with their article's outlet, URL and date."""
    return conn.execute(
        "SELECT e.record, a.outlet, a.url, a.published FROM events e "
        "JOIN articles a ON a.article_id = e.article_id "
        "WHERE e.cluster_id IS NULL ORDER BY e.rowid LIMIT ?",
        (limit if limit is not None else -1,)).fetchall()


def candidate_clusters(conn: sqlite3.Connection, key: ClusterKey, lo: dt.date | None,
                       hi: dt.date | None) -> list[tuple[Cluster, frozenset[str]]]:
    """Clusters with ``key`` whose anchor range overlaps [lo, hi] (undated: undated ones)."""
    base = ("SELECT c.*, (SELECT group_concat(m.article_id, ' ') FROM cluster_members m "
            "WHERE m.cluster_id = c.cluster_id) AS member_articles FROM clusters c "
            "WHERE c.source_country = ? AND c.target_country = ? AND c.category = ? "
            "AND c.source_sector = ? AND c.target_sector = ? AND c.counted = ? ")
    params: list[object] = [key.source_country, key.target_country, key.category,
                            key.source_sector, key.target_sector, int(key.counted)]
    if lo is None or hi is None:
        queries = [(base + "AND c.long_span = 0 AND c.day IS NULL", params)]
    else:
        # short anchors (most) through the index on day; the few long ones (a season, a
        # year) separately, so a busy key never scans months of clusters
        short_from = (lo - dt.timedelta(days=LONG_SPAN_DAYS)).isoformat()
        queries = [(base + "AND c.long_span = 0 AND c.day BETWEEN ? AND ? AND c.end_day >= ?",
                    [*params, short_from, hi.isoformat(), lo.isoformat()]),
                   (base + "AND c.long_span = 1 AND c.day <= ? AND c.end_day >= ?",
                    [*params, hi.isoformat(), lo.isoformat()])]
    out = []
    for sql, args in queries:
        for row in conn.execute(sql + " ORDER BY c.day, c.cluster_id", args):
            members = frozenset((row["member_articles"] or "").split())
            out.append((cluster_from_row(row), members))
    return out


def get_clusters(conn: sqlite3.Connection, ids: Iterable[str]) -> list[Cluster]:
    ids = list(ids)
    out: list[Cluster] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        out += [cluster_from_row(r) for r in conn.execute(
            f"SELECT * FROM clusters WHERE cluster_id IN ({marks})", chunk)]
    order = {cid: i for i, cid in enumerate(ids)}
    return sorted(out, key=lambda c: order[c.cluster_id])


def list_clusters(conn: sqlite3.Connection, *, dyad: tuple[str, str] | None = None,
                  since: dt.date | None = None, until: dt.date | None = None,
                  quads: Sequence[int] | None = None, counted_only: bool = False,
                  limit: int | None = None) -> list[Cluster]:
    conds, params = ["1"], []
    if dyad is not None:
        conds.append("source_country = ? AND target_country = ?")
        params += list(dyad)
    _day_range(conds, params, "day", since, until)
    if quads:
        conds.append(f"quad_class IN ({','.join('?' * len(quads))})")
        params += list(quads)
    if counted_only:
        conds.append("counted = 1")
    sql = (f"SELECT * FROM clusters WHERE {' AND '.join(conds)} "
           "ORDER BY day IS NULL, day, cluster_id LIMIT ?")
    params.append(limit if limit is not None else -1)
    return [cluster_from_row(r) for r in conn.execute(sql, params)]


def dyad_outlets(conn: sqlite3.Connection, dyad: tuple[str, str], since: dt.date, until: dt.date,
                 quads: Sequence[int]) -> set[str]:
    """Distinct outlets reporting the dyad's counted clusters of ``quads`` in [since, until]."""
    marks = ",".join("?" * len(quads))
    rows = conn.execute(
        "SELECT DISTINCT m.outlet FROM clusters c JOIN cluster_members m ON m.cluster_id = c.cluster_id "
        "WHERE c.source_country = ? AND c.target_country = ? AND c.day BETWEEN ? AND ? "
        f"AND c.counted = 1 AND c.quad_class IN ({marks})",
        [*dyad, since.isoformat(), until.isoformat(), *quads])
    return {r[0] for r in rows}


def cluster_evidence(conn: sqlite3.Connection, cluster: Cluster,
                     max_sentences: int = 3) -> ClusterEvidence:
    """The distinct evidence sentences, outlets and URLs of one cluster's mentions."""
    sentences: list[str] = []
    urls: list[str] = []
    for row in conn.execute(
            "SELECT json_extract(e.record, '$.evidence.sentence'), a.url FROM events e "
            "JOIN articles a ON a.article_id = e.article_id WHERE e.cluster_id = ? "
            "ORDER BY a.published, e.rowid", (cluster.cluster_id,)):
        if row[0] and row[0] not in sentences and len(sentences) < max_sentences:
            sentences.append(row[0])
        if row[1] and row[1] not in urls:
            urls.append(row[1])
    outlets = [r[0] for r in conn.execute(
        "SELECT DISTINCT outlet FROM cluster_members WHERE cluster_id = ? ORDER BY outlet",
        (cluster.cluster_id,))]
    return ClusterEvidence(cluster=cluster, sentences=tuple(sentences), outlets=tuple(outlets),
                           urls=tuple(urls))


def _dyad_day(row: sqlite3.Row, total: int) -> DyadDay:
    return DyadDay(source_country=row["source_country"], target_country=row["target_country"],
                   day=dt.date.fromisoformat(row["day"]), clusters=row["clusters"],
                   quad=(row["q1"], row["q2"], row["q3"], row["q4"]),
                   goldstein_sum=row["goldstein_sum"], plover_sum=row["plover_sum"],
                   conflict=row["conflict"], cooperation=row["cooperation"], day_total=total)


def dyad_days(conn: sqlite3.Connection, since: dt.date, until: dt.date, *,
              dyad: tuple[str, str] | None = None,
              active_since: dt.date | None = None) -> list[DyadDay]:
    """Aggregate rows in [since, until]: of one dyad, or of every dyad with a row on or
    after ``active_since`` (so that quiet dyads are never read)."""
    params: list[object] = [since.isoformat(), until.isoformat()]
    sql = ("SELECT d.*, coalesce(t.clusters, 0) AS total FROM dyad_days d "
           "LEFT JOIN day_totals t ON t.day = d.day WHERE d.day BETWEEN ? AND ?")
    if dyad is not None:
        sql += " AND d.source_country = ? AND d.target_country = ?"
        params += list(dyad)
    elif active_since is not None:
        sql += (" AND (d.source_country, d.target_country) IN (SELECT source_country, target_country "
                "FROM dyad_days WHERE day BETWEEN ? AND ?)")
        params += [active_since.isoformat(), until.isoformat()]
    sql += " ORDER BY d.source_country, d.target_country, d.day"
    return [_dyad_day(r, r["total"]) for r in conn.execute(sql, params)]


def day_totals(conn: sqlite3.Connection, since: dt.date, until: dt.date) -> dict[dt.date, int]:
    return {dt.date.fromisoformat(r[0]): r[1] for r in conn.execute(
        "SELECT day, clusters FROM day_totals WHERE day BETWEEN ? AND ?",
        (since.isoformat(), until.isoformat()))}


def dyad_span(conn: sqlite3.Connection, dyad: tuple[str, str]) -> tuple[dt.date, dt.date] | None:
    row = conn.execute("SELECT min(day), max(day) FROM dyad_days WHERE source_country = ? "
                       "AND target_country = ?", dyad).fetchone()
    return (dt.date.fromisoformat(row[0]), dt.date.fromisoformat(row[1])) if row[0] else None


def aggregate_span(conn: sqlite3.Connection) -> tuple[dt.date, dt.date] | None:
    row = conn.execute("SELECT min(day), max(day) FROM day_totals").fetchone()
    return (dt.date.fromisoformat(row[0]), dt.date.fromisoformat(row[1])) if row[0] else None


def published_span(conn: sqlite3.Connection) -> tuple[dt.date, dt.date] | None:
    row = conn.execute("SELECT min(published), max(published) FROM articles").fetchone()
    return (dt.date.fromisoformat(row[0]), dt.date.fromisoformat(row[1])) if row[0] else None


# -- writing (inside the caller's transaction) ----------------------------------------------

def insert_cluster(conn: sqlite3.Connection, c: Cluster) -> None:
    k = c.key
    conn.execute(
        "INSERT INTO clusters (cluster_id, source_country, source_sector, target_country, "
        "target_sector, category, counted, cameo_code, cameo_root, quad_class, goldstein, "
        "plover_score, day, end_day, first_seen, last_seen, mentions, sources, articles, "
        "signatures, first_event_id, historical, long_span) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0, 0, 0, ?, ?, ?, ?)",
        (c.cluster_id, k.source_country, k.source_sector, k.target_country, k.target_sector,
         k.category, int(k.counted), c.cameo_code, c.cameo_root, c.quad_class, c.goldstein,
         c.plover_score, _iso(c.day), _iso(c.end), dump_signatures(c.signatures),
         c.first_event_id, int(c.historical),
         int(c.day is not None and c.end is not None and (c.end - c.day).days > LONG_SPAN_DAYS)))


def set_signatures(conn: sqlite3.Connection, cluster_id: str,
                   signatures: Sequence[frozenset[str]]) -> None:
    conn.execute("UPDATE clusters SET signatures = ? WHERE cluster_id = ?",
                 (dump_signatures(signatures), cluster_id))


def assign(conn: sqlite3.Connection, assignments: Sequence[Assignment]) -> None:
    """Record each event's cluster (column and JSON record) and refresh the clusters' counts."""
    for a in assignments:
        conn.execute("UPDATE events SET cluster_id = ?, record = json_set(record, '$.cluster_id', ?) "
                     "WHERE event_id = ?", (a.cluster_id, a.cluster_id, a.event_id))
        conn.execute("INSERT OR IGNORE INTO cluster_members (cluster_id, article_id, outlet) "
                     "VALUES (?, ?, ?)", (a.cluster_id, a.article_id, a.outlet))
        if a.published is not None:
            day = a.published.isoformat()
            conn.execute("UPDATE clusters SET first_seen = min(coalesce(first_seen, ?), ?), "
                         "last_seen = max(coalesce(last_seen, ?), ?) WHERE cluster_id = ?",
                         (day, day, day, day, a.cluster_id))
    for cid in dict.fromkeys(a.cluster_id for a in assignments):
        conn.execute(
            "UPDATE clusters SET "
            "mentions = (SELECT count(*) FROM events WHERE cluster_id = ?1), "
            "articles = (SELECT count(*) FROM cluster_members WHERE cluster_id = ?1), "
            "sources = (SELECT count(DISTINCT outlet) FROM cluster_members WHERE cluster_id = ?1) "
            "WHERE cluster_id = ?1", (cid,))


def add_dyad_days(conn: sqlite3.Connection, rows: Sequence[DyadDay]) -> None:
    """Add each row to its (day, dyad) aggregate and its clusters to the day's total."""
    conn.executemany(
        "INSERT INTO dyad_days (day, source_country, target_country, clusters, q1, q2, q3, q4, "
        "goldstein_sum, plover_sum, conflict, cooperation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (day, source_country, target_country) DO UPDATE SET "
        "clusters = clusters + excluded.clusters, q1 = q1 + excluded.q1, q2 = q2 + excluded.q2, "
        "q3 = q3 + excluded.q3, q4 = q4 + excluded.q4, "
        "goldstein_sum = goldstein_sum + excluded.goldstein_sum, "
        "plover_sum = plover_sum + excluded.plover_sum, conflict = conflict + excluded.conflict, "
        "cooperation = cooperation + excluded.cooperation",
        [(r.day.isoformat(), r.source_country, r.target_country, r.clusters, *r.quad,
          r.goldstein_sum, r.plover_sum, r.conflict, r.cooperation) for r in rows])
    totals: dict[str, int] = {}
    for r in rows:
        totals[r.day.isoformat()] = totals.get(r.day.isoformat(), 0) + r.clusters
    conn.executemany(
        "INSERT INTO day_totals (day, clusters) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET "
        "clusters = clusters + excluded.clusters", list(totals.items()))


def cluster_page(conn: sqlite3.Connection, after: int, size: int, *, since: dt.date | None,
                 until: dt.date | None, dyad: tuple[str, str] | None,
                 counted_only: bool) -> list[tuple[int, Cluster, str, str | None, str | None, str | None]]:
    """One page of clusters after rowid ``after``, each with its first mention's record and
    that mention's article url, outlet and publication date."""
    conds, params = ["c.rowid > ?"], [after]
    _day_range(conds, params, "c.day", since, until)
    if dyad is not None:
        conds.append("c.source_country = ? AND c.target_country = ?")
        params += list(dyad)
    if counted_only:
        conds.append("c.counted = 1")
    rows = conn.execute(
        "SELECT c.rowid AS rid, c.*, e.record AS first_record, a.url AS first_url, "
        "a.outlet AS first_outlet, a.published AS first_published FROM clusters c "
        "JOIN events e ON e.event_id = c.first_event_id JOIN articles a ON a.article_id = e.article_id "
        f"WHERE {' AND '.join(conds)} ORDER BY c.rowid LIMIT ?", [*params, size])
    return [(r["rid"], cluster_from_row(r), r["first_record"], r["first_url"], r["first_outlet"],
             r["first_published"]) for r in rows]
