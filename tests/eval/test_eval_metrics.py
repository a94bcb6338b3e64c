"""The scoring helpers on tiny hand-made inputs."""
from __future__ import annotations

import pytest

from forewarn.eval.metrics import (Counts, accuracy, bio_spans, confusion, macro_f1, match_spans, overlap_ratio,
                                   per_class_prf)


@pytest.mark.parametrize("a, b, ratio", [
    ((0, 10), (0, 10), 1.0),
    ((0, 10), (5, 10), 0.5),
    ((0, 10), (10, 20), 0.0),
    ((0, 4), (0, 8), 0.5),
    ((0, 0), (0, 5), 0.0),
])
def test_overlap_ratio_divides_by_the_longer_span(a, b, ratio):
    assert overlap_ratio(a, b) == ratio


def test_exact_matching_needs_equal_offsets():
    assert match_spans([(0, 5), (10, 15)], [(0, 5), (10, 14)], 1.0) == [(0, 0)]


def test_overlap_matching_is_one_to_one_and_best_first():
    # the prediction (0, 10) overlaps both gold spans; it goes to the better one only
    assert match_spans([(0, 6), (0, 10)], [(0, 10)], 0.5) == [(1, 0)]


def test_counts_add_false_positives_and_negatives():
    c = Counts()
    c.add_spans([(0, 5), (10, 15)], [(0, 5), (20, 25), (30, 35)], 1.0)
    assert (c.tp, c.fp, c.fn) == (1, 2, 1)
    assert c.scores() == pytest.approx((1 / 3, 1 / 2, 0.4))


def test_confusion_gives_a_column_to_predictions_outside_the_labels():
    matrix = confusion(["0", "0", "1"], ["0", "none", "0"], ["0", "1"])
    assert matrix == {"0": {"0": 1, "1": 0, "none": 1}, "1": {"0": 1, "1": 0, "none": 0}}


def test_macro_f1_counts_none_as_a_miss_and_averages_every_label():
    gold = ["a", "a", "b", "b"]
    predicted = ["a", "none", "b", "a"]
    table = per_class_prf(gold, predicted, ["a", "b"])
    assert table["a"]["f1"] == pytest.approx(0.5)        # p 1/2, r 1/2
    assert table["b"]["f1"] == pytest.approx(2 / 3)      # p 1, r 1/2
    assert macro_f1(gold, predicted, ["a", "b"]) == pytest.approx((0.5 + 2 / 3) / 2)
    assert accuracy(gold, predicted) == 0.5


def test_macro_f1_of_a_label_never_seen_is_zero():
    assert macro_f1(["a"], ["a"], ["a", "b"]) == pytest.approx(0.5)


def test_bio_spans_per_type_with_stray_inside_tags():
    tags = ["B-S", "I-S", "O", "I-T", "I-T", "B-T", "O"]
    assert bio_spans(tags) == {"S": [(0, 2)], "T": [(3, 5), (5, 6)]}
