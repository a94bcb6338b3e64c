"""Tests of forewarn.store: round trips, idempotence, filters, migrations, transactions, WAL."""
from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from forewarn.errors import InputError, StoreError
from forewarn.models import (
    Actor, Article, Cameo, Coder, DateRef, Document, Event, Evidence, Modality, Place, Plover,
    Quote,
)
from forewarn.store import EventFilter, Store, StoredEvent, latest_version
from forewarn.store import schema
from forewarn.store import store as store_module

CODER = Coder(name="forewarn-rules", version="0.1.0", data_version="2024.1")


def actor(text: str, country: str | None, sector: str | None = "GOV", name: str | None = None,
          start: int = 0) -> Actor:
    return Actor(text=text, start=start, end=start + len(text), country=country, sector=sector,
                 name=name)


def event(event_id: str, article_id: str, sentence_index: int, source: tuple[Actor, ...],
          target: tuple[Actor, ...], code: str, category: str | None, day: dt.date | None,
          quad: int = 3, modality: Modality = Modality()) -> Event:
    root = code[:2]
    return Event(
        event_id=event_id, article_id=article_id, sentence_index=sentence_index,
        source=source, target=target, cameo=Cameo(code=code, base=code[:3], root=root),
        plover=Plover(category=category, mode=None, context=None), goldstein=-4.0,
        plover_score=None, quad_class=quad,
        date=DateRef(text=None, value=day, granularity="day" if day else "unknown",
                     resolved_from="publication"),
        evidence=Evidence(sentence=f"Sentence {sentence_index}.", start=0, end=12,
                          trigger="warned", trigger_start=3, trigger_end=9, quote_id=None),
        coder=CODER, modality=modality, reported_by=("Belta",), confidence=0.8,
    )


BLR = actor("Belarus", "BLR")
LUK = actor("Lukashenko", "BLR", name="Alexander Lukashenko", start=20)
UKR = actor("Ukraine", "UKR")
UKR_MFA = actor("Ukraine's foreign ministry", "UKR", sector="GOV", start=40)
RUS = actor("Russia", "RUS")


def document_a() -> Document:
    """The seed-like article: Belarus warns Ukraine; Ukraine denies; a negated attack."""
    aid = "a1b2c3d4e5"
    article = Article(article_id=aid, text="Belarus took armour out of storage. ...",
                      url="https://example.org/belarus", outlet="Example News",
                      title="Belarus warns Ukraine", section="World", kicker=None,
                      deck="Minsk moves armour", published=dt.date(2024, 3, 5), language="en",
                      origin="seed.txt")
    events = (
        event("ev-a-1", aid, 2, (BLR, LUK), (UKR,), "138", "THREATEN", dt.date(2024, 3, 4)),
        event("ev-a-2", aid, 5, (UKR_MFA,), (BLR,), "131", "ACCUSE", dt.date(2024, 3, 5)),
        event("ev-a-3", aid, 6, (UKR,), (BLR,), "190", "ASSAULT", dt.date(2024, 3, 5), quad=4,
              modality=Modality(negated=True)),
    )
    quote = Quote(quote_id="q1", text="they should consider themselves warned", kind="direct",
                  start=100, end=138, speaker=LUK, verb="said", channel="Belta",
                  date=DateRef(text="Tuesday", value=dt.date(2024, 3, 4), start=90))
    places = (Place(text="Minsk", start=60, end=65, geonames_id=625144, lat=53.9, lon=27.57,
                    country="BLR", confidence=0.9),)
    dates = (DateRef(text="Tuesday", value=dt.date(2024, 3, 4), start=90),
             DateRef(text="last fall", value=dt.date(2023, 9, 1), end=dt.date(2023, 11, 30),
                     granularity="season", start=150))
    return Document(article=article, events=events, quotes=(quote,),
                    actors=(BLR, LUK, UKR, UKR_MFA), places=places, dates=dates)


def document_b() -> Document:
    """A second article: Russia pressures Belarus (hypothetical), a statement without PLOVER."""
    aid = "b9f8e7d6c5"
    article = Article(article_id=aid, text="Russia is said to pressure Belarus.",
                      url=None, outlet="Wire", published=dt.date(2024, 3, 2))
    events = (
        event("ev-b-1", aid, 0, (RUS,), (BLR,), "0311", None, dt.date(2024, 3, 1), quad=1),
        event("ev-b-2", aid, 1, (RUS,), (BLR, UKR), "172", "COERCE", dt.date(2024, 3, 6),
              quad=4, modality=Modality(hypothetical=True)),
        event("ev-b-3", aid, 2, (RUS,), (), "010", None, None, quad=1),
    )
    return Document(article=article, events=events, actors=(RUS, BLR))


