"""Evaluation task "time": TimeBank (TempEval-3) temporal expressions resolved against each
document's creation time.

Which TIMEX3s are scored: those inside ``<TEXT>`` (the creation-time TIMEX3 in ``<DCT>`` is
the anchor, never scored) of type DATE or TIME whose gold value names a calendar span:
a year ``1998``, a month ``1998-02``, a day ``1998-02-13`` (a TIME's ``T...`` part is cut to
its day), an ISO week ``1998-W06``, a season ``1998-SU``, a quarter ``1998-Q3``, a half
``1998-H1`` or a decade ``199``/``199X``. Left out: DURATION and SET, and values that name
no span (``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``, anything with ``X`` in the year).

How values are compared: a system date matches a gold TIMEX3 when their character spans
overlap. It is correct when it writes the gold value (``timex_value``: the system's date at
its own granularity, as TimeML writes it: a day ``1998-02-13``, a week ``1998-W07``, a month
``1998-02`` or, for a three-month span that is a calendar quarter, ``1998-Q1``, a season
``1998-WI``, a year ``1998`` or a decade ``199``) or when its (first, last) day span equals
the gold value's span. ``value_accuracy`` is correct / matched (the
TempEval-3 attribute accuracy: how well what is found is resolved); ``value_recall`` is
correct / all scored gold; ``found`` is matched / all scored gold. The body is the TEXT
element with tags removed, parsed by the configured spaCy model, and resolved with
``forewarn.resolve.find_dates`` against the DCT day.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..resolve.dates import find_dates
from .base import TaskResult, gold_path, task

GOLD = "eval/time/tempeval3"
Span = tuple[dt.date, dt.date]

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


@dataclass(frozen=True)
class GoldTimex:
    text: str
    start: int
    end: int
    value: str
    type: str


def read_tml(path: Path) -> tuple[dt.date, str, list[GoldTimex]]:
    """Return (creation day, body text, TIMEX3s of the body with offsets) of one .tml file."""
    root = ET.parse(path).getroot()
    dct_value = root.find("DCT/TIMEX3").get("value")
    dct = dt.date.fromisoformat(dct_value[:10])
    text_el = root.find("TEXT")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if el.tag == "TIMEX3":
            timexes.append(GoldTimex("".join(parts)[start:pos], start, pos, el.get("value", ""),
                                     el.get("type", "")))

    walk(text_el)
    return dct, "".join(parts), timexes


def gold_span(value: str) -> Span | None:
    """The inclusive day span a TIMEX3 value names, or None (see the module docstring)."""
    v = value.split("T")[0]
    try:
        if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", v):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := re.fullmatch(r"(\d{4})-(\d\d)", v):
            y, mo = int(m[1]), int(m[2])
            return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
        if m := re.fullmatch(r"(\d{4})", v):
            return dt.date(int(v), 1, 1), dt.date(int(v), 12, 31)
        if m := re.fullmatch(r"(\d{4})-W(\d\d)", v):
            first = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return first, first + dt.timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
            y = int(m[1])
            a, b = _SEASONS[m[2]]
            last_y = y + 1 if b < a else y
            return dt.date(y, a, 1), dt.date(last_y, b, calendar.monthrange(last_y, b)[1])
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
            y, q = int(m[1]), int(m[2])
            return dt.date(y, 3 * q - 2, 1), dt.date(y, 3 * q, calendar.monthrange(y, 3 * q)[1])
        if m := re.fullmatch(r"(\d{4})-H([12])", v):
            y, h = int(m[1]), int(m[2])
            return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if h == 1 else (dt.date(y, 7, 1), dt.date(y, 12, 31))
        if m := re.fullmatch(r"(\d{3})X?", v):
            return dt.date(int(m[1]) * 10, 1, 1), dt.date(int(m[1]) * 10 + 9, 12, 31)
    except ValueError:
        return None
    return None


def scored(timex: GoldTimex) -> bool:
    return timex.type in ("DATE", "TIME") and gold_span(timex.value) is not None


@task("time", GOLD, "TimeBank temporal expressions resolved against the document date (value accuracy)")
def evaluate(shared: Path, *, limit: int | None = None, settings=None) -> TaskResult:
    """Score ``find_dates`` on TimeBank; ``limit`` caps the number of documents."""
    from ..annotate import load_model
    from ..settings import load_settings

    settings = settings or load_settings()
    nlp = load_model(settings.model)
    folder = gold_path(shared, GOLD)
    files = sorted(folder.rglob("*.tml"))[:limit] if limit else sorted(folder.rglob("*.tml"))
    gold_n = matched = correct = skipped = 0
    by_type: dict[str, list[int]] = {}
    errors: list[dict] = []
    for path in files:
        dct, text, timexes = read_tml(path)
        refs = find_dates(nlp(text), dct, text=text)
        for tx in timexes:
            if not scored(tx):
                skipped += 1
                continue
            gold_n += 1
            want = gold_span(tx.value)
            hit = [r for r in refs if r.start is not None and r.start < tx.end and tx.start < r.start + len(r.text)]
            row = by_type.setdefault(_kind(tx.value), [0, 0, 0])
            row[0] += 1
            if not hit:
                continue
            matched += 1
            row[1] += 1
            got = [(r.value, r.end or r.value) for r in hit]
            if want in got or tx.value.split("T")[0] in {timex_value(r) for r in hit}:
                correct += 1
                row[2] += 1
            elif len(errors) < 200:
                errors.append({"doc": path.stem, "text": tx.text, "gold": tx.value,
                               "got": [f"{r.text!r}={r.value}..{r.end or r.value}/{r.granularity}" for r in hit]})
    metrics = {
        "value_accuracy": correct / matched if matched else 0.0,
        "value_recall": correct / gold_n if gold_n else 0.0,
        "found": matched / gold_n if gold_n else 0.0,
    }
    return TaskResult(
        task="time", items=gold_n, metrics=metrics,
        tables={"by_gold_granularity": {k: {"gold": a, "found": b, "correct": c} for k, (a, b, c) in
                                        sorted(by_type.items())}, "errors": errors},
        notes=[f"{len(files)} documents; {gold_n} DATE/TIME TIMEX3s with a calendar value scored, "
               f"{skipped} others (DURATION, SET, PRESENT_REF, values with unknown digits) left out",
               "a system date matches a gold TIMEX3 whose characters it overlaps; correct when its "
               "(first, last) day span equals the gold value's span",
               "value_accuracy = correct / matched; value_recall = correct / scored gold"])


_SEASON_CODES = {3: "SP", 6: "SU", 9: "FA", 12: "WI", 1: "WI", 2: "WI"}


def timex_value(ref) -> str | None:
    """Write a resolved DateRef as a TimeML value at its granularity (None where none fits)."""
    first, last = ref.value, ref.end or ref.value
    if first is None:
        return None
    g = ref.granularity
    if g == "day":
        return first.isoformat() if first == last else None
    if g == "week":
        year, week, _ = first.isocalendar()
        return f"{year}-W{week:02d}"
    if g == "month":
        if (first.day == 1 and first.month % 3 == 1 and last.month == first.month + 2
                and last.year == first.year and (last + dt.timedelta(days=1)).day == 1):
            return f"{first.year}-Q{(first.month + 2) // 3}"
        return f"{first.year}-{first.month:02d}"
    if g == "season":
        year = first.year - 1 if first.month in (1, 2) else first.year
        return f"{year}-{_SEASON_CODES.get(first.month, 'XX')}"
    if g == "year":
        if first.year == last.year:
            return str(first.year)
        if first.year // 10 == last.year // 10:
            return str(first.year // 10)
    return None


def _kind(value: str) -> str:
    v = value.split("T")[0]
    for name, pattern in (("day", r"\d{4}-\d\d-\d\d"), ("month", r"\d{4}-\d\d"), ("year", r"\d{4}"),
                          ("week", r"\d{4}-W\d\d"), ("season", r"\d{4}-(SP|SU|FA|WI)"),
                          ("quarter", r"\d{4}-Q\d"), ("half", r"\d{4}-H\d")):
        if re.fullmatch(pattern, v):
            return name
    return "decade"
