"""The store's schema and its migrations.

``MIGRATIONS`` is the ordered history of the schema: migration ``n`` (1-based) is the
n-th script. A database records each applied version in ``schema_migrations``; opening it
applies the missing ones in order, each in its own transaction, and refuses a database
whose version is newer than this code knows. Never edit a released migration: append one.
"""
from __future__ import annotations

import datetime as dt
import logging
import sqlite3

from forewarn.errors import StoreError

log = logging.getLogger(__name__)

_V1 = """
CREATE TABLE articles (
    article_id   TEXT PRIMARY KEY,
    url          TEXT,
    outlet       TEXT,
    title        TEXT,
    section      TEXT,
    kicker       TEXT,
    deck         TEXT,
    published    TEXT,                       -- ISO date
    language     TEXT NOT NULL DEFAULT 'en',
    origin       TEXT,
    text         TEXT NOT NULL,
    ingested_at  TEXT NOT NULL               -- ISO timestamp, UTC
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_url ON articles (url);

CREATE TABLE events (
    event_id         TEXT PRIMARY KEY,
    article_id       TEXT NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,       -- order within the document
    sentence_index   INTEGER NOT NULL,
    cluster_id       TEXT,
    source_country   TEXT,                   -- first source actor; all of them in event_actors
    source_sector    TEXT,
    source_name      TEXT,
    target_country   TEXT,                   -- first target actor
    target_sector    TEXT,
    target_name      TEXT,
    cameo_code       TEXT NOT NULL,
    cameo_root       TEXT NOT NULL,          -- two digits, '01'..'20'
    plover_category  TEXT COLLATE NOCASE,    -- null for CAMEO 01/02
    quad_class       INTEGER NOT NULL,
    goldstein        REAL,
    event_date       TEXT,                   -- ISO date; null when unknown
    event_end        TEXT,
    negated          INTEGER NOT NULL DEFAULT 0,
    hypothetical     INTEGER NOT NULL DEFAULT 0,
    historical       INTEGER NOT NULL DEFAULT 0,
    coder_name       TEXT NOT NULL,
    coder_version    TEXT NOT NULL,
    data_version     TEXT NOT NULL,
    record           TEXT NOT NULL CHECK (json_valid(record))   -- the interchange dict
);
CREATE INDEX events_order ON events (event_date, article_id, sentence_index);
CREATE INDEX events_article ON events (article_id, position);
CREATE INDEX events_dyad ON events (source_country, target_country, event_date);
CREATE INDEX events_target ON events (target_country, event_date);
CREATE INDEX events_category ON events (plover_category, event_date);
CREATE INDEX events_root ON events (cameo_root, event_date);
CREATE INDEX events_cluster ON events (cluster_id);

-- Every actor of every event, so filters match compound actors (lists), not only the first.
CREATE TABLE event_actors (
    event_id  TEXT NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    side      TEXT NOT NULL CHECK (side IN ('source', 'target')),
    position  INTEGER NOT NULL,
    text      TEXT NOT NULL,
    name      TEXT,
    country   TEXT,
    sector    TEXT,
    kb_id     TEXT,
    folded    TEXT NOT NULL,                 -- casefolded text and name, for actor search
    PRIMARY KEY (event_id, side, position)
) WITHOUT ROWID;
CREATE INDEX event_actors_country ON event_actors (country, side, event_id);

-- Quote ids are only unique within their article.
CREATE TABLE quotes (
    article_id       TEXT NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    quote_id         TEXT NOT NULL,
    position         INTEGER NOT NULL,
    kind             TEXT,
    speaker_name     TEXT,
    speaker_country  TEXT,
    record           TEXT NOT NULL CHECK (json_valid(record)),
    PRIMARY KEY (article_id, quote_id)
);
CREATE INDEX quotes_speaker ON quotes (speaker_country, speaker_name);

CREATE TABLE actor_mentions (
    article_id  TEXT NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    country     TEXT,
    sector      TEXT,
    name        TEXT,
    record      TEXT NOT NULL CHECK (json_valid(record)),
    PRIMARY KEY (article_id, position)
);
CREATE INDEX actor_mentions_country ON actor_mentions (country, sector);

CREATE TABLE places (
    article_id   TEXT NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    geonames_id  INTEGER,
    country      TEXT,
    record       TEXT NOT NULL CHECK (json_valid(record)),
    PRIMARY KEY (article_id, position)
);
CREATE INDEX places_geonames ON places (geonames_id);

CREATE TABLE dates (
    article_id  TEXT NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    value       TEXT,
    record      TEXT NOT NULL CHECK (json_valid(record)),
    PRIMARY KEY (article_id, position)
);
"""

