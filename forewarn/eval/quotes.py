"""Quotes and their speakers on the Gender Gap Tracker's annotated news articles.

Each article's raw text is taken as its cleaned body (extraction is scored elsewhere)
and run through annotate -> resolve -> attribute; every quote Forewarn finds (direct,
partial and indirect) is a prediction. Gold quotes are located in the raw text from their
offsets, else by searching their text (quote marks and whitespace matched loosely);
the few that cannot be found are counted in the notes and scored as misses.

*Spans.* GGT's spans keep the quote marks, a leading "that" and the comma before the
closing mark; Forewarn's do not. Both sides are therefore trimmed of surrounding quote
marks, spaces, punctuation and a leading "that" before matching. A quote is found *at
50%* when ``|gold ∩ pred| / max(|gold|, |pred|) >= 0.5`` (one-to-one) and *exactly*
when the trimmed offsets are equal.

*Speaker accuracy* is over the gold quotes found at 50% whose gold speaker is named
(speaker or resolved reference): the predicted speaker is right when its text or
canonical name and the gold speaker or reference contain one another as whole words,
ignoring case and a leading "the".
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..settings import Settings
from .base import TaskResult, gold_path, prf, task
from .metrics import Span, match_spans

GOLD = "eval/quotes/ggt/ggt_quotes_dev.jsonl"
_MARKS = "\"“”«»„‘’'`"
_TRIM_END = _MARKS + " \t\n,.;:—–-…"


def trim_span(text: str, start: int, end: int) -> Span:
    """Shrink a quote span past quote marks, spaces, punctuation and a leading "that"."""
    while True:
        before = (start, end)
        while start < end and (text[start] in _MARKS or text[start].isspace()):
            start += 1
        while end > start and text[end - 1] in _TRIM_END:
            end -= 1
        if text[start:start + 5].lower() == "that " and end - start > 5:
            start += 5
        if (start, end) == before:
            return start, end


def _loose_pattern(quote: str) -> re.Pattern:
    parts = []
    for ch in quote.strip():
        if ch in _MARKS:
            parts.append(f"[{re.escape(_MARKS)}]")
        elif ch.isspace():
            parts.append(r"\s+")
        else:
            parts.append(re.escape(ch))
    return re.compile(re.sub(r"(\\s\+)+", r"\\s+", "".join(parts)))


def locate_quote(text: str, quote: str, index: str | None) -> Span | None:
    """Find a gold quote's offsets in ``text``: its index if it fits, else the nearest match."""
    hint = None
    if index:
        try:
            s, e = (int(x) for x in index.strip("() ").split(","))
        except ValueError:
            s = e = None
        if s is not None:
            if text[s:e] == quote:
                return s, e
            hint = s
    if not quote.strip():
        return None
    found = [(m.start(), m.end()) for m in _loose_pattern(quote).finditer(text)]
    if not found:
        return None
    return min(found, key=lambda m: abs(m[0] - hint)) if hint is not None else found[0]


def _words(value: str | None) -> str:
    value = re.sub(r"[^\w\s]", " ", (value or "").lower())
    value = re.sub(r"^\s*the\s+", "", value)
    return " " + " ".join(value.split()) + " "


def same_speaker(predicted: list[str | None], gold: list[str | None]) -> bool:
    """True when a predicted name and a gold name contain one another as whole words."""
    for p in map(_words, predicted):
        for g in map(_words, gold):
            if p.strip() and g.strip() and (p in g or g in p):
                return True
    return False


def outermost(quotes: list) -> list:
    """Drop quotes that lie inside another quote (a partial quote within an indirect one).

    GGT annotates such a stretch once, as one quote; Forewarn keeps the inner partial
    quote too, for the events inside it. For scoring, the inner one is part of the outer.
    """
    return [q for q in quotes if not any(o is not q and o.start <= q.start and q.end <= o.end
                                         and (o.start, o.end) != (q.start, q.end) for o in quotes)]


