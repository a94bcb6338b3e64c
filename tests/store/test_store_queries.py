"""Paged event queries (forewarn.store.queries): every index path gives what a plain scan does."""
from __future__ import annotations

import dataclasses
import datetime as dt
import random
from pathlib import Path

import pytest

from forewarn.models import (Actor, Article, Cameo, Coder, DateRef, Document, Event, Evidence,
                             Modality, Plover)
from forewarn.store import EventFilter, Store, schema
from forewarn.store import queries

CODER = Coder("forewarn-rules", "test", "test")
COUNTRIES = ["UKR", "RUS", "BLR", "POL", "LTU", "GEO"]
CODES = [("040", "CONSULT", 1), ("057", "AGREE", 1), ("070", "AID", 2), ("112", "ACCUSE", 3),
         ("140", "PROTEST", 3), ("173", "COERCE", 4), ("190", "ASSAULT", 4)]
TRIGGERS = {"040": "met", "057": "signed", "070": "sent aid to", "112": "accused",
            "140": "protested against", "173": "detained", "190": "shelled"}
NAMES = {"UKR": "Volodymyr Zelensky", "RUS": "Vladimir Putin", "BLR": "Alexander Lukashenko"}


def _actors(rng: random.Random, pos: int, role: str) -> tuple[tuple[Actor, ...], int]:
    out = []
    for _ in range(rng.choice([1, 1, 1, 2])):            # now and then a compound actor
        country = rng.choice(COUNTRIES + [None])
        text = f"the {role} of {country or 'nowhere'}"
        name = NAMES.get(country or "") if rng.random() < 0.3 else None
        out.append(Actor(text, pos, pos + len(text), country, rng.choice(["GOV", "MIL"]), name))
        pos += len(text) + 5
    return tuple(out), pos


def random_document(i: int, rng: random.Random) -> Document:
    aid = f"art{i:04d}"
    day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(40))
    events, pos = [], 0
    for j in range(rng.randrange(1, 7)):
        source, pos = _actors(rng, pos, "army")
        target, pos = _actors(rng, pos, "people")
        code, category, quad = rng.choice(CODES)
        trigger = TRIGGERS[code]
        sentence = (f"{' and '.join(a.text for a in source)} {trigger} "
                    f"{' and '.join(a.text for a in target)} near the river, officials said.")
        when = None if rng.random() < 0.1 else day - dt.timedelta(days=rng.randrange(3))
        events.append(Event(
            event_id=f"{aid}-e{j}", article_id=aid, sentence_index=rng.randrange(5) + 5 * j,
            source=source, target=target, cameo=Cameo(code, code, code[:2]),
            plover=Plover(category), goldstein=-1.0, plover_score=None, quad_class=quad,
            date=DateRef(None, when, granularity="day" if when else "unknown"),
            evidence=Evidence(sentence, 0, len(sentence), trigger, 0, len(trigger)),
            coder=CODER, modality=Modality(negated=rng.random() < 0.1,
                                           hypothetical=rng.random() < 0.1)))
        pos += 10
    article = Article(article_id=aid, text="Body.", url=f"https://news.example/{aid}",
                      outlet="Example", published=day)
    return Document(article=article, events=tuple(events))


DOCS = [random_document(i, random.Random(i)) for i in range(120)]


def matches(ev: Event, f: EventFilter) -> bool:
    """The documented meaning of each filter, as a plain scan."""
    actors = ev.source + ev.target
    if f.actor and not any(f.actor.casefold() in f"{a.text}\n{a.name or ''}".casefold() for a in actors):
        return False
    if f.text:
        hay = " ".join([ev.evidence.sentence, ev.evidence.trigger, *(a.text for a in actors),
                        *(a.name or "" for a in actors)]).casefold()
        if f.text.casefold() not in hay:
            return False
    if f.country and f.country not in {a.country for a in actors}:
        return False
    if f.dyad:
        src, tgt = {a.country for a in ev.source}, {a.country for a in ev.target}
        a, b = f.dyad
        if not ((a in src and b in tgt) or (f.undirected and b in src and a in tgt)):
            return False
    day = ev.date.value
    if (f.since or f.until) and day is None:
        return False
    checks = [(f.category, ev.plover.category), (f.root, ev.cameo.root),
              (f.quad_class, ev.quad_class), (f.article_id, ev.article_id)]
    if any(want is not None and want != got for want, got in checks):
        return False
    if (f.since and day < f.since) or (f.until and day > f.until):
        return False
    return f.include_uncounted or not (ev.modality.negated or ev.modality.hypothetical)


