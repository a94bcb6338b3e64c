"""Paged event queries: answer an EventFilter from the index that lists its events in order.

Events are listed by event date (undated last), then article, sentence and position. Every
filter has an index that follows that order (schema version 4), so a page reads its own
rows and stops at its LIMIT instead of sorting every match:

- country, dyad and actor filters walk one key of ``event_keys`` ('c:UKR', 'd:RUS>UKR',
  'u:RUS|UKR', 'a:<name_id>'); further such filters are checked per row on the same table;
- category, CAMEO root, quad class and date ranges walk an index of ``events``;
- text search walks the trigram index ``event_text``, whose row ids go day by day, and
  stops after the day that fills the page; that day's matches are put in listing order.

An actor filter matches part of an actor's text or name: the distinct actor strings in
``actor_names`` are searched first, so a name nobody has answers at once. With a text
filter and a small country, dyad or actor key (at most ``KEY_WALK`` events) the key is
walked and each event's text checked instead.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from forewarn.store.filters import EventFilter

ACTOR_KEYS_SPARSE = 2000   # actor rows up to which several matching names are sorted
ACTOR_KEYS_MAX = 200       # more matching actor names than this: check each row's actors
KEY_WALK = 5000            # a text filter with a key of at most this many events walks the key
MIN_TRIGRAM = 3            # shorter text needles cannot use the trigram index
DAY = 1 << 24              # event_text_rows.text_id = day number * DAY + count within the day
UNDATED_DAY = 99999999

_E_ORDER = ("e.event_date IS NULL", "e.event_date", "e.article_id", "e.sentence_index",
            "e.position")
_K_ORDER = ("k.undated", "k.event_date", "k.article_id", "k.sentence_index", "k.position")
_PAGE_COLUMNS = "e.record, a.url, a.outlet, a.published"

Row = tuple[str, "str | None", "str | None", "str | None"]   # record, url, outlet, published


def day_number(day: dt.date) -> int:
    """The whole Julian day number SQLite's ``CAST(julianday(day) AS INTEGER)`` gives."""
    return day.toordinal() + 1721424


def casefold(value: str | None) -> str | None:
    """SQL function ``forewarn_casefold``: Python's casefold, as the store folds actors."""
    return value.casefold() if value is not None else None


def install_functions(conn: sqlite3.Connection) -> None:
    conn.create_function("forewarn_casefold", 1, casefold, deterministic=True)


@dataclass
class _Plan:
    keys: list[tuple[str, list[str]]] = field(default_factory=list)  # (what, keys) to meet
    actor_rows: int = 0                  # upper bound of events the actor keys hold
    actor_scan: str | None = None        # too many names: check actors' text per row
    text_index: bool = False             # walk the text index
    text_check: str | None = None        # check each row's text
    empty: bool = False


def _escape_like(needle: str) -> str:
    return needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _phrase(needle: str) -> str:
    return '"' + needle.replace('"', '""') + '"'


def _key_size(conn: sqlite3.Connection, key: str, cap: int) -> int:
    return conn.execute("SELECT count(*) FROM (SELECT 1 FROM event_keys WHERE key = ? LIMIT ?)",
                        (key, cap + 1)).fetchone()[0]


def _plan(conn: sqlite3.Connection, filt: EventFilter) -> _Plan:
    plan = _Plan()
    if filt.dyad is not None:
        a, b = filt.dyad
        key = f"u:{min(a, b)}|{max(a, b)}" if filt.undirected and a != b else f"d:{a}>{b}"
        plan.keys.append(("dyad", [key]))
    if filt.actor is not None:
        names = conn.execute("SELECT name_id, actors FROM actor_names WHERE actors > 0 "
                             "AND instr(folded, ?) > 0", (filt.actor.casefold(),)).fetchall()
        if not names:
            plan.empty = True
            return plan
        if len(names) > ACTOR_KEYS_MAX:
            plan.actor_scan = filt.actor.casefold()
        else:
            plan.keys.append(("actor", [f"a:{r[0]}" for r in names]))
            plan.actor_rows = sum(r[1] for r in names)
    if filt.country is not None:
        plan.keys.append(("country", [f"c:{filt.country}"]))
    if filt.text is not None:
        single = [keys[0] for _, keys in plan.keys if len(keys) == 1]
        small_key = any(_key_size(conn, key, KEY_WALK) <= KEY_WALK for key in single)
        if len(filt.text) >= MIN_TRIGRAM and not small_key:
            plan.text_index = True
        else:
            plan.text_check = filt.text.casefold()
    return plan