# Version 2: event clusters (one row per real event, with its member articles and outlets)
# and the dyad-day aggregates that warnings read instead of raw events.
_V2 = """
CREATE TABLE clusters (
    cluster_id      TEXT PRIMARY KEY,
    source_country  TEXT NOT NULL,           -- '' when unknown
    source_sector   TEXT NOT NULL,
    target_country  TEXT NOT NULL,
    target_sector   TEXT NOT NULL,
    category        TEXT NOT NULL,           -- PLOVER category, or 'CAMEO:NN' without one
    counted         INTEGER NOT NULL,        -- 0: negated or hypothetical mentions
    cameo_code      TEXT NOT NULL,
    cameo_root      TEXT NOT NULL,
    quad_class      INTEGER NOT NULL,
    goldstein       REAL,
    plover_score    REAL,
    day             TEXT,                    -- anchor (start) day; null when undated
    end_day         TEXT,
    first_seen      TEXT,                    -- publication dates of its articles
    last_seen       TEXT,
    mentions        INTEGER NOT NULL DEFAULT 0,
    sources         INTEGER NOT NULL DEFAULT 0,
    articles        INTEGER NOT NULL DEFAULT 0,
    signatures      TEXT NOT NULL,           -- evidence token sets: words by ' ', sets by '|'
    first_event_id  TEXT NOT NULL,
    historical      INTEGER NOT NULL DEFAULT 0,
    long_span       INTEGER NOT NULL DEFAULT 0   -- 1: its anchor range exceeds 31 days
);
CREATE INDEX clusters_key ON clusters (source_country, target_country, category, long_span, day);

CREATE TABLE cluster_members (
    cluster_id  TEXT NOT NULL,
    article_id  TEXT NOT NULL,
    outlet      TEXT NOT NULL,               -- normalised outlet (else URL host, else article)
    PRIMARY KEY (cluster_id, article_id)
) WITHOUT ROWID;

-- Counted clusters per directed dyad (countries) and day, maintained at ingest.
CREATE TABLE dyad_days (
    day             TEXT NOT NULL,
    source_country  TEXT NOT NULL,
    target_country  TEXT NOT NULL,
    clusters        INTEGER NOT NULL,
    q1              INTEGER NOT NULL,
    q2              INTEGER NOT NULL,
    q3              INTEGER NOT NULL,
    q4              INTEGER NOT NULL,
    goldstein_sum   REAL NOT NULL,
    plover_sum      REAL NOT NULL,
    conflict        REAL NOT NULL,
    cooperation     REAL NOT NULL,
    PRIMARY KEY (day, source_country, target_country)
) WITHOUT ROWID;
CREATE INDEX dyad_days_dyad ON dyad_days (source_country, target_country, day);

CREATE TABLE day_totals (
    day       TEXT PRIMARY KEY,
    clusters  INTEGER NOT NULL
) WITHOUT ROWID;
"""

# Version 3: indexes for paged event queries. The listing order needs its own index (with
# "event_date IS NULL" first, undated events last) or SQLite sorts every match; actor
# filters look an event's actors up by event id rather than scanning a country's actors.
_V3 = """
CREATE INDEX events_sorted ON events (event_date IS NULL, event_date, article_id, sentence_index, position);
CREATE INDEX event_actors_event ON event_actors (event_id, side, country);
"""

