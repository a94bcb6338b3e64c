"""Find temporal expressions in an article and resolve them against its publication date.

    find_dates(doc, published)               every expression in doc.text, as DateRefs
    resolve_expression(text, published, tense=None)   one expression on its own
    publication_date_ref(published)          the fallback date of an event with none

How ``find_dates`` works, in order:
1. Every rule of ``date_rules.SCAN_RULES`` runs over the text (compiled regexes, no model).
   A "since" just before a match joins its text and forces past tense.
2. Overlapping candidates: the longest wins, then the leftmost, then the earlier rule.
3. Each survivor is resolved with the tense of its governing verb, read from the spaCy
   parse (``expression_tense``): past / present perfect, future, or unknown (read as past).
4. spaCy DATE entities that no rule matched get a second chance: trimmed of "the" and a
   possessive, they are resolved if one rule (bare months and years included) matches all
   of them, and otherwise, if they look absolute (a month name or a numeric date and no
   relative word), by dateparser restricted to absolute dates. Durations ("three years",
   "48 hours") and ages match no rule and are not absolute, so they are skipped.
"""
from __future__ import annotations

import datetime as dt
import functools
import logging
import re

from spacy.tokens import Doc, Span, Token

from forewarn.models import DateRef
from forewarn.resolve import date_rules

log = logging.getLogger(__name__)

__all__ = ["find_dates", "resolve_expression", "publication_date_ref", "expression_tense"]

_SINCE_BEFORE = re.compile(r"\b(since)\s+$", re.IGNORECASE)
_SINCE_PREFIX = re.compile(r"(?:ever\s+)?since\s+", re.IGNORECASE)
_LEADING = re.compile(r"^(?:(?:on|in|at|during|by|of|the)\s+)+", re.IGNORECASE)
_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
_TRAILING = re.compile(r"(?:['’]s|['’])$")
_ABSOLUTE_HINT = re.compile(
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}")
_RELATIVE_WORD = re.compile(
    r"\b(?:ago|last|next|this|past|coming|recent|today|tonight|yesterday|tomorrow|earlier|later"
    r"|days?|weeks?|months?|years?|hours?|old|aged?)\b", re.IGNORECASE)

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "’ll"}
_MODAL_AUX = {"would", "could", "may", "might", "should", "can", "ca", "must", "'d", "’d"}
_PRESENT_BE = {"is", "are", "am", "'s", "'re", "'m", "’s", "’re", "’m"}
_PAST_AUX = {"was", "were", "did", "had"}
_FUTURE_HEADS = {"plan", "expect", "schedule", "set", "intend", "go", "hope", "aim", "prepare"}


def publication_date_ref(published: dt.date) -> DateRef:
    """Return the publication day as the date of an event whose sentence names none."""
    return DateRef(text=None, value=_as_date(published), end=None, granularity="day",
                   start=None, resolved_from="publication")


def resolve_expression(text: str, published: dt.date, tense: str | None = None) -> DateRef | None:
    """Resolve one temporal expression ("last fall", "since October", "Oct. 12") on its own.

    ``tense`` is "past", "future" or None (read as past); a leading "since" forces past and
    resolves to the start of the span. Leading "on / in / at / the" are ignored. Returns
    None when the text is not a date this resolver knows (durations and ages included).
    """
    published = _as_date(published)
    body = text.strip()
    since = _SINCE_PREFIX.match(body)
    if since:
        body, tense = body[since.end():], "past"
    resolved = _resolve_whole(body, published, tense)
    if resolved is None:
        return None
    return _ref(text, None, resolved)


def find_dates(doc: Doc, published: dt.date, *, text: str | None = None) -> list[DateRef]:
    """Return every temporal expression in ``doc.text``, resolved, in text order.

    Offsets index ``doc.text``; ``text`` is the exact surface form ("since October",
    "last year" out of "last year's"). See the module docstring for the rules' order.
    Pass ``text`` (equal to ``doc.text``) when you have it: building ``doc.text`` costs more
    than all the rules together.
    """
    published = _as_date(published)
    text = doc.text if text is None else text
    gates = {key: bool(gate.search(text)) for key, gate in date_rules.GATES.items()}
    candidates = []
    for priority, rule in enumerate(date_rules.SCAN_RULES):
        if rule.gate and not gates[rule.gate]:
            continue
        for m in rule.pattern.finditer(text):
            start, end = m.span("x")
            since = _SINCE_BEFORE.search(text, max(0, start - 12), start)
            candidates.append((since.start() if since else start, end, priority, rule, m, bool(since)))
    candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    taken: list[tuple[int, int]] = []
    refs: list[DateRef] = []
    for start, end, _, rule, m, since in candidates:
        if _overlaps(start, end, taken):
            continue
        tense = "past" if since else expression_tense(doc, m.start("x"), end)
        resolved = rule.resolve(m, published, tense)
        if resolved is None:
            continue
        taken.append((start, end))
        refs.append(_ref(text[start:end], start, resolved))
    for ent in doc.ents:
        if ent.label_ != "DATE" or _overlaps(ent.start_char, ent.end_char, taken):
            continue
        ref = _resolve_entity(doc, text, ent, published)
        if ref is not None:
            taken.append((ref.start, ref.start + len(ref.text)))
            refs.append(ref)
    refs.sort(key=lambda r: r.start)
    return refs