def _driver(plan: _Plan) -> tuple[str, list[str]] | None:
    """The key whose range lists the page (None: an index of events does)."""
    for what, keys in plan.keys:
        if len(keys) == 1 and (what != "actor" or len(plan.keys) == 1 or
                               plan.actor_rows <= ACTOR_KEYS_SPARSE):
            return what, keys
    return None


def _actor_set(plan: _Plan, driver: tuple[str, list[str]] | None) -> bool:
    """Whether several actor names with few events between them drive the query: their
    events are gathered and sorted."""
    return (driver is None and not plan.text_index and plan.actor_rows <= ACTOR_KEYS_SPARSE
            and any(what == "actor" for what, _ in plan.keys))


def _conditions(filt: EventFilter, plan: _Plan, driver: tuple[str, list[str]] | None,
                day: str | None) -> tuple[list[str], list[Any]]:
    """The conditions on ``events e`` besides the driver's own; ``day`` is the date column
    to bound (None: the driver bounds dates itself)."""
    conds: list[str] = []
    params: list[Any] = []
    for what, keys in plan.keys:
        if driver is not None and (what, keys) == driver:
            continue
        if what == "actor" and _actor_set(plan, driver):
            continue                     # the driver itself
        marks = ", ".join("?" * len(keys))
        conds.append(f"EXISTS (SELECT 1 FROM event_keys x WHERE x.event_id = e.event_id "
                     f"AND x.key IN ({marks}))")
        params.extend(keys)
    if plan.actor_scan is not None:
        conds.append("EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.event_id "
                     "AND instr(a.folded, ?) > 0)")
        params.append(plan.actor_scan)
    if plan.text_check is not None:
        if plan.text_check.isascii():    # LIKE folds ASCII case in C, far cheaper per row
            match = "t.text LIKE ? ESCAPE '\\'"
            params.append("%" + _escape_like(plan.text_check) + "%")
        else:
            match = "instr(forewarn_casefold(t.text), ?) > 0"
            params.append(plan.text_check)
        conds.append(f"EXISTS (SELECT 1 FROM event_text_rows t WHERE t.event_id = e.event_id AND {match})")
    for cond, value in (("e.plover_category = ?", filt.category), ("e.cameo_root = ?", filt.root),
                        ("e.quad_class = ?", filt.quad_class), ("e.cluster_id = ?", filt.cluster_id),
                        ("e.article_id = ?", filt.article_id)):
        if value is not None:
            conds.append(cond)
            params.append(value)
    if day is not None:
        for cond, value in ((f"{day} >= ?", filt.since), (f"{day} <= ?", filt.until)):
            if value is not None:
                conds.append(cond)
                params.append(value.isoformat())
    if not filt.include_uncounted:
        conds.append("e.negated = 0 AND e.hypothetical = 0")
    return conds, params