# Version 4: every event filter of the API is an index range in listing order, so a page of
# events costs its own rows and not a scan. Column filters get indexes that end with the
# listing order. Country, dyad and actor filters (which match any actor of an event, compound
# actors included) read ``event_keys``: one row per key an event matches, in listing order
# ('c:UKR' an actor's country, 'd:RUS>UKR' a source and a target country, 'u:RUS|UKR' the
# same pair either way, 'a:<name_id>' an actor string of ``actor_names``). Text search reads
# a trigram full-text index of each event's evidence sentence, trigger and actors. Triggers
# keep all of it in step with inserts and deletes, so the write path is unchanged.
_V4 = """
CREATE INDEX events_category_sorted ON events (plover_category, event_date IS NULL, event_date, article_id, sentence_index, position);
CREATE INDEX events_root_sorted ON events (cameo_root, event_date IS NULL, event_date, article_id, sentence_index, position);
CREATE INDEX events_quad_sorted ON events (quad_class, event_date IS NULL, event_date, article_id, sentence_index, position);

CREATE TABLE actor_names (
    name_id  INTEGER PRIMARY KEY,
    folded   TEXT NOT NULL UNIQUE,           -- event_actors.folded: casefolded text and name
    actors   INTEGER NOT NULL DEFAULT 0      -- event actors with it: bounds its events
);

CREATE TABLE event_keys (
    key             TEXT NOT NULL,
    undated         INTEGER NOT NULL,        -- the listing order, as in events_sorted
    event_date      TEXT NOT NULL,           -- '' when undated
    article_id      TEXT NOT NULL,
    sentence_index  INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    event_id        TEXT NOT NULL,
    PRIMARY KEY (key, undated, event_date, article_id, sentence_index, position, event_id)
) WITHOUT ROWID;
CREATE INDEX event_keys_event ON event_keys (event_id, key);

CREATE TRIGGER event_actors_keys AFTER INSERT ON event_actors BEGIN
    INSERT OR IGNORE INTO actor_names (folded) VALUES (new.folded);
    UPDATE actor_names SET actors = actors + 1 WHERE folded = new.folded;
    INSERT OR IGNORE INTO event_keys
    SELECT k.key, e.event_date IS NULL, coalesce(e.event_date, ''), e.article_id,
           e.sentence_index, e.position, e.event_id
    FROM events e, (
        SELECT 'a:' || name_id AS key FROM actor_names WHERE folded = new.folded
        UNION ALL SELECT 'c:' || new.country WHERE new.country IS NOT NULL
        UNION ALL SELECT CASE new.side WHEN 'source' THEN 'd:' || new.country || '>' || o.country
                                       ELSE 'd:' || o.country || '>' || new.country END
            FROM event_actors o WHERE o.event_id = new.event_id AND o.side <> new.side
                                  AND o.country IS NOT NULL AND new.country IS NOT NULL
        UNION ALL SELECT 'u:' || min(new.country, o.country) || '|' || max(new.country, o.country)
            FROM event_actors o WHERE o.event_id = new.event_id AND o.side <> new.side
                                  AND o.country IS NOT NULL AND new.country IS NOT NULL
    ) k
    WHERE e.event_id = new.event_id;
END;

CREATE TRIGGER event_actors_forget AFTER DELETE ON event_actors BEGIN
    UPDATE actor_names SET actors = actors - 1 WHERE folded = old.folded;
END;

-- The searchable text of each event: evidence sentence, trigger, actors' texts and names.
-- text_id is the event's day number times 2^24 plus a count within the day (undated events
-- on day 99999999), so the full-text index returns matches day by day, in listing order.
CREATE TABLE event_text_rows (
    text_id   INTEGER PRIMARY KEY,
    event_id  TEXT NOT NULL UNIQUE,
    text      TEXT NOT NULL
);
CREATE VIRTUAL TABLE event_text USING fts5 (text, content = 'event_text_rows',
                                            content_rowid = 'text_id', tokenize = 'trigram');

CREATE TRIGGER events_text AFTER INSERT ON events BEGIN
    INSERT INTO event_text_rows (text_id, event_id, text)
    SELECT coalesce((SELECT r.text_id + 1 FROM event_text_rows r WHERE r.text_id >= d.base
                     AND r.text_id < d.base + 16777216 ORDER BY r.text_id DESC LIMIT 1), d.base),
           new.event_id, coalesce(json_extract(new.record, '$.evidence.sentence'), '') || ' ' ||
           coalesce(json_extract(new.record, '$.evidence.trigger'), '') || ' ' ||
           coalesce((SELECT group_concat(coalesce(json_extract(value, '$.text'), ''), ' ')
                     FROM (SELECT value FROM json_each(new.record, '$.source')
                           UNION ALL SELECT value FROM json_each(new.record, '$.target'))), '') || ' ' ||
           coalesce((SELECT group_concat(coalesce(json_extract(value, '$.name'), ''), ' ')
                     FROM (SELECT value FROM json_each(new.record, '$.source')
                           UNION ALL SELECT value FROM json_each(new.record, '$.target'))), '')
    FROM (SELECT coalesce(CAST(julianday(new.event_date) AS INTEGER), 99999999) * 16777216 AS base) d;
    INSERT INTO event_text (rowid, text)
    SELECT text_id, text FROM event_text_rows WHERE event_id = new.event_id;
END;

CREATE TRIGGER events_forget AFTER DELETE ON events BEGIN
    DELETE FROM event_keys WHERE event_id = old.event_id;
    INSERT INTO event_text (event_text, rowid, text)
    SELECT 'delete', text_id, text FROM event_text_rows WHERE event_id = old.event_id;
    DELETE FROM event_text_rows WHERE event_id = old.event_id;
END;

-- What is already stored.
INSERT INTO actor_names (folded, actors) SELECT folded, count(*) FROM event_actors GROUP BY folded;
INSERT OR IGNORE INTO event_keys
SELECT k.key, e.event_date IS NULL, coalesce(e.event_date, ''), e.article_id, e.sentence_index,
       e.position, e.event_id
FROM (SELECT a.event_id, 'a:' || n.name_id AS key FROM event_actors a
      JOIN actor_names n ON n.folded = a.folded
      UNION ALL SELECT event_id, 'c:' || country FROM event_actors WHERE country IS NOT NULL
      UNION ALL SELECT s.event_id, 'd:' || s.country || '>' || t.country
          FROM event_actors s JOIN event_actors t ON t.event_id = s.event_id
          WHERE s.side = 'source' AND t.side = 'target' AND s.country IS NOT NULL AND t.country IS NOT NULL
      UNION ALL SELECT s.event_id, 'u:' || min(s.country, t.country) || '|' || max(s.country, t.country)
          FROM event_actors s JOIN event_actors t ON t.event_id = s.event_id
          WHERE s.side = 'source' AND t.side = 'target' AND s.country IS NOT NULL AND t.country IS NOT NULL
     ) k JOIN events e ON e.event_id = k.event_id;
INSERT INTO event_text_rows (text_id, event_id, text)
SELECT coalesce(CAST(julianday(e.event_date) AS INTEGER), 99999999) * 16777216
       + row_number() OVER (PARTITION BY e.event_date ORDER BY e.article_id, e.sentence_index, e.position) - 1,
       e.event_id, coalesce(json_extract(e.record, '$.evidence.sentence'), '') || ' ' ||
       coalesce(json_extract(e.record, '$.evidence.trigger'), '') || ' ' ||
       coalesce((SELECT group_concat(coalesce(json_extract(value, '$.text'), ''), ' ')
                 FROM (SELECT value FROM json_each(e.record, '$.source')
                       UNION ALL SELECT value FROM json_each(e.record, '$.target'))), '') || ' ' ||
       coalesce((SELECT group_concat(coalesce(json_extract(value, '$.name'), ''), ' ')
                 FROM (SELECT value FROM json_each(e.record, '$.source')
                       UNION ALL SELECT value FROM json_each(e.record, '$.target'))), '')
FROM events e;
INSERT INTO event_text (event_text) VALUES ('rebuild');
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4)

_BOOTSTRAP = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,
    applied_at  TEXT NOT NULL
)
"""