def expression_tense(doc: Doc, start: int, end: int) -> str | None:
    """Return "past", "future" or None: the tense of the verb governing a character span.

    Walks up the dependency tree from the span's root to the first verb that settles it:
    "will / shall" → future; a perfect ("has said") → past; another modal → future;
    "is meeting" → future; "was / did" → past; "plans / is expected / is due to" → future;
    a past tense or participle → past; a plain present → None. Infinitives, gerunds and
    nouns pass the question to their head ("plans to meet on Tuesday").
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token: Token = span.root
    for _ in range(12):
        tense = _token_tense(token)
        if tense != "up":
            return tense
        if token.head is token:
            return None
        token = token.head
    return None


def _token_tense(token: Token) -> str | None:
    if token.lemma_.lower() == "due" and token.pos_ == "ADJ":
        return "past" if token.head.tag_ == "VBD" else "future"
    if not token.tag_.startswith("VB"):
        return "up"
    aux = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    aux_lemmas = {c.lemma_.lower() for c in token.children if c.dep_ in ("aux", "auxpass")}
    if aux & _FUTURE_AUX:
        return "future"
    if "have" in aux_lemmas:
        return "past"
    if aux & _MODAL_AUX:
        return "future"
    if aux & _PAST_AUX:
        return "past"
    if token.tag_ == "VBG" and aux & _PRESENT_BE:
        return "future"
    if token.lemma_.lower() in _FUTURE_HEADS and token.tag_ != "VBD":
        return "future"
    if token.tag_ == "VBD" or (token.tag_ == "VBN" and not aux & _PRESENT_BE):
        return "past"
    if token.tag_ in ("VB", "VBG") and token.dep_ != "ROOT":
        return "up"
    return None


def _resolve_entity(doc: Doc, text: str, ent: Span, published: dt.date) -> DateRef | None:
    """Resolve a spaCy DATE entity that no scanning rule matched, or return None."""
    if ent.root.dep_ == "nummod" and ent.root.head.tag_ == "NNS":     # "2014 people"
        return None
    if _OF_AFTER.match(text, ent.end_char):                         # "the spring of discontent"
        return None
    raw = ent.text
    lead = _LEADING.match(raw)
    offset = lead.end() if lead else 0
    body = _TRAILING.sub("", raw[offset:]).rstrip()
    if not body:
        return None
    start = ent.start_char + offset
    since = _SINCE_BEFORE.search(text, max(0, start - 12), start)
    tense = "past" if since else expression_tense(doc, start, start + len(body))
    resolved = _resolve_whole(body, published, tense)
    if resolved is None:
        return None
    if since:
        start = since.start()
    return _ref(text[start:ent.start_char + offset + len(body)], start, resolved)


def _resolve_whole(body: str, published: dt.date, tense: str | None) -> date_rules.Resolved | None:
    resolved = date_rules.match_whole(body, published, tense)
    if resolved is None:
        stripped = _LEADING.sub("", body)
        if stripped != body:
            resolved = date_rules.match_whole(stripped, published, tense)
    if resolved is None and _ABSOLUTE_HINT.search(body) and not _RELATIVE_WORD.search(body):
        resolved = _parse_absolute(body, published, tense)
    return resolved


def _parse_absolute(text: str, published: dt.date, tense: str | None) -> date_rules.Resolved | None:
    """Parse an absolute date with dateparser (slow; only for forms the rules miss)."""
    parser = _dateparser(published, "future" if tense == "future" else "past")
    if parser is None:
        return None
    try:
        data = parser.get_date_data(text)
    except Exception as e:    # dateparser raises assorted errors on odd input
        log.debug("dateparser failed on %r: %s", text, e)
        return None
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), "year"
    if period == "month":
        first = day.replace(day=1)
        nxt = (first + dt.timedelta(days=32)).replace(day=1)
        return first, nxt - dt.timedelta(days=1), "month"
    return day, day, "day"


@functools.lru_cache(maxsize=64)
def _dateparser(published: dt.date, prefer: str):
    try:
        from dateparser.date import DateDataParser
    except ImportError:
        log.info("dateparser is not installed; absolute dates outside the rules are skipped")
        return None
    base = dt.datetime.combine(published, dt.time(12))
    return DateDataParser(languages=["en"], settings={
        "PARSERS": ["absolute-time", "custom-formats"], "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": prefer, "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False})


def _ref(text: str, start: int | None, resolved: date_rules.Resolved) -> DateRef:
    first, last, granularity = resolved
    end = None if last == first else last
    return DateRef(text=text, value=first, end=end, granularity=granularity, start=start,
                   resolved_from="text")


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in taken)


def _as_date(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value
