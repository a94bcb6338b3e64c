"""Evaluation task "metonymy": does a place name stand for its government or people, or
for the place? ReLocaR train (Gritta et al. 2017; Wikipedia sentences).

Each ``<sample>`` holds one ``<loc reading="met|lit|mix">``; "mix" samples are left out.
The sentence is parsed with the configured spaCy model and the decision is
``forewarn.resolve.actors.is_metonymic`` on the span of the ``<loc>`` (the decision actor
resolution makes, and ``resolve.places.find_places`` shares). Metrics: ``accuracy`` over
met + lit samples, and precision / recall / F1 of "metonymic".
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from .base import TaskResult, gold_path, prf, task

GOLD = "eval/metonymy/ReLocaR_Train.xml"


def read_relocar(path: Path) -> list[tuple[str, int, int, bool]]:
    """Return (sentence, start, end, metonymic) for every met / lit sample."""
    out = []
    for sample in ET.parse(path).getroot().iter("sample"):
        text = sample.text or ""
        for loc in sample:
            start = len(text)
            text += loc.text or ""
            end = len(text)
            reading = loc.get("reading")
            text += loc.tail or ""
            if reading in ("met", "lit"):
                out.append((text, start, end, reading == "met"))
    return out


@task("metonymy", GOLD, "ReLocaR: a place standing for its government or people vs the place itself")
def evaluate(shared: Path, *, limit: int | None = None, settings=None) -> TaskResult:
    """Score ``is_metonymic`` on ReLocaR train; ``limit`` caps the number of samples."""
    from ..annotate import load_model
    from ..resolve.actors import is_metonymic
    from ..settings import load_settings

    settings = settings or load_settings()
    nlp = load_model(settings.model)
    samples = read_relocar(gold_path(shared, GOLD))
    samples = samples[:limit] if limit else samples
    tp = fp = fn = tn = 0
    for doc, (text, start, end, gold) in zip(nlp.pipe(s[0].strip("\n") for s in samples), samples):
        span = doc.char_span(start, end, alignment_mode="expand")
        predicted = bool(span is not None and len(span) and is_metonymic(span))
        tp += predicted and gold
        fp += predicted and not gold
        fn += gold and not predicted
        tn += not predicted and not gold
    p, r, f = prf(tp, fp, fn)
    n = tp + fp + fn + tn
    return TaskResult(task="metonymy", items=n,
                      metrics={"accuracy": (tp + tn) / n if n else 0.0, "met_precision": p,
                               "met_recall": r, "met_f1": f},
                      tables={"confusion": {"met->met": tp, "lit->met": fp, "met->lit": fn, "lit->lit": tn}},
                      notes=["ReLocaR train, 'mix' left out; decision: resolve.actors.is_metonymic on the <loc> span"])