def scan(f: EventFilter) -> list[str]:
    order = {}
    for doc in DOCS:
        for position, ev in enumerate(doc.events):
            d = ev.date.value
            order[ev.event_id] = (d is None, d or dt.date.min, ev.article_id, ev.sentence_index, position)
    hits = sorted((ev for doc in DOCS for ev in doc.events if matches(ev, f)),
                  key=lambda ev: order[ev.event_id])
    ids = [ev.event_id for ev in hits][f.offset:]
    return ids if f.limit is None else ids[:f.limit]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    docs = list(DOCS)
    random.Random(7).shuffle(docs)              # stored out of date order
    with Store(tmp_path_factory.mktemp("q") / "q.db") as s:
        s.add_documents(docs)
        yield s


FILTERS = [
    {}, {"country": "UKR"}, {"country": "GEO"}, {"dyad": ("RUS", "UKR")},
    {"dyad": ("RUS", "UKR"), "undirected": True}, {"dyad": ("BLR", "BLR"), "undirected": True},
    {"category": "ASSAULT"}, {"root": "14"}, {"quad_class": 3}, {"since": "2024-01-20"},
    {"since": "2024-01-10", "until": "2024-01-12"}, {"until": "2024-01-05"},
    {"actor": "putin"}, {"actor": "army of"}, {"actor": "of ukr"}, {"actor": "nobody at all"},
    {"text": "shelled"}, {"text": "sent aid to the people of geo"}, {"text": "lukashenko"},
    {"text": "river"}, {"text": "of"}, {"text": "no such words"},
    {"text": "shelled", "since": "2024-01-15"}, {"text": "officials", "until": "2024-01-08"},
    {"text": "detained", "country": "POL"}, {"text": "the army of rus", "category": "PROTEST"},
    {"actor": "of ukr", "quad_class": 4}, {"actor": "zelensky", "dyad": ("UKR", "RUS")},
    {"country": "BLR", "category": "COERCE", "include_uncounted": False},
    {"country": "LTU", "since": "2024-01-15", "until": "2024-01-30"},
    {"dyad": ("POL", "LTU"), "undirected": True, "include_uncounted": False},
    {"article_id": "art0007"}, {"include_uncounted": False, "quad_class": 1},
]


@pytest.mark.parametrize("limit, offset", [(None, 0), (7, 0), (7, 5), (25, 30)])
@pytest.mark.parametrize("kwargs", FILTERS, ids=lambda k: ",".join(f"{a}={b}" for a, b in k.items()) or "all")
def test_query_matches_a_plain_scan(store: Store, kwargs: dict, limit: int | None, offset: int) -> None:
    f = EventFilter(limit=limit, offset=offset, **kwargs)
    assert [r.event.event_id for r in store.query_events(f)] == scan(f)


@pytest.mark.parametrize("kwargs", [{"country": "UKR"}, {"text": "shelled"}, {"actor": "army of"}])
def test_records_are_the_events_as_dicts(store: Store, kwargs: dict) -> None:
    from forewarn.models import to_dict
    f = EventFilter(limit=10, **kwargs)
    rows, records = store.query_events(f), store.query_event_records(f)
    assert [{k: v for k, v in d.items() if k not in ("url", "outlet", "published")} for d in records] \
        == [to_dict(r.event) for r in rows]
    assert [(d["url"], d["outlet"], d["published"]) for d in records] \
        == [(r.url, r.outlet, r.published.isoformat()) for r in rows]


def test_get_event_by_id(store: Store) -> None:
    ev = DOCS[3].events[0]
    assert store.get_event(ev.event_id).event == ev
    assert store.get_event("no-such-event") is None


@pytest.mark.parametrize("kwargs", [
    {"country": "UKR"}, {"dyad": ("RUS", "UKR")}, {"dyad": ("RUS", "UKR"), "undirected": True},
    {"actor": "army of geo"}, {"category": "ASSAULT"}, {"root": "19"}, {"quad_class": 2},
    {"since": "2024-01-10", "until": "2024-01-20"}, {"country": "UKR", "since": "2024-01-10"},
    {"category": "ACCUSE", "since": "2024-01-10"},
])
def test_a_page_is_an_index_range_without_a_sort(store: Store, kwargs: dict) -> None:
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    try:
        store.query_events(EventFilter(limit=20, **kwargs))
    finally:
        store._conn.set_trace_callback(None)
    page = next(s for s in statements if "LIMIT" in s and "OFFSET" in s)
    plan = " | ".join(r[3] for r in store._conn.execute("EXPLAIN QUERY PLAN " + page))
    inner = plan.split("SCAN p")[0]              # the inner query finds the page's events
    assert "TEMP B-TREE" not in inner and "SCAN e" not in inner, plan


