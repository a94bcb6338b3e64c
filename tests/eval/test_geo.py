"""Tests of the "geo" evaluation task (GeoWebNews)."""
from __future__ import annotations

import pytest

from forewarn.eval.base import TASKS
from forewarn.eval.geo import ASSOCIATIVE_TYPES, LITERAL_TYPES, SCORED_TYPES, evaluate, km, read_gwn


def test_km_is_great_circle_distance():
    assert km(50.45, 30.52, 53.9, 27.57) == pytest.approx(434, abs=5)      # Kyiv - Minsk


def test_geo_task_is_registered():
    assert TASKS["geo"].gold == "eval/geo/GWN.xml"


def test_scored_types_are_the_papers_eleven_toponym_types():
    assert len(LITERAL_TYPES) == 5 and len(ASSOCIATIVE_TYPES) == 6
    assert not SCORED_TYPES & {"Non_Toponym", "Literal_Expression", "Non_Lit_Expression"}


def test_read_gwn_keeps_the_toponym_types(shared):
    articles = read_gwn(shared / "eval/geo/GWN.xml")
    assert len(articles) == 200
    _, text, gold = articles[0]
    assert gold and all(g.type in SCORED_TYPES for g in gold)
    assert sum(text[g.start:g.end] == g.name for g in gold) >= 0.9 * len(gold)


def test_read_gwn_gives_demonyms_no_point(shared):
    gold = [g for _, _, gs in read_gwn(shared / "eval/geo/GWN.xml") for g in gs]
    assert any(g.type == "Demonym" for g in gold)
    assert all(g.lat is None for g in gold if g.type in ("Demonym", "Language", "Homonym"))


def test_geo_task_scores_a_small_subset(shared):
    result = evaluate(shared, limit=3)
    assert result.items > 0
    assert 0.0 < result.metrics["toponym_f1"] <= 1.0 and 0.0 <= result.metrics["accuracy_161km"] <= 1.0
