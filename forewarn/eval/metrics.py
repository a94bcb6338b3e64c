"""Scoring helpers shared by the evaluation tasks: span matching, per-class F1, confusion.

Spans are ``(start, end)`` character offsets (end exclusive). Two spans *overlap* at
ratio ``|a ∩ b| / max(|a|, |b|)``: a long prediction cannot swallow a short gold span and
still count. Matching is one-to-one and greedy by ratio, so one prediction never
satisfies two gold spans.
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from .base import prf

Span = tuple[int, int]


def overlap_ratio(a: Span, b: Span) -> float:
    """Return ``|a ∩ b| / max(|a|, |b|)`` (0 for disjoint or empty spans)."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    longest = max(a[1] - a[0], b[1] - b[0])
    return inter / longest if inter > 0 and longest > 0 else 0.0


def match_spans(gold: Sequence[Span], predicted: Sequence[Span], min_ratio: float = 1.0) -> list[tuple[int, int]]:
    """Pair gold and predicted spans one-to-one, best overlap first; ``min_ratio=1.0`` is exact.

    Returns (gold index, predicted index) pairs. A ratio of 1.0 means the same offsets.
    """
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            ratio = 1.0 if tuple(g) == tuple(p) else overlap_ratio(g, p)
            if ratio >= min_ratio and ratio > 0:
                candidates.append((-ratio, i, j))
    pairs, used_g, used_p = [], set(), set()
    for _, i, j in sorted(candidates):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


@dataclass
class Counts:
    """True positives, false positives and false negatives, summed over items."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add_spans(self, gold: Sequence[Span], predicted: Sequence[Span], min_ratio: float = 1.0) -> int:
        """Count one item's spans; return how many matched."""
        matched = len(match_spans(gold, predicted, min_ratio))
        self.tp += matched
        self.fp += len(predicted) - matched
        self.fn += len(gold) - matched
        return matched

    def scores(self) -> tuple[float, float, float]:
        return prf(self.tp, self.fp, self.fn)

    def as_metrics(self, prefix: str) -> dict[str, float]:
        p, r, f = self.scores()
        return {f"{prefix}_precision": round(p, 4), f"{prefix}_recall": round(r, 4), f"{prefix}_f1": round(f, 4)}


def confusion(gold: Iterable[Hashable], predicted: Iterable[Hashable],
              labels: Sequence[Hashable]) -> dict[str, dict[str, int]]:
    """Confusion matrix as ``{gold label: {predicted label: count}}`` over ``labels``.

    Predicted labels outside ``labels`` (such as "none") get their own column.
    """
    gold, predicted = list(gold), list(predicted)
    columns = list(labels) + sorted({p for p in predicted if p not in labels}, key=str)
    matrix = {str(g): {str(p): 0 for p in columns} for g in labels}
    for g, p in zip(gold, predicted):
        if str(g) in matrix:
            matrix[str(g)][str(p)] += 1
    return matrix


def per_class_prf(gold: Sequence[Hashable], predicted: Sequence[Hashable],
                  labels: Sequence[Hashable]) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support of each label (a prediction outside ``labels`` is a miss)."""
    out = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted) if g == label and p != label)
        p, r, f = prf(tp, fp, fn)
        out[str(label)] = {"precision": p, "recall": r, "f1": f, "support": tp + fn}
    return out


def macro_f1(gold: Sequence[Hashable], predicted: Sequence[Hashable], labels: Sequence[Hashable]) -> float:
    """Unweighted mean of the per-label F1 over ``labels`` (labels absent from gold count too)."""
    table = per_class_prf(gold, predicted, labels)
    return sum(row["f1"] for row in table.values()) / len(labels) if labels else 0.0


def accuracy(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    """Share of items whose prediction equals the gold label."""
    return sum(1 for g, p in zip(gold, predicted) if g == p) / len(gold) if gold else 0.0


def bio_spans(tags: Sequence[str]) -> dict[str, list[tuple[int, int]]]:
    """Token spans ``(first, last + 1)`` per entity type from BIO tags ("B-S", "I-S", "O").

    An I- tag that does not continue a span of its type starts a new one (as conlleval does).
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    kind, start = None, 0
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, label = tag.partition("-")
        if kind is not None and (prefix != "I" or label != kind):
            spans.setdefault(kind, []).append((start, i))
            kind = None
        if prefix == "B" or (prefix == "I" and kind is None):
            kind, start = label, i
    return spans


__all__ = ["Counts", "Span", "accuracy", "bio_spans", "confusion", "macro_f1", "match_spans",
           "overlap_ratio", "per_class_prf"]