def read_gold(path: Path, limit: int | None) -> list[dict]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rows.append(json.loads(line))
            if limit is not None and len(rows) >= limit:
                break
    return rows


@task("quotes", GOLD, "quote spans (at 50% overlap and exact) and speaker accuracy")
def evaluate_quotes(shared: Path, *, limit: int | None = None, settings: Settings) -> TaskResult:
    from ..annotate import annotate_many
    from ..attribute import find_quotes
    from ..resolve import load_knowledge, resolve_actors

    rows = read_gold(gold_path(shared, GOLD), limit)
    knowledge = load_knowledge(tuple(settings.actor_files))
    texts = [r["text_raw"] for r in rows]
    tp50 = fp50 = fn50 = tp_exact = unlocated = with_speaker = right_speaker = 0
    by_kind: dict[str, list[int]] = {}
    for row, doc in zip(rows, annotate_many(texts, settings.model, settings.batch_size)):
        text = row["text_raw"]
        actors = resolve_actors(doc, None, knowledge)
        predicted = find_quotes(doc, actors)
        gold_quotes, gold_spans = [], []
        for q in row.get("quotes") or []:
            where = locate_quote(text, q.get("quote", ""), q.get("quote_index"))
            if where is None:
                unlocated += 1
                fn50 += 1
                continue
            gold_quotes.append(q)
            gold_spans.append(trim_span(text, *where))
        predicted = outermost(predicted)
        pred_spans = [trim_span(text, q.start, q.end) for q in predicted]
        pairs = match_spans(gold_spans, pred_spans, 0.5)
        tp_exact += len(match_spans(gold_spans, pred_spans, 1.0))
        tp50 += len(pairs)
        fp50 += len(pred_spans) - len(pairs)
        fn50 += len(gold_spans) - len(pairs)
        matched = {j for _, j in pairs}
        for j, q in enumerate(predicted):
            by_kind.setdefault(q.kind, [0, 0])[0 if j in matched else 1] += 1
        for i, j in pairs:
            gold_names = [gold_quotes[i].get("speaker"), gold_quotes[i].get("reference")]
            if not any((n or "").strip() for n in gold_names):
                continue
            with_speaker += 1
            speaker = predicted[j].speaker
            if speaker is not None and same_speaker([speaker.text, speaker.name], gold_names):
                right_speaker += 1
    gold_total = tp50 + fn50
    p, r, f = prf(tp50, fp50, fn50)
    pe, re_, fe = prf(tp_exact, tp50 + fp50 - tp_exact, gold_total - tp_exact)
    return TaskResult(
        task="quotes", items=len(rows),
        metrics={"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                 "exact_precision": round(pe, 4), "exact_recall": round(re_, 4), "exact_f1": round(fe, 4),
                 "speaker_accuracy": round(right_speaker / with_speaker, 4) if with_speaker else 0.0},
        tables={"counts": {"at 50%": {"tp": tp50, "fp": fp50, "fn": fn50},
                           "exact": {"tp": tp_exact, "fp": tp50 + fp50 - tp_exact, "fn": gold_total - tp_exact},
                           "speaker": {"right": right_speaker, "scored": with_speaker}},
                "predicted by kind": {k: {"matched": v[0], "unmatched": v[1]} for k, v in sorted(by_kind.items())}},
        notes=["article raw text taken as the body; predicted quotes (direct, partial, indirect) scored, except one "
               "lying inside another predicted quote (GGT marks that stretch once)",
               "spans trimmed of quote marks, spaces, punctuation and a leading 'that' on both sides",
               "match at 50%: |gold ∩ pred| / max(|gold|, |pred|) >= 0.5, one-to-one; exact: equal trimmed offsets",
               "speaker accuracy: over gold quotes matched at 50% with a named gold speaker; right when the "
               "predicted speaker's text or name and the gold speaker or reference contain one another as words",
               f"{unlocated} gold quotes could not be located in the raw text (scored as misses)"],
    )