def _renamed(doc: Document, aid: str) -> Document:
    events = tuple(dataclasses.replace(e, event_id=f"{aid}-{e.event_id}", article_id=aid)
                   for e in doc.events)
    return Document(article=dataclasses.replace(doc.article, article_id=aid), events=events)


def test_text_pages_keep_listing_order_within_a_day(tmp_path: Path) -> None:
    # the same events in two articles of the same days, stored in reverse order of article id:
    # the text index numbers a day's events as they come, the listing sorts them by article
    with Store(tmp_path / "t.db") as s:
        s.add_documents([_renamed(DOCS[0], "zz"), _renamed(DOCS[0], "aa")])
        listing = [r.event.event_id for r in s.query_events(EventFilter(limit=None))]
        pages = [r.event.event_id for offset in range(len(listing))
                 for r in s.query_events(EventFilter(text="officials", limit=1, offset=offset))]
        assert pages == listing and listing[0].startswith("aa")


def test_migration_fills_the_indexes_of_a_store_made_before_them(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "old.db"
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:3])
    with Store(path) as s:
        s.add_documents(DOCS[:40])
    monkeypatch.undo()
    with Store(path) as s, Store(tmp_path / "new.db") as fresh:
        assert s.schema_version == 4
        fresh.add_documents(DOCS[:40])
        for kwargs in ({"country": "UKR"}, {"dyad": ("RUS", "UKR"), "undirected": True},
                       {"actor": "army of"}, {"text": "river", "limit": 9, "offset": 4}):
            f = EventFilter(**kwargs)
            assert [r.event.event_id for r in s.query_events(f)] \
                == [r.event.event_id for r in fresh.query_events(f)] != []


def test_deleting_an_article_leaves_no_index_rows(tmp_path: Path) -> None:
    with Store(tmp_path / "d.db") as s:
        s.add_documents(DOCS[:2])
        gone = DOCS[0].article.article_id
        s._conn.execute("DELETE FROM articles WHERE article_id = ?", (gone,))
        ids = {ev.event_id for ev in DOCS[0].events}
        keyed = {r[0] for r in s._conn.execute("SELECT event_id FROM event_keys")}
        texts = {r[0] for r in s._conn.execute("SELECT event_id FROM event_text_rows")}
        assert not ids & keyed and not ids & texts
        assert [r.event.article_id for r in s.query_events(EventFilter(text="officials"))] \
            == [DOCS[1].article.article_id] * len(DOCS[1].events)
        counts = dict(s._conn.execute("SELECT folded, actors FROM actor_names"))
        assert sum(counts.values()) == sum(len(e.source) + len(e.target) for e in DOCS[1].events)


def test_day_number_is_sqlites() -> None:
    import sqlite3
    conn = sqlite3.connect(":memory:")
    for day in (dt.date(2024, 2, 29), dt.date(1999, 12, 31), dt.date(2031, 1, 1)):
        assert queries.day_number(day) == conn.execute(
            "SELECT CAST(julianday(?) AS INTEGER)", (day.isoformat(),)).fetchone()[0]


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_filter_is_refused(text: str) -> None:
    from forewarn.errors import InputError
    with pytest.raises(InputError, match="text filter is empty"):
        EventFilter(text=text)


def test_cluster_filter_reads_the_cluster_index(tmp_path: Path) -> None:
    with Store(tmp_path / "c.db") as s:
        s.add_documents(DOCS[:5])
        members = [DOCS[4].events[0].event_id, DOCS[2].events[0].event_id]
        s._conn.executemany("UPDATE events SET cluster_id = 'k1' WHERE event_id = ?",
                            [(m,) for m in members])
        statements: list[str] = []
        s._conn.set_trace_callback(statements.append)
        got = [r.event.event_id for r in s.query_events(EventFilter(cluster_id="k1", limit=None))]
        s._conn.set_trace_callback(None)
        listing = [r.event.event_id for r in s.query_events(EventFilter(limit=None))]
        assert got == [i for i in listing if i in members]
        assert any("INDEXED BY events_cluster" in x for x in statements)
