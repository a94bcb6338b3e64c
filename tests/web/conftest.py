"""Fixtures for the web tests: a store of the bundled examples and in-process clients."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from forewarn.models import (Actor, Article, Cameo, Coder, DateRef, Document, Event, Evidence,
                             Place, Plover, Quote)
from forewarn.store import Store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

HOSTILE_TEXT = ('Belarus warned <script>alert("x")</script> Ukraine on Monday. '
                'The ministry said <img src=x onerror="alert(1)"> was "a provocation".')


@pytest.fixture(scope="session")
def example_db(tmp_path_factory) -> Path:
    """A store file holding the bundled examples, coded once per test session."""
    from forewarn.pipeline import ingest
    from forewarn.settings import load_settings

    path = tmp_path_factory.mktemp("web") / "examples.db"
    summary = ingest([str(EXAMPLES)], load_settings(db=str(path)))
    assert summary.added >= 5 and not summary.errors, summary
    return path


@pytest.fixture(scope="session")
def client(example_db):
    from fastapi.testclient import TestClient

    from forewarn.web import create_app

    with TestClient(create_app(example_db, token="s3cret")) as c:
        yield c


def hostile_document() -> Document:
    """An article whose text, title and actors carry HTML that must never run."""
    text = HOSTILE_TEXT
    aid = "evil0000000000aa"
    bel = Actor("Belarus", 0, 7, "BLR", "GOV")
    ukr_at = text.index("Ukraine")
    ukr = Actor("Ukraine", ukr_at, ukr_at + 7, "UKR", "GOV")
    end = text.index(".") + 1
    q_at = text.index('"a provocation"')
    img_at = text.index("<img")
    event = Event(
        event_id="evilevent0000001", article_id=aid, sentence_index=0, source=(bel,), target=(ukr,),
        cameo=Cameo("130", "130", "13"), plover=Plover("THREATEN"), goldstein=-4.4,
        plover_score=-5.0, quad_class=3,
        date=DateRef(None, dt.date(2024, 3, 4), resolved_from="text"),
        evidence=Evidence(sentence=text[:end], start=0, end=end, trigger="warned",
                          trigger_start=8, trigger_end=14),
        coder=Coder("forewarn-rules", "test", "test"), reported_by=("<b>ministry</b>",),
    )
    quote = Quote("q1", text[q_at:q_at + 15], "direct", q_at, q_at + 15,
                  speaker=Actor("<i>The ministry</i>", 0, 0, "BLR", "GOV"))
    return Document(
        article=Article(article_id=aid, text=text, title='<script>alert("title")</script> Warning',
                        outlet="<b>Evil Outlet</b>", url="javascript:alert(1)",
                        published=dt.date(2024, 3, 5)),
        events=(event,), quotes=(quote,), actors=(bel, ukr),
        places=(Place(text[img_at:img_at + 10], img_at, img_at + 10, lat=53.9, lon=27.56),),
    )


@pytest.fixture()
def hostile_db(tmp_path) -> Path:
    """A store file holding only the hostile article."""
    path = tmp_path / "evil.db"
    with Store(path) as store:
        store.add_document(hostile_document())
    return path


@pytest.fixture()
def hostile_client():
    from fastapi.testclient import TestClient

    from forewarn.web import create_app

    store = Store(":memory:")
    store.add_document(hostile_document())
    with TestClient(create_app(store=store, token="s3cret")) as c:
        yield c
    store.close()


@pytest.fixture()
def empty_client():
    from fastapi.testclient import TestClient

    from forewarn.web import create_app

    store = Store(":memory:")
    with TestClient(create_app(store=store, token=None)) as c:
        yield c
    store.close()