@pytest.fixture
def mem() -> Store:
    with Store(":memory:") as s:
        yield s


@pytest.fixture
def filled(mem: Store) -> Store:
    mem.add_document(document_a())
    mem.add_document(document_b())
    return mem


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "forewarn.db"


@pytest.fixture
def file_store(db_path: Path) -> Store:
    with Store(db_path) as s:
        yield s


def ids(rows: list[StoredEvent]) -> list[str]:
    return [r.event.event_id for r in rows]


def raw(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


# -- round trip and idempotence ------------------------------------------------------------

@pytest.mark.parametrize("make", [document_a, document_b])
def test_document_round_trips(mem: Store, make) -> None:
    doc = make()
    mem.add_document(doc)
    assert mem.get_document(doc.article.article_id) == doc


def test_events_equal_after_round_trip(mem: Store) -> None:
    doc = document_a()
    mem.add_document(doc)
    assert mem.get_document(doc.article.article_id).events == doc.events


def test_get_article_returns_the_article(mem: Store) -> None:
    doc = document_a()
    mem.add_document(doc)
    assert mem.get_article(doc.article.article_id) == doc.article


@pytest.mark.parametrize("method", ["get_article", "get_document"])
def test_missing_article_is_none(mem: Store, method: str) -> None:
    assert getattr(mem, method)("nope") is None


def test_add_returns_true_for_a_new_article(mem: Store) -> None:
    assert mem.add_document(document_a()) is True


def test_adding_the_same_article_twice_changes_nothing(mem: Store) -> None:
    doc = document_a()
    mem.add_document(doc)
    changed = Document(article=doc.article, events=doc.events[:1])
    assert mem.add_document(changed) is False
    assert (mem.count_articles(), mem.count_events()) == (1, 3)
    assert mem.get_document(doc.article.article_id) == doc


def test_counts(filled: Store) -> None:
    assert (filled.count_articles(), filled.count_events()) == (2, 6)


def test_has_article(filled: Store) -> None:
    assert filled.has_article("a1b2c3d4e5") and not filled.has_article("a1b2")


def test_add_documents_counts_new_ones(mem: Store) -> None:
    assert mem.add_documents([document_a(), document_b(), document_a()]) == 2


# -- finding and listing articles ----------------------------------------------------------

@pytest.mark.parametrize("prefix, expected", [
    ("a1", ["a1b2c3d4e5"]),
    ("b9f8e7d6c5", ["b9f8e7d6c5"]),
    ("c", []),
    ("%", []),          # not a wildcard
    ("_", []),
])
def test_find_articles_by_prefix(filled: Store, prefix: str, expected: list[str]) -> None:
    assert filled.find_articles(prefix) == expected


def test_find_articles_refuses_an_empty_prefix(filled: Store) -> None:
    with pytest.raises(InputError, match="prefix"):
        filled.find_articles("  ")


def test_list_articles_newest_first(filled: Store) -> None:
    assert [a.article_id for a in filled.list_articles()] == ["a1b2c3d4e5", "b9f8e7d6c5"]


def test_list_articles_pages(filled: Store) -> None:
    assert [a.article_id for a in filled.list_articles(limit=1, offset=1)] == ["b9f8e7d6c5"]


# -- querying events -----------------------------------------------------------------------

ALL_IN_ORDER = ["ev-b-1", "ev-a-1", "ev-a-2", "ev-a-3", "ev-b-2", "ev-b-3"]


@pytest.mark.parametrize("filt, expected", [
    (EventFilter(), ALL_IN_ORDER),
    (EventFilter(actor="lukashenko"), ["ev-a-1"]),                  # the name or the text
    (EventFilter(actor="ALEXANDER"), ["ev-a-1"]),                   # canonical name only
    (EventFilter(actor="foreign ministry"), ["ev-a-2"]),
    (EventFilter(country="RUS"), ["ev-b-1", "ev-b-2", "ev-b-3"]),
    (EventFilter(country="ukr"), ["ev-a-1", "ev-a-2", "ev-a-3", "ev-b-2"]),   # any actor
    (EventFilter(dyad=("BLR", "UKR")), ["ev-a-1"]),
    (EventFilter(dyad=("UKR", "BLR")), ["ev-a-2", "ev-a-3"]),
    (EventFilter(dyad=("BLR", "UKR"), undirected=True), ["ev-a-1", "ev-a-2", "ev-a-3"]),
    (EventFilter(dyad=("RUS", "UKR")), ["ev-b-2"]),                  # second target actor
    (EventFilter(category="threaten"), ["ev-a-1"]),
    (EventFilter(category="COERCE"), ["ev-b-2"]),
    (EventFilter(root="13"), ["ev-a-1", "ev-a-2"]),
    (EventFilter(root="3"), ["ev-b-1"]),
    (EventFilter(root=1), ["ev-b-3"]),
    (EventFilter(since=dt.date(2024, 3, 5)), ["ev-a-2", "ev-a-3", "ev-b-2"]),
    (EventFilter(until="2024-03-04"), ["ev-b-1", "ev-a-1"]),
    (EventFilter(since="2024-03-05", until="2024-03-05"), ["ev-a-2", "ev-a-3"]),
    (EventFilter(article_id="b9f8e7d6c5"), ["ev-b-1", "ev-b-2", "ev-b-3"]),
    (EventFilter(include_uncounted=False), ["ev-b-1", "ev-a-1", "ev-a-2", "ev-b-3"]),
    (EventFilter(country="BLR", root="13", since="2024-03-05"), ["ev-a-2"]),
    (EventFilter(limit=2), ["ev-b-1", "ev-a-1"]),
    (EventFilter(limit=2, offset=4), ["ev-b-2", "ev-b-3"]),
    (EventFilter(limit=None, offset=5), ["ev-b-3"]),
])
def test_query_events_filters(filled: Store, filt: EventFilter, expected: list[str]) -> None:
    assert ids(filled.query_events(filt)) == expected


def test_query_events_without_a_filter_returns_all(filled: Store) -> None:
    assert ids(filled.query_events()) == ALL_IN_ORDER


def test_stored_event_carries_article_facts(filled: Store) -> None:
    (row,) = filled.query_events(EventFilter(actor="Lukashenko"))
    assert (row.url, row.outlet, row.published) == (
        "https://example.org/belarus", "Example News", dt.date(2024, 3, 5))


def test_stored_event_is_the_stored_event(filled: Store) -> None:
    (row,) = filled.query_events(EventFilter(actor="Lukashenko"))
    assert row.event == document_a().events[0]


@pytest.mark.parametrize("field, value, normalised", [
    ("root", "3", "03"),
    ("root", 20, "20"),
    ("country", " ukr ", "UKR"),
    ("category", "protest", "PROTEST"),
    ("dyad", ["blr", "ukr"], ("BLR", "UKR")),
    ("since", "2024-03-01", dt.date(2024, 3, 1)),
    ("until", dt.datetime(2024, 3, 1, 12, 0), dt.date(2024, 3, 1)),
])
def test_filter_normalises_values(field: str, value, normalised) -> None:
    assert getattr(EventFilter(**{field: value}), field) == normalised


@pytest.mark.parametrize("kwargs, message", [
    ({"country": "UA"}, "alpha-3"),
    ({"country": "U1R"}, "alpha-3"),
    ({"dyad": ("BLR",)}, "pair"),
    ({"dyad": "BLRUKR"}, "pair"),
    ({"dyad": ("BLR", "Ukraine")}, "alpha-3"),
    ({"root": "0"}, "01 to 20"),
    ({"root": "21"}, "01 to 20"),
    ({"root": "1a"}, "01 to 20"),
    ({"since": "2024-03-05", "until": "2024-03-01"}, "after"),
    ({"since": "yesterday"}, "date like"),
    ({"actor": " "}, "empty"),
    ({"limit": 0}, "limit"),
    ({"offset": -1}, "offset"),
])
def test_filter_rejects_bad_values(kwargs: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        EventFilter(**kwargs)


def test_filter_is_frozen() -> None:
    with pytest.raises(AttributeError):
        EventFilter().country = "UKR"  # type: ignore[misc]


# -- opening, pragmas, errors --------------------------------------------------------------

def test_file_store_uses_wal(file_store: Store, db_path: Path) -> None:
    assert raw(db_path, "PRAGMA journal_mode") == [("wal",)]


@pytest.mark.parametrize("pragma, expected", [
    ("busy_timeout", 5000),
    ("foreign_keys", 1),
    ("synchronous", 1),          # NORMAL
    ("journal_mode", "wal"),
])
def test_file_store_pragmas(file_store: Store, pragma: str, expected) -> None:
    assert file_store._conn.execute(f"PRAGMA {pragma}").fetchone()[0] == expected


def test_memory_store_is_not_wal(mem: Store) -> None:
    assert mem._conn.execute("PRAGMA journal_mode").fetchone()[0] == "memory"


def test_missing_directory_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "forewarn.db"
    with pytest.raises(StoreError, match="does not exist") as info:
        Store(path)
    assert str(path.parent) in str(info.value)


def test_non_database_file_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are not the tables you are looking for\n" * 100)
    with pytest.raises(StoreError, match="not a database") as info:
        Store(path)
    assert str(path) in str(info.value)


def test_foreign_sqlite_database_is_refused(db_path: Path) -> None:
    raw(db_path, "CREATE TABLE accounts (id INTEGER)")
    with pytest.raises(StoreError, match="not a Forewarn store"):
        Store(db_path)


def test_directory_path_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="directory"):
        Store(tmp_path)


def test_closed_store_raises(db_path: Path) -> None:
    s = Store(db_path)
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.count_articles()


def test_close_twice_is_harmless(mem: Store) -> None:
    mem.close()
    mem.close()


def test_context_manager_closes(db_path: Path) -> None:
    with Store(db_path) as s:
        pass
    with pytest.raises(StoreError, match="closed"):
        s.has_article("x")


def test_data_survives_reopening(db_path: Path) -> None:
    doc = document_a()
    with Store(db_path) as s:
        s.add_document(doc)
    with Store(db_path) as s:
        assert s.get_document(doc.article.article_id) == doc


# -- migrations ----------------------------------------------------------------------------

def test_fresh_store_is_at_the_latest_version(mem: Store) -> None:
    assert mem.schema_version == latest_version() == len(schema.MIGRATIONS)


def test_migrations_are_applied_once_and_recorded(db_path: Path) -> None:
    Store(db_path).close()
    Store(db_path).close()
    rows = raw(db_path, "SELECT version FROM schema_migrations ORDER BY version")
    assert rows == [(v,) for v in range(1, latest_version() + 1)]


def test_migration_records_when_it_was_applied(db_path: Path) -> None:
    Store(db_path).close()
    (applied_at,) = raw(db_path, "SELECT applied_at FROM schema_migrations WHERE version = 1")[0]
    assert dt.datetime.fromisoformat(applied_at).tzinfo is not None


def test_pending_migration_is_applied_on_open(db_path: Path, monkeypatch) -> None:
    Store(db_path).close()
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS,
                                               "CREATE TABLE extra (x INTEGER);"))
    with Store(db_path) as s:
        assert s.schema_version == latest_version()
    assert raw(db_path, "SELECT count(*) FROM extra") == [(0,)]