def page_rows(conn: sqlite3.Connection, filt: EventFilter) -> list[Row]:
    """Return ``filt``'s page as (record, url, outlet, published) rows, in listing order.

    Call it inside one read transaction: it may run more than one statement.
    """
    plan = _plan(conn, filt)
    if plan.empty:
        return []
    if plan.text_index:
        return _text_page(conn, filt, plan)
    driver = _driver(plan)
    if driver is not None:
        source = "event_keys k CROSS JOIN events e ON e.event_id = k.event_id"
        order = _K_ORDER
        conds, params = ["k.key = ?"], [driver[1][0]]
        if filt.since is not None or filt.until is not None:
            conds.append("k.undated = 0")
        more, more_params = _conditions(filt, plan, driver, "k.event_date")
    else:
        source = "events e"
        # one cluster's or one article's events are few, whatever the statistics say (a
        # store not yet clustered has one cluster id, NULL, on every event)
        if filt.cluster_id is not None:
            source = "events e INDEXED BY events_cluster"
        elif filt.article_id is not None:
            source = "events e INDEXED BY events_article"
        order = _E_ORDER
        conds, params = [], []
        if _actor_set(plan, None):
            keys = next(keys for what, keys in plan.keys if what == "actor")
            source = (f"(SELECT DISTINCT x.event_id FROM event_keys x WHERE x.key IN "
                      f"({', '.join('?' * len(keys))})) s CROSS JOIN events e ON e.event_id = s.event_id")
            params += keys
        if filt.since is not None or filt.until is not None:
            conds.append("(e.event_date IS NULL) = 0")   # undated events are in no date range
            order = order[1:]                  # all dated: the index range is in order as it is
        more, more_params = _conditions(filt, plan, None, "e.event_date")
    where = " AND ".join(conds + more) or "1"
    params += more_params
    order_by = ", ".join(order)
    if filt.limit is None:               # everything: one pass, in order
        sql = (f"SELECT {_PAGE_COLUMNS} FROM {source} JOIN articles a ON a.article_id = e.article_id "
               f"WHERE {where} ORDER BY {order_by} LIMIT -1 OFFSET ?")
        return [tuple(r) for r in conn.execute(sql, [*params, filt.offset])]
    # A page: find its events by the index alone, then read just their records (a sort, when
    # one is needed, then moves keys rather than whole records).
    keys = ", ".join(f"{col} AS o{i}" for i, col in enumerate(order))
    inner = (f"SELECT e.rowid AS rid, {keys} FROM {source} WHERE {where} "
             f"ORDER BY {order_by} LIMIT ? OFFSET ?")
    sql = (f"SELECT {_PAGE_COLUMNS} FROM ({inner}) p CROSS JOIN events e ON e.rowid = p.rid "
           "JOIN articles a ON a.article_id = e.article_id "
           f"ORDER BY {', '.join(f'p.o{i}' for i in range(len(order)))}")
    return [tuple(r) for r in conn.execute(sql, [*params, filt.limit, filt.offset])]


def _text_page(conn: sqlite3.Connection, filt: EventFilter, plan: _Plan) -> list[Row]:
    """Walk the text index day by day until the page is full and its last day complete."""
    conds, params = _conditions(filt, plan, None, None)
    lo = day_number(filt.since) * DAY if filt.since is not None else 0
    hi = (UNDATED_DAY + 1) * DAY
    if filt.until is not None:
        hi = (day_number(filt.until) + 1) * DAY
    elif filt.since is not None:
        hi = UNDATED_DAY * DAY                  # undated events are in no date range
    # One lower and one upper bound: FTS5 seeks on one of each, and would scan past a second.
    sql = ("SELECT event_text.rowid, e.rowid, e.event_date IS NULL, e.event_date, e.article_id, "
           "e.sentence_index, e.position FROM event_text "
           "CROSS JOIN event_text_rows r ON r.text_id = event_text.rowid "
           "CROSS JOIN events e ON e.event_id = r.event_id "
           "WHERE event_text MATCH ? AND event_text.rowid >= ? AND event_text.rowid < ?"
           f"{''.join(' AND ' + c for c in conds)} ORDER BY event_text.rowid")
    phrase = _phrase(filt.text or "")
    if filt.limit is None:
        found = conn.execute(sql, [phrase, lo, hi, *params]).fetchall()
        wanted = None
    else:
        wanted = filt.offset + filt.limit
        found = conn.execute(sql + " LIMIT ?", [phrase, lo, hi, *params, wanted]).fetchall()
        if len(found) == wanted:         # the rest of the last day may sort before its rows
            last = found[-1][0]
            found += conn.execute(sql, [phrase, last + 1, min(hi, (last // DAY + 1) * DAY),
                                        *params]).fetchall()
    found.sort(key=lambda r: (r[2], r[3] or "", r[4], r[5], r[6]))
    page = [r[1] for r in found[filt.offset:wanted]]
    if not page:
        return []
    rows = {r[0]: tuple(r[1:]) for r in conn.execute(
        f"SELECT e.rowid, {_PAGE_COLUMNS} FROM events e JOIN articles a ON a.article_id = e.article_id "
        f"WHERE e.rowid IN ({', '.join('?' * len(page))})", page)}
    return [rows[rid] for rid in page]
