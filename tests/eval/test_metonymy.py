"""Tests of the "metonymy" evaluation task (ReLocaR)."""
from __future__ import annotations

from forewarn.eval.base import TASKS
from forewarn.eval.metonymy import evaluate, read_relocar


def test_metonymy_task_is_registered():
    assert TASKS["metonymy"].gold == "eval/metonymy/ReLocaR_Train.xml"


def test_read_relocar_marks_the_location_span(shared):
    samples = read_relocar(shared / "eval/metonymy/ReLocaR_Train.xml")
    assert len(samples) == 1026
    text, start, end, _ = samples[0]
    assert text[start:end] == text[start:end].strip() and end > start


def test_metonymy_task_scores_a_small_subset(shared):
    result = evaluate(shared, limit=20)
    assert result.items == 20 and 0.0 <= result.metrics["accuracy"] <= 1.0