def latest_version() -> int:
    """Return the schema version this code writes."""
    return len(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    """Return the highest migration applied to ``conn`` (0 for a fresh database)."""
    row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return row[0] or 0


def split_statements(script: str) -> list[str]:
    """Split a SQL script into complete statements (triggers with inner ';' stay whole)."""
    statements: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \t\r\n;"):
                statements.append(pending.strip())
            pending = ""
    if pending.strip(" \t\r\n;"):
        statements.append(pending.strip())
    return statements


def migrate(conn: sqlite3.Connection, where: str) -> int:
    """Bring the schema of ``conn`` up to date and return its version.

    ``conn`` must be in autocommit mode (``isolation_level=None``). Each migration runs in
    its own ``BEGIN IMMEDIATE`` transaction and re-checks the version inside it, so two
    processes opening a fresh file at once apply every migration exactly once.
    """
    if not _refuse_foreign(conn, where):
        conn.execute(_BOOTSTRAP)           # only when missing: a no-op DDL would still wait for writers
    known = latest_version()
    version = current_version(conn)
    if version > known:
        raise StoreError(
            f"database {where} has schema version {version}, but this Forewarn only knows "
            f"versions up to {known}; upgrade Forewarn to open it"
        )
    for target in range(version + 1, known + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if current_version(conn) >= target:    # another process got there first
                conn.execute("ROLLBACK")
                continue
            for statement in split_statements(MIGRATIONS[target - 1]):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                (target, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except sqlite3.Error as e:
            conn.execute("ROLLBACK")
            raise StoreError(
                f"could not apply schema migration {target} to {where}: {e}; the database "
                f"was left at version {target - 1}"
            ) from e
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        log.info("applied schema migration %d to %s", target, where)
    return known


def _refuse_foreign(conn: sqlite3.Connection, where: str) -> bool:
    """Refuse a database some other program made; return whether the migration log exists."""
    names = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    if names and "schema_migrations" not in names:
        raise StoreError(
            f"{where} is a SQLite database but not a Forewarn store (it has tables "
            f"{', '.join(sorted(names)[:5])} and no schema_migrations); choose another path"
        )
    return "schema_migrations" in names
