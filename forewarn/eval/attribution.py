"""Attribution relations (source, cue, content) on PolNeAR's dev split.

Each dev article's text is run through annotate -> resolve -> attribute as its cleaned
body; every quote Forewarn finds is a predicted attribution with a cue (the speech verb
or "according to" as written), a source (the speaker's phrase as written there, e.g.
"he", not the person it resolves to) and a content (the quote span). Quotes whose
speaker was only inherited from context have no cue or source span.

Gold: one annotator's file per article (the first by name when several annotated it);
the Source, Cue and Content spans of its relations. A discontinuous span is scored by its
extent (first to last character). Spans are compared per article as sets of distinct
offsets (a cue shared by two relations counts once), one-to-one, *by overlap* (``|gold ∩
pred| / max(|gold|, |pred|) >= 0.5``) and *exactly* (after trimming spaces and edge
punctuation).
"""
from __future__ import annotations

import re
from pathlib import Path

from ..settings import Settings
from .base import TaskResult, gold_path, task
from .metrics import Counts, Span

GOLD = "eval/attribution/polnear/dev"
ROLES = ("Source", "Cue", "Content")
_EDGE = " \t\n.,;:\"“”‘’'()"


def read_ann(path: Path) -> dict[str, set[Span]]:
    """Distinct Source, Cue and Content extents of the attribution relations in a brat file."""
    spans: dict[str, tuple[str, Span]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            kind, _, offsets = fields[1].partition(" ")
            numbers = [int(n) for n in re.findall(r"\d+", offsets)]
            if numbers:
                spans[fields[0]] = (kind, (min(numbers), max(numbers)))
        elif line.startswith("E") and len(fields) >= 2:
            relations.append(dict(part.split(":", 1) for part in fields[1].split() if ":" in part))
    out: dict[str, set[Span]] = {role: set() for role in ROLES}
    for rel in relations:
        for role in ROLES:
            ref = rel.get(role)
            if ref in spans:
                out[role].add(spans[ref][1])
    return out


def trim(text: str, span: Span) -> Span:
    """Drop spaces and edge punctuation from a span."""
    start, end = span
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def gold_files(folder: Path, limit: int | None) -> list[tuple[Path, Path]]:
    """(text, annotation) pairs: one annotator per article, the first by file name."""
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        article = ann.stem.rpartition("_")[0]
        chosen.setdefault(article, ann)
    pairs = [(folder / "text" / f"{article}.txt", ann) for article, ann in sorted(chosen.items())]
    pairs = [(t, a) for t, a in pairs if t.is_file()]
    return pairs[:limit] if limit is not None else pairs


@task("attribution", GOLD, "source, cue and content spans of attribution relations (PolNeAR dev)")
def evaluate_attribution(shared: Path, *, limit: int | None = None, settings: Settings) -> TaskResult:
    from ..annotate import annotate_many
    from ..attribute import attribute_quotes
    from ..resolve import load_knowledge, resolve_actors

    files = gold_files(gold_path(shared, GOLD), limit)
    knowledge = load_knowledge(tuple(settings.actor_files))
    texts = [t.read_text(encoding="utf-8") for t, _ in files]
    overlap = {role: Counts() for role in ROLES}
    exact = {role: Counts() for role in ROLES}
    relations = 0
    for (text_path, ann), text, doc in zip(files, texts, annotate_many(texts, settings.model, settings.batch_size)):
        gold = read_ann(ann)
        relations += len(gold["Cue"])
        actors = resolve_actors(doc, None, knowledge)
        found = attribute_quotes(doc, actors)
        predicted = {"Source": {f.source for f in found if f.source},
                     "Cue": {f.cue for f in found if f.cue},
                     "Content": {(f.quote.start, f.quote.end) for f in found}}
        for role in ROLES:
            g = sorted({trim(text, s) for s in gold[role]})
            p = sorted({trim(text, s) for s in predicted[role]})
            overlap[role].add_spans(g, p, 0.5)
            exact[role].add_spans(g, p, 1.0)
    metrics: dict[str, float] = {}
    for role in ROLES:
        metrics.update(overlap[role].as_metrics(role.lower()))
        metrics.update(exact[role].as_metrics(f"{role.lower()}_exact"))
    return TaskResult(
        task="attribution", items=len(files), metrics=metrics,
        tables={"counts": {f"{role} {how}": {"tp": c.tp, "fp": c.fp, "fn": c.fn}
                           for how, table in (("overlap", overlap), ("exact", exact))
                           for role in ROLES for c in [table[role]]}},
        notes=["predicted: every quote from attribute_quotes, with its cue and its source phrase as written",
               "gold: one annotator per article (first by file name); discontinuous spans scored by extent",
               "distinct spans per article; overlap: |gold ∩ pred| / max(|gold|, |pred|) >= 0.5, one-to-one; "
               "exact: equal offsets after trimming spaces and edge punctuation",
               f"{relations} distinct gold cues in {len(files)} articles"],
    )
