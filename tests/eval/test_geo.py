"""Tests of the "geo" evaluation task (GeoWebNews)."""
from __future__ import annotations

import pytest

from forewarn.eval.base import TASKS
from forewarn.eval.geo import SCORED_TYPES, evaluate, km, read_gwn


def test_km_is_great_circle_distance():
    assert km(50.45, 30.52, 53.9, 27.57) == pytest.approx(434, abs=5)      # Kyiv - Minsk


def test_geo_task_is_registered():
    assert TASKS["geo"].gold == "eval/geo/GWN.xml"


def test_read_gwn_keeps_toponyms_with_coordinates(shared):
    articles = read_gwn(shared / "eval/geo/GWN.xml")
    assert len(articles) == 200
    _, text, gold = articles[0]
    assert gold and all(g.type in SCORED_TYPES for g in gold)
    assert sum(text[g.start:g.end] == g.name for g in gold) >= 0.9 * len(gold)


def test_geo_task_scores_a_small_subset(shared):
    result = evaluate(shared, limit=3)
    assert result.items > 0
    assert 0.0 < result.metrics["toponym_f1"] <= 1.0 and 0.0 <= result.metrics["accuracy_161km"] <= 1.0
