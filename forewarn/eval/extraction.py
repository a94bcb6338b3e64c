"""Boilerplate removal on trafilatura's evaluation pages, scored the way trafilatura scores itself.

Each page lists segments that must appear in the extracted text ("with") and segments
that must not ("without"). A "with" segment found in the output is a true positive, one
missing a false negative; a "without" segment found is a false positive. Matching is
substring matching after collapsing whitespace (trafilatura's ``tests/eval_common.py``).
The output scored is the cleaned body that ``extract_article`` keeps of the page (the
text Forewarn codes; like trafilatura's own scoring, without the title). Only the pages whose HTML ships with the
gold set (its ``cache/`` folder) are scored; entries pointing elsewhere are counted in
the notes as skipped.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..models import RawArticle
from ..settings import Settings
from .base import TaskResult, gold_path, prf, task

GOLD = "eval/extraction/trafilatura-evaldata"


def normalise(text: str) -> str:
    """Collapse runs of whitespace to one space, as trafilatura's evaluation does."""
    return re.sub(r"\s+", " ", text).strip()


def count_segments(item: dict, output: str | None) -> tuple[int, int, int, int]:
    """Return (tp, fp, fn, tn) of one page's keep/drop segments against ``output``."""
    text = normalise(output) if output else ""
    tp = sum(1 for w in item.get("with", []) if output and normalise(w) in text)
    fp = sum(1 for w in item.get("without", []) if output and normalise(w) in text)
    return tp, fp, len(item.get("with", [])) - tp, len(item.get("without", [])) - fp


def page_output(html: str, url: str | None) -> str:
    """What Forewarn codes of a page: the cleaned body."""
    from ..extract import extract_article

    return extract_article(RawArticle(content=html, content_type="html", url=url)).text


def _read_html(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


@task("boilerplate", GOLD, "keep/drop segments of web pages after HTML extraction (trafilatura's scoring)")
def evaluate_boilerplate(shared: Path, *, limit: int | None = None, settings: Settings) -> TaskResult:
    folder = gold_path(shared, GOLD)
    entries = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    tp = fp = fn = tn = pages = skipped = 0
    worst: list[tuple[int, str, int, int]] = []
    for url, item in entries.items():
        path = folder / "cache" / item["file"]
        if not path.is_file():
            skipped += 1
            continue
        if limit is not None and pages >= limit:
            break
        pages += 1
        counts = count_segments(item, page_output(_read_html(path), url))
        tp, fp, fn, tn = tp + counts[0], fp + counts[1], fn + counts[2], tn + counts[3]
        if counts[1] or counts[2]:
            worst.append((counts[1] + counts[2], item["file"], counts[1], counts[2]))
    p, r, f = prf(tp, fp, fn)
    total = tp + fp + fn + tn
    worst.sort(reverse=True)
    return TaskResult(
        task="boilerplate", items=pages,
        metrics={"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                 "accuracy": round((tp + tn) / total, 4) if total else 0.0},
        tables={"counts": {"segments": {"tp": tp, "fp": fp, "fn": fn, "tn": tn}},
                "worst pages": {name: {"fp": a, "fn": b} for _, name, a, b in worst[:15]}},
        notes=["a 'with' segment in the output is a TP, missing an FN; a 'without' segment in the output an FP",
               "substring match after collapsing whitespace (trafilatura's own evaluation)",
               "output: the cleaned body from extract_article (no title, as trafilatura scores its text)",
               f"{pages} pages scored; {skipped} gold entries skipped (their HTML is not in cache/)"],
    )
