"""The rules that recognise temporal expressions and resolve them against a publication date.

Each rule is a compiled regular expression plus a resolver. The group ``x`` of a match is
the expression's surface text (a cue word such as "in" before it is matched but left out;
"since" is added back by the caller). A resolver gets the match, the publication date and
the tense of the governing verb, and returns ``(first, last, granularity)`` or ``None``
when the match is not a date after all.

``SCAN_RULES`` run over whole article texts; ``WHOLE_RULES`` add the forms that are only
safe when something else already says the text is a date (a bare "October" or "2014"
tagged DATE by spaCy, or a caller of ``resolve_expression``).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable

from forewarn.resolve import date_calendar as cal

Resolved = tuple[dt.date, dt.date, str]
Resolver = Callable[[re.Match, dt.date, "str | None"], "Resolved | None"]

_MONTH_NUMBERS = {
    name: i + 1
    for i, names in enumerate([
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
        ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
        ("october", "oct"), ("november", "nov"), ("december", "dec"),
    ])
    for name in names
}
_WEEKDAYS = {d: i for i, d in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30,
}
_VAGUE = {"few": 3, "a few": 3, "several": 3, "some": 3, "a couple of": 2, "a couple": 2,
          "couple of": 2, "": 3}

# Month and weekday names must be capitalised ("may", "march" are verbs); the rest of each
# pattern is matched case-insensitively ("Last fall", "Earlier this month").
MONTH = (r"(?-i:January|February|March|April|May|June|July|August|September|October|November"
         r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b))")
WEEKDAY = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
YEAR = r"(?P<y>1[89]\d\d|20\d\d)"
SEASON = r"(?P<season>spring|summer|fall|autumn|winter)"
NUM = (r"(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
       r"|fifteen|twenty|thirty|a\s+few|few|several|some|a\s+couple(?:\s+of)?)")
PART = r"(?:(?P<part>early|mid|late)[\s-]*|the\s+(?P<edge>end|beginning|start|middle)\s+of\s+)"
CUE = (r"(?:in|since|until|till|by|from|to|through|throughout|during|before|after|between"
       r"|of|and|or|for)")
REL = r"(?P<rel>this\s+past|this\s+coming|last|next|this)"
_EDGE_PART = {"end": "late", "beginning": "early", "start": "early", "middle": "mid"}
_DAY = dt.timedelta(days=1)

# Capitalised words that turn a weekday into a name: "Black Friday", "Sunday Times".
_WEEKDAY_NAME_BEFORE = re.compile(
    r"(?:Black|Good|Super|Holy|Ash|Palm|Easter|Cyber|Maundy|Shrove|Bloody)\s+$")
_WEEKDAY_NAME_AFTER = re.compile(
    r"\s+(?:Times|Telegraph|Express|Mail|Post|Herald|Tribune|Independent|Observer|Star|Mirror"
    r"|Night\s+Live|Sport|Morning\s+Herald)\b")


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    resolve: Resolver
    gate: str = ""          # key of a GATES pattern that must occur in a text for the rule to run


def _count(word: str | None) -> int:
    word = re.sub(r"\s+", " ", (word or "").lower())
    if word.isdigit():
        return int(word)
    return _NUMBERS.get(word, _VAGUE.get(word, 3))


def _month(word: str) -> tuple[int, bool]:
    """Return the month number and whether it was a bare abbreviation (no dot)."""
    key = word.rstrip(".").lower()
    abbreviated = len(key) <= 4 and key not in ("may", "june", "july") and not word.endswith(".")
    return _MONTH_NUMBERS[key], abbreviated


def _part(m: re.Match) -> str | None:
    g = m.groupdict()
    if g.get("part"):
        return g["part"].lower()
    if g.get("edge"):
        return _EDGE_PART[g["edge"].lower()]
    return None


def _day(value: dt.date) -> Resolved:
    return value, value, "day"


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


# --- resolvers -------------------------------------------------------------------------

def _iso(m: re.Match, pub: dt.date, tense: str | None) -> Resolved | None:
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _day(d) if d else None


def _numeric(m: re.Match, pub: dt.date, tense: str | None) -> Resolved | None:
    a, b = int(m["a"]), int(m["b"])
    month, day = (b, a) if a > 12 else (a, b)       # US order unless it cannot be
    d = _safe_date(int(m["y"]), month, day)
    return _day(d) if d else None


def _month_day(m: re.Match, pub: dt.date, tense: str | None) -> Resolved | None:
    month, _ = _month(m["mon"])
    day = int(m["d"])
    if m["y"]:
        year = int(m["y"])
    elif m["wdp"]:          # "Saturday, April 25": the year in which that day is a Saturday
        year = cal.weekday_year(month, day, _WEEKDAYS[m["wdp"].lower()], pub)
    else:
        year = cal.day_year(month, day, pub, tense)
    first = _safe_date(year, month, day) if year else None
    if first is None:
        return None
    if m["d2"]:
        last = _safe_date(year, month, int(m["d2"]))
        if last is None or last <= first:
            return None
        return first, last, "day"
    return _day(first)


def _month_year(m: re.Match, pub: dt.date, tense: str | None) -> Resolved | None:
    month, _ = _month(m["mon"])
    first, last = cal.part_of_span(cal.month_span(int(m["y"]), month), _part(m) or "")
    return first, last, "month"


def _month_alone(m: re.Match, pub: dt.date, tense: str | None) -> Resolved | None:
    month, abbreviated = _month(m["mon"])
    if abbreviated:
        return None
    rel = (m.groupdict().get("rel") or "").lower().split()
    rel_word = rel[-1] if rel else None
    if rel_word in ("past", "last"):
        year = pub.year if month < pub.month else pub.year - 1
    elif rel_word in ("next", "coming"):
        year = pub.year if month > pub.month else pub.year + 1
    elif rel_word == "this":
        year = pub.year
    else:
        year = cal.month_year(month, pub, tense)
    first, last = cal.part_of_span(cal.month_span(year, month), _part(m) or "")
    return first, last, "month"


def _season(m: re.Match, pub: dt.date, tense: str | None) -> Resolved | None:
    name = m["season"].lower()
    if m.groupdict().get("y"):
        first, last = cal.season_span(name, int(m["y"]))
        return first, last, "season"
    rel = re.sub(r"\s+", " ", (m.groupdict().get("rel") or "").lower()) or None
    rel = {"this past": "last", "past": "last", "this coming": "next", "coming": "next"}.get(rel, rel)
    first, last = cal.season_by_relation(name, pub, rel, tense)
    return first, last, "season"


def _year(m: re.Match, pub: dt.date, tense: str | None) -> Resolved | None:
    first, last = cal.part_of_span(cal.year_span(int(m["y"])), _part(m) or "")
    return first, last, "year"


def _decade(m: re.Match, pub: dt.date, tense: str | None) -> Resolved | None:
    start = int(m["dec"])
    scale = 10 if start % 100 == 0 and start < 2000 else 1     # "the 1800s" is a century
    lo, hi = {"early": (0, 3), "mid": (3, 6), "late": (7, 9)}.get(_part(m) or "", (0, 9))
    lo, hi = lo * scale, hi * scale + scale - 1
    return dt.date(start + lo, 1, 1), dt.date(start + hi, 12, 31), "year"


def _relative_day(m: re.Match, pub: dt.date, tense: str | None) -> Resolved | None:
    words = m["x"].lower()
    if "before yesterday" in words:
        return _day(pub - 2 * _DAY)
    if "after tomorrow" in words:
        return _day(pub + 2 * _DAY)
    if "yesterday" in words or "last night" in words:
        return _day(pub - _DAY)
    if "tomorrow" in words:
        return _day(pub + _DAY)
    return _day(pub)


def _calendar_unit(unit: str, day: dt.date) -> cal.Span:
    if unit == "week":
        return cal.week_span(day)
    if unit == "month":
        return cal.month_span(day.year, day.month)
    return cal.year_span(day.year)


def _shift(unit: str, pub: dt.date, k: int) -> dt.date:
    if unit == "week":
        return pub + dt.timedelta(days=7 * k)
    if unit == "month":
        y, mo = cal.add_months(pub.year, pub.month, k)
        return dt.date(y, mo, 1)
    return dt.date(pub.year + k, 1, 1)


def _week_part(span: cal.Span, part: str) -> cal.Span:
    monday = span[0]
    offsets = {"early": (0, 2), "mid": (1, 3), "late": (3, 6)}[part]
    return monday + dt.timedelta(days=offsets[0]), monday + dt.timedelta(days=offsets[1])


def _relative_unit(m: re.Match, pub: dt.date, tense: str | None) -> Resolved | None:
    unit = m["unit"].lower()
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    part = (m["part"] or "").lower() or None
    if rel in ("the past", "the last", "past"):                 # a rolling span ending today
        first = {"week": pub - 6 * _DAY, "month": pub - 29 * _DAY, "year": pub - 364 * _DAY}[unit]
        return first, pub, unit
    if rel in ("the coming", "the next", "coming"):
        last = {"week": pub + 7 * _DAY, "month": pub + 30 * _DAY, "year": pub + 365 * _DAY}[unit]
        return pub + _DAY, last, unit
    k = {"last": -1, "this past": -1, "next": 1, "this coming": 1, "this": 0}[rel]
    span = _calendar_unit(unit, _shift(unit, pub, k))
    if part in ("earlier", "later") and k == 0:
        if part == "earlier":
            return span[0], pub, unit
        return min(pub + _DAY, span[1]), span[1], unit
    if part:
        part = {"earlier": "early", "later": "late"}.get(part, part)
        span = _week_part(span, part) if unit == "week" else cal.part_of_span(span, part)
    return span[0], span[1], unit


def _unit_granularity(unit: str) -> str:
    return {"hour": "day", "decade": "year"}.get(unit, unit)


def _rolling(m: re.Match, pub: dt.date, tense: str | None) -> Resolved | None:
    """Resolve "the past two weeks" (ending on publication) or "the next three days"."""
    n = _count(m["n"])
    unit = m["unit"].lower().rstrip("s")
    days = {"hour": -(-n // 24), "day": n, "week": 7 * n, "month": 30 * n, "year": 365 * n,
            "decade": 3652 * n}[unit]
    ahead = m["rel"].lower() in ("coming", "next")
    if unit == "hour":              # 24 hours straddle two calendar days
        span = (pub, pub + days * _DAY) if ahead else (pub - days * _DAY, pub)
    else:
        span = (pub + _DAY, pub + days * _DAY) if ahead else (pub - (days - 1) * _DAY, pub)
    return span[0], span[1], _unit_granularity(unit)


def _ago(m: re.Match, pub: dt.date, tense: str | None) -> Resolved | None:
    """Resolve "N units ago" to the day, or the calendar week / month / year, N units back."""
    unit = m["unit"].lower().rstrip("s")
    word = re.sub(r"\s+", " ", (m["n"] or "").lower())
    if not word.isdigit() and word not in _NUMBERS:     # "a few days ago": 2 to 2n+1 units back
        back = {"hour": 0, "day": 1, "week": 7, "month": 30, "year": 365, "decade": 3652}[unit]
        if back == 0:
            return _day(pub)
        n = _count(word)
        return pub - (2 * n + 1) * back * _DAY, pub - 2 * back * _DAY, _unit_granularity(unit)
    n = _count(word)
    if unit == "hour":
        return _day(pub - (n // 24) * _DAY)
    if unit == "day":
        return _day(pub - n * _DAY)
    if unit == "week":
        first, last = cal.week_span(pub - 7 * n * _DAY)
        return first, last, "week"
    if unit == "month":
        y, mo = cal.add_months(pub.year, pub.month, -n)
        first, last = cal.month_span(y, mo)
        return first, last, "month"
    first, last = cal.year_span(pub.year - (10 * n if unit == "decade" else n))
    return first, last, "year"


def _recent(m: re.Match, pub: dt.date, tense: str | None) -> Resolved | None:
    """Resolve "recent days / weeks / months / years" (ending on publication) or "coming ..."."""
    unit = m["unit"].lower().rstrip("s")
    length = {"day": 7, "week": 28, "month": 90, "year": 3 * 365}[unit]
    if m["which"].lower() == "coming":
        return pub + _DAY, pub + length * _DAY, unit
    return pub - (length - 1) * _DAY, pub, unit


def _weekday(m: re.Match, pub: dt.date, tense: str | None) -> Resolved | None:
    s, e = m.span("x")
    if _WEEKDAY_NAME_BEFORE.search(m.string, max(0, s - 20), s) or \
            _WEEKDAY_NAME_AFTER.match(m.string, e):
        return None
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower()) or None
    rel = {"this past": "last", "this coming": "next", "early": None, "late": None,
           "the previous": "last", "previous": "last", "the following": "next"}.get(rel, rel)
    return _day(cal.weekday_date(_WEEKDAYS[m["wd"].lower()], pub, rel, tense))


_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _quarter(m: re.Match, pub: dt.date, tense: str | None) -> Resolved | None:
    """Resolve "the third quarter (of 1990)", "next year's first quarter", "fourth-quarter"."""
    q = _QUARTERS[m["q"].lower()]
    g = m.groupdict()
    year_word = g.get("y") or g.get("y2")
    if year_word:
        year = int(year_word)
    elif g.get("qrel"):
        year = pub.year + {"last": -1, "this": 0, "next": 1}[g["qrel"].lower()]
    else:
        year = cal.quarter_year(q, pub, tense)
    first, last = cal.quarter_span(year, q)
    return first, last, "month"


def _relative_quarter(m: re.Match, pub: dt.date, tense: str | None) -> Resolved | None:
    """Resolve "this / the current quarter", "last / the latest / the previous quarter", "next quarter"."""
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    k = {"this": 0, "the current": 0, "current": 0, "last": -1, "the last": -1, "the latest": -1,
         "the previous": -1, "previous": -1, "latest": -1, "next": 1, "the next": 1, "the coming": 1}[rel]
    y, mo = cal.add_months(pub.year, (pub.month - 1) // 3 * 3 + 1, 3 * k)
    first, last = cal.quarter_span(y, (mo - 1) // 3 + 1)
    return first, last, "month"


def _weekend(m: re.Match, pub: dt.date, tense: str | None) -> Resolved | None:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    first, last = cal.weekend_span(pub, rel, tense)
    return first, last, "week"


def _rule(name: str, pattern: str, resolve: Resolver, gate: str = "") -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE), resolve, gate)


# Cheap searches that let find_dates skip whole rules on texts without their key words.
GATES: dict[str, re.Pattern] = {
    "digit": re.compile(r"\d\d?[-/]\d|\d{4}"),
    "month": re.compile(MONTH),
    "year": re.compile(r"(?:1[89]|20)\d\d"),
    "season": re.compile(r"spring|summer|fall|autumn|winter", re.IGNORECASE),
    "unit": re.compile(r"week|month|year|day|hour|decade", re.IGNORECASE),
    "ago": re.compile(r"\bago\b", re.IGNORECASE),
    "weekday": re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"),
    "day": re.compile(r"today|tonight|yesterday|tomorrow|morning|afternoon|evening|night",
                      re.IGNORECASE),
    "weekend": re.compile(r"weekend", re.IGNORECASE),
    "quarter": re.compile(r"quarter", re.IGNORECASE),
}


_WD_PREFIX = rf"(?:(?P<wdp>{WEEKDAY}),?\s+)?"
SCAN_RULES: tuple[Rule, ...] = (
    _rule("iso", r"\b(?P<x>(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d))\b", _iso, "digit"),
    _rule("numeric", r"\b(?P<x>(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}))\b", _numeric, "digit"),
    _rule("month_day", rf"\b(?P<x>{_WD_PREFIX}(?P<mon>{MONTH})\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
                       rf"(?:\s*[-–]\s*(?P<d2>\d{{1,2}})\b)?(?:,?\s*{YEAR}\b)?)", _month_day, "month"),
    _rule("day_month", rf"\b(?P<x>{_WD_PREFIX}(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
                       rf"(?:\s*[-–]\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?\s+(?:of\s+)?"
                       rf"(?P<mon>{MONTH})(?:,?\s+{YEAR}\b)?)", _month_day, "month"),
    _rule("month_year", rf"\b(?P<x>{PART}?(?P<mon>{MONTH}),?\s+(?:of\s+)?{YEAR})\b", _month_year, "month"),
    _rule("part_month", rf"\b(?P<x>{PART}(?P<mon>{MONTH}))(?!\s*\d)", _month_alone, "month"),
    _rule("relative_month", rf"\b(?P<x>{REL}\s+(?P<mon>{MONTH}))(?!\s*\d)", _month_alone, "month"),
    _rule("cue_month", rf"\b{CUE}\s+(?P<x>(?P<mon>{MONTH}))(?!\s*\d)", _month_alone, "month"),
    _rule("season_year", rf"\b(?P<x>(?:the\s+)?{SEASON}\s+(?:of\s+)?{YEAR})\b", _season, "season"),
    _rule("relative_season", rf"\b(?P<x>(?P<rel>this\s+past|this\s+coming|last|next|this|past|coming)"
                             rf"\s+{SEASON})\b(?!\s+of\b)", _season, "season"),
    _rule("cue_season", rf"\b(?:in|during|over|since|until|by|through)\s+(?P<x>the\s+{SEASON})\b"
                        r"(?!\s+(?:of|and|season)\b)", _season, "season"),
    _rule("part_year", rf"\b(?P<x>{PART}{YEAR})\b(?!s)", _year, "year"),
    _rule("decade", r"\b(?P<x>(?:the\s+)?(?:(?P<part>early|mid|late)[\s-]*)?(?P<dec>1[89]\d0|20\d0)s)\b",
          _decade, "year"),
    _rule("cue_year", rf"\b{CUE}\s+(?P<x>{YEAR})\b(?![-–/]\d|\s*(?:%|percent)|,\d)", _year, "year"),
    _rule("relative_unit", r"\b(?P<x>(?:(?P<part>early|mid|late|earlier|later)\s+)?"
                           r"(?P<rel>this\s+past|this\s+coming|the\s+past|the\s+last|the\s+coming"
                           r"|the\s+next|last|next|this|past|coming)\s+(?P<unit>week|month|year))\b",
          _relative_unit, "unit"),
    _rule("rolling", rf"\b(?P<x>(?:the\s+)?(?P<rel>past|last|previous|coming|next)\s+{NUM}\s+"
                     r"(?P<unit>hours?|days?|weeks?|months?|years?|decades?))\b", _rolling, "unit"),
    _rule("ago", rf"\b(?P<x>(?:{NUM}\s+)?(?P<unit>hours?|days?|weeks?|months?|years?|decades?)\s+ago)\b",
          _ago, "ago"),
    _rule("recent", r"\b(?P<x>(?:the\s+)?(?P<which>recent|coming)\s+(?P<unit>days|weeks|months|years))\b",
          _recent, "unit"),
    _rule("relative_day", r"(?<!USA\s)\b(?P<x>the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)"
                          r"|(?:yesterday|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?"
                          r"|today|tonight|this\s+(?:morning|afternoon|evening)|last\s+night"
                          r"|(?:earlier|later)\s+today)\b", _relative_day, "day"),
    _rule("weekday", rf"\b(?P<x>(?:(?P<rel>this\s+past|this\s+coming|last|next|this|early|late|(?:the\s+)?previous"
                     rf"|the\s+following)\s+)?(?P<wd>{WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?)\b", _weekday, "weekday"),
    _rule("quarter", r"\b(?P<x>(?:the\s+)?(?:(?P<qrel>this|last|next)\s+year['’]s\s+|(?P<y2>1[89]\d\d|20\d\d)\s+)?"
                     r"(?:fiscal[\s-]+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter"
                     r"(?:\s+of\s+(?:fiscal\s+)?(?P<y>1[89]\d\d|20\d\d))?)\b", _quarter, "quarter"),
    _rule("relative_quarter", r"\b(?P<x>(?P<rel>this|the\s+current|current|the\s+latest|latest|last|the\s+previous"
                              r"|previous|next|the\s+coming)\s+(?:fiscal\s+)?quarter)\b(?!\s+of\b)",
          _relative_quarter, "quarter"),
    _rule("weekend", r"\b(?P<x>(?P<rel>this\s+past|this\s+coming|this|last|next|the)\s+weekend)\b",
          _weekend, "weekend"),
)

WHOLE_RULES: tuple[Rule, ...] = SCAN_RULES + (
    _rule("bare_month", rf"(?P<x>{PART}?(?P<mon>{MONTH}))", _month_alone),
    _rule("bare_year", rf"(?P<x>{YEAR})", _year),
    _rule("bare_season", rf"(?P<x>(?:the\s+)?{SEASON})", _season),
)


def match_whole(text: str, published: dt.date, tense: str | None) -> Resolved | None:
    """Resolve ``text`` if one rule matches all of it (a leading "since" already removed)."""
    for rule in WHOLE_RULES:
        m = rule.pattern.fullmatch(text)
        if m is not None:
            resolved = rule.resolve(m, published, tense)
            if resolved is not None:
                return resolved
    return None
