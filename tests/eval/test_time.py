"""Tests of the "time" evaluation task: TimeML reading, value spans, and a small run."""
from __future__ import annotations

import datetime as dt

import pytest

from forewarn.eval.base import TASKS
from forewarn.eval.time import evaluate, gold_span, read_tml, timex_value
from forewarn.models import DateRef

D = dt.date


@pytest.mark.parametrize("value, span", [
    ("1998-02-13", (D(1998, 2, 13), D(1998, 2, 13))),
    ("1998-02-13TAF", (D(1998, 2, 13), D(1998, 2, 13))),
    ("1998-02", (D(1998, 2, 1), D(1998, 2, 28))),
    ("1989-Q3", (D(1989, 7, 1), D(1989, 9, 30))),
    ("1997-WI", (D(1997, 12, 1), D(1998, 2, 28))),
    ("199", (D(1990, 1, 1), D(1999, 12, 31))),
    ("PRESENT_REF", None), ("XXXX-10", None),
])
def test_gold_span_reads_timex_values(value, span):
    assert gold_span(value) == span


@pytest.mark.parametrize("ref, value", [
    (DateRef("Oct. 12", D(1989, 10, 12)), "1989-10-12"),
    (DateRef("third quarter", D(1989, 7, 1), D(1989, 9, 30), "month"), "1989-Q3"),
    (DateRef("earlier this month", D(1989, 10, 1), D(1989, 10, 20), "month"), "1989-10"),
    (DateRef("last week", D(1998, 3, 9), D(1998, 3, 15), "week"), "1998-W11"),
    (DateRef("last fall", D(1998, 9, 1), D(1998, 11, 30), "season"), "1998-FA"),
    (DateRef("the late 1970s", D(1977, 1, 1), D(1979, 12, 31), "year"), "197"),
])
def test_timex_value_writes_a_resolved_date_at_its_granularity(ref, value):
    assert timex_value(ref) == value


def test_time_task_is_registered():
    assert TASKS["time"].gold == "eval/time/tempeval3"


def test_read_tml_keeps_offsets(shared):
    path = sorted((shared / "eval/time/tempeval3").rglob("*.tml"))[0]
    dct, text, timexes = read_tml(path)
    assert isinstance(dct, dt.date) and timexes
    assert all(text[t.start:t.end] == t.text for t in timexes)


def test_time_task_scores_a_small_subset(shared):
    result = evaluate(shared, limit=5)
    assert result.items > 0 and 0.0 <= result.metrics["value_accuracy"] <= 1.0
