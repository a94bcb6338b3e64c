"""The public Python API: what `import forewarn` offers."""
from __future__ import annotations

import datetime as dt

import forewarn


def test_every_public_name_resolves():
    for name in forewarn.__all__:
        assert getattr(forewarn, name) is not None, name


def test_code_article_from_plain_text():
    doc = forewarn.code_article("Japan's prime minister visited India on Monday.", published=dt.date(2024, 5, 8))
    (event,) = doc.events
    assert (event.cameo.code, event.source[0].country, event.target[0].country) == ("042", "JPN", "IND")
    assert event.date.value == dt.date(2024, 5, 6)


def test_ingest_into_a_store(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("Kenyan police arrested two Ugandan journalists in Nairobi on Friday.", encoding="utf-8")
    settings = forewarn.load_settings(db=str(tmp_path / "s.db"))
    summary = forewarn.ingest_sources([str(source)], settings, published=dt.date(2024, 5, 8))
    assert (summary.added, summary.errors) == (1, [])
    with forewarn.Store(settings.db) as store:
        assert store.count_events() == summary.events >= 1