def test_failing_migration_rolls_back_alone(db_path: Path, monkeypatch) -> None:
    released = len(schema.MIGRATIONS)
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS,
                                               "CREATE TABLE half (x); NOT SQL AT ALL;"))
    with pytest.raises(StoreError, match=f"migration {released + 1}"):
        Store(db_path)
    tables = {r[0] for r in raw(db_path, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half" not in tables
    assert raw(db_path, "SELECT max(version) FROM schema_migrations") == [(released,)]


def test_newer_database_is_refused(db_path: Path) -> None:
    Store(db_path).close()
    raw_conn = sqlite3.connect(db_path)
    raw_conn.execute("INSERT INTO schema_migrations VALUES (99, '2099-01-01T00:00:00+00:00')")
    raw_conn.commit()
    raw_conn.close()
    with pytest.raises(StoreError, match="version 99.*upgrade Forewarn"):
        Store(db_path)


@pytest.mark.parametrize("script, count", [
    ("CREATE TABLE a (x); CREATE TABLE b (y);", 2),
    ("-- a comment; with a semicolon\nCREATE TABLE a (x);", 1),
    ("CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; SELECT 2; END;", 1),
    ("  ;  ", 0),
])
def test_split_statements(script: str, count: int) -> None:
    assert len(schema.split_statements(script)) == count


# -- transactions --------------------------------------------------------------------------

def test_failure_mid_insert_stores_nothing_of_that_article(mem: Store, monkeypatch) -> None:
    mem.add_document(document_b())

    def boom(conn, doc):
        raise RuntimeError("crash while inserting quotes")

    monkeypatch.setattr(store_module, "_insert_quotes", boom)
    with pytest.raises(RuntimeError):
        mem.add_document(document_a())
    assert not mem.has_article("a1b2c3d4e5")
    assert (mem.count_articles(), mem.count_events()) == (1, 3)


def test_failure_mid_insert_leaves_no_event_actors(mem: Store, monkeypatch) -> None:
    monkeypatch.setattr(store_module, "_insert_quotes", lambda conn, doc: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        mem.add_document(document_a())
    assert mem._conn.execute("SELECT count(*) FROM event_actors").fetchone()[0] == 0


def test_article_can_be_added_after_a_failed_attempt(mem: Store, monkeypatch) -> None:
    with monkeypatch.context() as m:
        m.setattr(store_module, "_insert_quotes", lambda conn, doc: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            mem.add_document(document_a())
    assert mem.add_document(document_a()) is True


def test_sql_error_mid_insert_is_a_store_error_and_rolls_back(mem: Store) -> None:
    mem.add_document(document_b())
    doc = document_a()
    duplicated = Document(article=doc.article, events=(doc.events[0], doc.events[0]))
    with pytest.raises(StoreError, match="a1b2c3d4e5"):
        mem.add_document(duplicated)
    assert (mem.count_articles(), mem.count_events()) == (1, 3)


def test_nan_goldstein_is_refused_and_nothing_stored(mem: Store) -> None:
    doc = document_a()
    bad = Event(**{**doc.events[0].__dict__, "goldstein": float("nan")})
    with pytest.raises(StoreError, match="nothing of it was stored"):
        mem.add_document(Document(article=doc.article, events=(bad,)))
    assert mem.count_articles() == 0


def test_event_of_another_article_is_refused(mem: Store) -> None:
    doc = document_a()
    with pytest.raises(StoreError, match="belongs to article"):
        mem.add_document(Document(article=doc.article, events=document_b().events))
    assert mem.count_articles() == 0


# -- concurrency ---------------------------------------------------------------------------

def test_reader_reads_while_writer_is_mid_transaction(db_path: Path, monkeypatch) -> None:
    with Store(db_path) as setup:
        setup.add_document(document_b())
    inside, release = threading.Event(), threading.Event()
    real = store_module._insert_quotes

    def slow_quotes(conn, doc):
        real(conn, doc)
        inside.set()
        release.wait(10)

    monkeypatch.setattr(store_module, "_insert_quotes", slow_quotes)
    with Store(db_path) as writer, Store(db_path) as reader:
        thread = threading.Thread(target=writer.add_document, args=(document_a(),))
        thread.start()
        try:
            assert inside.wait(10)
            started = time.monotonic()
            seen = (reader.count_articles(), reader.has_article("a1b2c3d4e5"))
            waited = time.monotonic() - started
        finally:
            release.set()
            thread.join(10)
        assert seen == (1, False) and waited < 1.0
        assert reader.count_articles() == 2


def test_writer_commits_while_reader_holds_a_snapshot(db_path: Path) -> None:
    with Store(db_path) as writer, Store(db_path) as reader:
        writer.add_document(document_b())
        reader._conn.execute("BEGIN")
        before = reader._conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        started = time.monotonic()
        assert writer.add_document(document_a()) is True      # WAL: no wait for the reader
        assert time.monotonic() - started < 1.0
        during = reader._conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        reader._conn.execute("COMMIT")
        assert (before, during, reader.count_articles()) == (1, 1, 2)


def test_quad_class_filter_keeps_only_that_class(tmp_path):
    from forewarn.store import EventFilter, Store
    with Store(tmp_path / "q.db") as store:
        assert store.query_events(EventFilter(quad_class=4)) == []


@pytest.mark.parametrize("bad", [0, 5, "x"])
def test_bad_quad_class_is_refused(bad):
    from forewarn.errors import InputError
    from forewarn.store import EventFilter
    with pytest.raises(InputError, match="quad class"):
        EventFilter(quad_class=bad)
