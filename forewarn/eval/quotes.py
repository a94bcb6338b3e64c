"""Quotes and their speakers on the Gender Gap Tracker's annotated news articles.

Each article's raw text is taken as its cleaned body (extraction is scored elsewhere)
and run through annotate -> resolve -> attribute; every quote Forewarn finds (direct,
partial and indirect) is a prediction. GGT's annotators marked direct quotes and
indirect, paraphrased speech alike ("X said (that) CLAUSE", "according to X, ...", a
clause with "..., X said" after it), each stretch a speaker is reported to have said as
one quote, so all of Forewarn's kinds are scored. Gold quotes are located in the raw
text from their offsets, else by searching their text (quote marks and whitespace
matched loosely); the few that cannot be found are counted in the notes and scored as
misses.

*Spans.* GGT's spans keep the quote marks, a leading "that" and the comma before the
closing mark; Forewarn's do not. Both sides are therefore trimmed of surrounding quote
marks, spaces, punctuation and a leading "that" before matching. A quote is found *at
50%* when ``|gold ∩ pred| / max(|gold|, |pred|) >= 0.5`` (one-to-one) and *exactly*
when the trimmed offsets are equal. GGT's own script (``evaluate_quotes.py``) measures
overlap against the gold span only, ``|gold ∩ pred| / |gold|``, above 0.3 and 0.8; that
lets a long prediction swallow a short gold quote, so it is reported too
(``ggt_f1_0.3``, ``ggt_f1_0.8``) for comparison with GGT's published figures but the
headline figure is the symmetric one.

*Speaker accuracy* is over the gold quotes found at 50% (every gold quote has a
``reference``, the person or body it resolves to; a *floating* quote continuing an
earlier speaker's words has a reference but no speaker mention). Following GGT's script,
the predicted speaker is right when the speaker's phrase as written in the attribution
(``QuoteAttribution.source``: "he", "the company") overlaps the gold speaker mention;
it is also right when the person Forewarn resolved the speaker to (its text or canonical
name) and the gold reference contain one another as whole words, ignoring case and a
leading "the", which is how a floating quote, whose speaker Forewarn inherits, is scored.
``speaker_entity_accuracy`` asks only the second, stricter question (is the resolved
person the gold reference?): a correctly placed "he" resolved to the wrong person counts
for GGT's rule but not for this one.

Gold speaker mentions are located like quotes: GGT's speaker offsets refer to its
preprocessed text, so the mention is searched as a whole word nearest to where the
offsets put it, shifted by the distance the quote itself moved.
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


def locate_speaker(text: str, quote: dict, quote_at: Span) -> Span | None:
    """Find a gold speaker mention in ``text``: the occurrence nearest its shifted index."""
    speaker = (quote.get("speaker") or "").strip()
    if not speaker:
        return None
    hint = quote_at[0]
    s_index, q_index = _index(quote.get("speaker_index")), _index(quote.get("quote_index"))
    if s_index and q_index:
        hint = s_index[0] + (quote_at[0] - q_index[0])
    found = [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(speaker) + r"(?!\w)", text)]
    return min(found, key=lambda m: abs(m[0] - hint)) if found else None


def _index(value: str | None) -> Span | None:
    try:
        s, e = (int(x) for x in (value or "").strip("() ").split(","))
    except ValueError:
        return None
    return s, e


def gold_share_matches(gold: list[Span], predicted: list[Span], threshold: float) -> int:
    """Count GGT-style matches: each gold quote in turn takes the unused prediction covering
    the largest share of it, if that share is above ``threshold``."""
    used: set[int] = set()
    for g in gold:
        size = g[1] - g[0]
        best, best_share = None, threshold
        for j, p in enumerate(predicted):
            share = (min(g[1], p[1]) - max(g[0], p[0])) / size if size > 0 else 0.0
            if j not in used and share > best_share:
                best, best_share = j, share
        if best is not None:
            used.add(best)
    return len(used)


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
    from ..attribute import attribute_quotes
    from ..resolve import load_knowledge, resolve_actors

    rows = read_gold(gold_path(shared, GOLD), limit)
    knowledge = load_knowledge(tuple(settings.actor_files))
    texts = [r["text_raw"] for r in rows]
    tp50 = fp50 = fn50 = tp_exact = unlocated = scored = by_mention = by_entity = right = 0
    ggt = {0.3: [0, 0, 0], 0.8: [0, 0, 0]}     # threshold -> [matched, gold, predicted]
    by_kind: dict[str, list[int]] = {}
    for row, doc in zip(rows, annotate_many(texts, settings.model, settings.batch_size)):
        text = row["text_raw"]
        actors = resolve_actors(doc, None, knowledge)
        found = attribute_quotes(doc, actors)
        gold_quotes, gold_spans, gold_speakers = [], [], []
        n_gold = len(row.get("quotes") or [])
        for q in row.get("quotes") or []:
            where = locate_quote(text, q.get("quote", ""), q.get("quote_index"))
            if where is None:
                unlocated += 1
                fn50 += 1
                continue
            gold_quotes.append(q)
            gold_spans.append(trim_span(text, *where))
            gold_speakers.append(locate_speaker(text, q, where))
        kept = outermost([f.quote for f in found])
        predicted = [f for f in found if any(f.quote is q for q in kept)]
        pred_spans = [trim_span(text, f.quote.start, f.quote.end) for f in predicted]
        pairs = match_spans(gold_spans, pred_spans, 0.5)
        tp_exact += len(match_spans(gold_spans, pred_spans, 1.0))
        tp50 += len(pairs)
        fp50 += len(pred_spans) - len(pairs)
        fn50 += len(gold_spans) - len(pairs)
        for threshold, counts in ggt.items():
            counts[0] += gold_share_matches(gold_spans, pred_spans, threshold)
            counts[1] += n_gold
            counts[2] += len(pred_spans)
        matched = {j for _, j in pairs}
        for j, f in enumerate(predicted):
            by_kind.setdefault(f.quote.kind, [0, 0])[0 if j in matched else 1] += 1
        for i, j in pairs:
            scored += 1
            mention, source = gold_speakers[i], predicted[j].source
            on_mention = mention is not None and source is not None and \
                source[0] < mention[1] and mention[0] < source[1]
            speaker = predicted[j].quote.speaker
            on_entity = speaker is not None and \
                same_speaker([speaker.text, speaker.name], [gold_quotes[i].get("reference")])
            by_mention += on_mention
            by_entity += on_entity
            right += on_mention or on_entity
    gold_total = tp50 + fn50
    p, r, f = prf(tp50, fp50, fn50)
    pe, re_, fe = prf(tp_exact, tp50 + fp50 - tp_exact, gold_total - tp_exact)
    metrics = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
               "exact_precision": round(pe, 4), "exact_recall": round(re_, 4), "exact_f1": round(fe, 4),
               "speaker_accuracy": round(right / scored, 4) if scored else 0.0,
               "speaker_entity_accuracy": round(by_entity / scored, 4) if scored else 0.0}
    for threshold, (hit, gold_n, pred_n) in ggt.items():
        metrics[f"ggt_f1_{threshold}"] = round(prf(hit, pred_n - hit, gold_n - hit)[2], 4)
    return TaskResult(
        task="quotes", items=len(rows), metrics=metrics,
        tables={"counts": {"at 50%": {"tp": tp50, "fp": fp50, "fn": fn50},
                           "exact": {"tp": tp_exact, "fp": tp50 + fp50 - tp_exact, "fn": gold_total - tp_exact},
                           "speaker": {"right": right, "scored": scored, "on the gold mention": by_mention,
                                       "names the gold reference": by_entity}},
                "predicted by kind": {k: {"matched": v[0], "unmatched": v[1]} for k, v in sorted(by_kind.items())}},
        notes=["article raw text taken as the body; predicted quotes (direct, partial, indirect) scored, except one "
               "lying inside another predicted quote (GGT marks that stretch once)",
               "spans trimmed of quote marks, spaces, punctuation and a leading 'that' on both sides",
               "match at 50%: |gold ∩ pred| / max(|gold|, |pred|) >= 0.5, one-to-one; exact: equal trimmed offsets; "
               "ggt_f1_0.3/0.8: GGT's own rule, |gold ∩ pred| / |gold| above 0.3 or 0.8",
               "speaker accuracy: over gold quotes matched at 50%; right when the speaker phrase in the attribution "
               "overlaps the gold speaker mention (GGT's rule) or the resolved speaker names the gold reference; "
               "speaker_entity_accuracy: the second test only",
               f"{unlocated} gold quotes could not be located in the raw text (scored as misses)"],
    )
