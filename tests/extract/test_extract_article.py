"""extract_article on pasted text: every Article field, and stable ids."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from forewarn.extract import extract_article
from forewarn.extract.noise import is_noise
from forewarn.ingest import make_article_id, read_sources
from forewarn.models import RawArticle

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TEXT = """World

Chile and Argentina Sign Border Water Accord

Santiago and Buenos Aires agreed to share data on glacier rivers, officials said.

andes_summit_2024.jpg
Photo: Marta Ruiz/AFP

Chile’s foreign minister and her Argentine counterpart signed an agreement on Friday to share water data.

The two governments said a joint commission would meet every six months.
"""


def test_fills_every_article_field_from_the_text_and_the_raw_article():
    raw = RawArticle(TEXT, "text", outlet="Andes Wire", published=dt.date(2024, 6, 7), origin="a.txt")
    article = extract_article(raw)
    assert (article.section, article.title, article.deck, article.outlet, article.published, article.language,
            article.origin, article.url) == (
        "World", "Chile and Argentina Sign Border Water Accord",
        "Santiago and Buenos Aires agreed to share data on glacier rivers, officials said.",
        "Andes Wire", dt.date(2024, 6, 7), "en", "a.txt", None)
    assert article.text.startswith("Chile’s foreign minister") and "Photo:" not in article.text


def test_a_given_title_wins_over_the_detected_headline():
    assert extract_article(RawArticle(TEXT, "text", title="Given")).title == "Given"


def test_id_without_url_comes_from_outlet_and_content():
    article = extract_article(RawArticle(TEXT, "text", outlet="Andes Wire"))
    assert article.article_id == make_article_id(None, TEXT, "Andes Wire")


def test_same_file_ingested_twice_gets_the_same_id(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    ids = {extract_article(raw).article_id for _ in range(2) for raw in read_sources([str(path)], outlet="X")}
    assert len(ids) == 1


def test_same_wire_text_from_two_outlets_gets_two_ids():
    ids = {extract_article(RawArticle(TEXT, "text", outlet=o)).article_id for o in ("Outlet A", "Outlet B")}
    assert len(ids) == 2


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_example_articles_clean_to_a_header_and_a_noise_free_body(path):
    article = extract_article(next(iter(read_sources([str(path)]))))
    assert article.section and article.title and article.kicker and article.deck
    assert not [p for p in article.text.split("\n\n") if is_noise(p)]
    assert 150 <= len(article.text.split()) <= 350


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_example_articles_are_listed_with_a_date_in_the_readme(path):
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    line = next(line for line in readme.splitlines() if path.name in line)
    assert any(part.strip()[:4].isdigit() and dt.date.fromisoformat(part.strip()[:10]) for part in line.split("|"))
