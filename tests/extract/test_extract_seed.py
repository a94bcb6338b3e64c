"""The founding article (../shared/seed) cleans as its acceptance case says."""
from __future__ import annotations

import pytest

from forewarn.extract import extract_article
from forewarn.ingest import read_sources

PULL_QUOTE = "Russia is trying in every possible way to draw Belarus directly into a war."


@pytest.fixture(scope="module")
def case(shared):
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((shared / "acceptance" / "seed-article.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def article(shared, case):
    source = shared / "acceptance" / case["input"]["file"]
    [raw] = read_sources([str(source.resolve())], published=str(case["input"]["published"]),
                         outlet=case["input"]["outlet"], language=case["input"]["language"])
    return extract_article(raw)


@pytest.mark.parametrize("field", ["title", "section", "kicker"])
def test_header_fields_match_the_case(article, case, field):
    assert getattr(article, field) == case["article"][field]


def test_deck_is_kept_apart_from_the_body(article):
    assert article.deck.startswith("“We are forced to react harshly,” Putin ally")
    assert article.deck not in article.text


def test_body_keeps_what_it_must(article, case):
    missing = [s for s in case["article"]["body_must_contain"] if s not in article.text]
    assert not missing


def test_body_drops_boilerplate(article, case):
    present = [s for s in case["article"]["body_must_not_contain"] if s in article.text]
    assert not present


def test_lone_pull_quote_is_dropped(article):
    assert article.text.count(PULL_QUOTE[:-1]) == 1
    assert f"\n\n{PULL_QUOTE}\n\n" not in article.text


def test_metadata_comes_from_the_flags(article, case):
    assert (str(article.published), article.outlet, article.language) == (
        str(case["input"]["published"]), case["input"]["outlet"], case["input"]["language"])
