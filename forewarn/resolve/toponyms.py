"""Recognise toponyms: every mention of a place in an article, however it is used.

A toponym here is what Gritta et al. (2019) count as one: literal mentions ("fighting in
Kharkiv"), associative ones (metonymy, "Moscow said"; modifiers, "Russian ships"; demonyms,
"Ukrainians"; languages; places inside other names, "Toronto" in "Toronto Police") and
named sites ("Royal Street", "the Alder Hey Hospital"). Which of them are where an event
happens is ``places.find_places``'s business; ``Toponym.source`` says how each was found:

- ``ner``: a spaCy GPE / LOC entity (a leading "the" dropped; a following capitalised type
  word such as "Oblast", "River", "Province" joined: "Donetsk Oblast"), or the place names
  inside one the gazetteer does not know whole ("north west London"); an ORG entity that is
  itself a country, region or town after a locative preposition ("in Harare"), or any place
  the gazetteer knows after one ("near Qamishli") or before ", <place>" ("Goleta, Calif.");
  a PERSON entity the tagger got wrong: a country or region, or a town after a locative
  preposition or before ", <place>" ("stops in Almelo"), unless its words name a person
  elsewhere in the article;
- ``organisation``: any other ORG entity that is itself a country, region or town ("the EU",
  "Liverpool" the club): a toponym, but an organisation, not a place where things happen;
- ``facility``: a FAC entity the gazetteer does not know whose head noun names a site
  (street, square, hospital, airport ...) or that follows a locative preposition; any
  entity whose head names a way or a natural site ("Royal Street" tagged an organisation,
  "Glenrock Lagoon"); a numbered road after "the" ("the A417");
- ``coercion``: an organisation named after its building used after a locative preposition
  ("outside the Royal Hospital");
- ``demonym``: a NORP / LANGUAGE entity, or a capitalised word elsewhere, that is a demonym
  or adjective of a place ("Russian", "Texans", "European"; ``place_gazetteer.demonym``);
- ``embedded``: a country, region or town (of 50,000 people, or a district named in two words
  or more) inside an organisation's, event's or work's name;
- ``gazetteer``: runs of proper nouns outside PERSON / ORG entities that the gazetteer knows
  as a country, subdivision, named feature or a town of at least 50,000 people ("Donbas",
  "near Chernobyl" when spaCy misses it).

Single ordinary words that are also some place's name ("Centre", "Union";
``data/places/common_words.txt``) are taken only when the entity tagger calls them a place,
and a GPE the gazetteer does not know is dropped when the article gives its words to a
person ("Buhari" after "Muhammadu Buhari"), or when it is a single word that neither a
locative preposition nor a following ", <place>" places.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span

from forewarn.resolve.place_gazetteer import Candidate, load_gazetteer

__all__ = ["Toponym", "recognize_toponyms"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_BLOCKING_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"})
_TYPE_AFTER = re.compile(
    r"\s+(Oblast|Province|Region|Governorate|County|District|Raion|Prefecture|Krai|River|Sea|Lake"
    r"|Mountains|Valley|Strait|Gulf|Bay|Island|Islands|Peninsula|Desert|Canal|Basin|Plateau)\b")
_MIN_TOWN = 50_000
_DEMONYM_LABELS = frozenset({"NORP", "LANGUAGE"})
_HOST_LABELS = frozenset({"ORG", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
_STRONG_KINDS = frozenset({"country", "continent", "ocean", "sea", "region", "river", "admin1"})
# The head noun of a way or a natural site: such a name is a place whatever the tagger calls
# it ("Royal Street" tagged an organisation is still a street).
_ROUTE_HEAD = frozenset(
    "street st avenue ave road rd boulevard blvd lane drive parade crescent terrace way square plaza"
    " highway motorway bridge tunnel canal estate lagoon lake creek bay beach island islands peninsula"
    " mountain mountains hill hills valley forest falls canyon".split())
# The head noun of a named facility: a street, a building or a site is a place even when the
# gazetteer, which holds only settlements and regions, does not know it.
_FACILITY_HEAD = _ROUTE_HEAD | frozenset(
    "airport station port harbour harbor hospital cathedral church chapel basilica mosque"
    " temple synagogue shrine embassy consulate centre center park stadium arena castle palace tower"
    " market mall hotel prison jail camp museum library garden gardens cemetery pier"
    " racecourse courthouse".split())
# A numbered road after "the" ("the A417", "the M4", "the I-95").
_ROAD_NUMBER = re.compile(r"(?:[ABM]\d{1,4}|I-\d{1,3})$")
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
    source: str = "ner"     # ner | gazetteer | demonym | embedded | organisation | facility | coercion


def recognize_toponyms(doc: Doc) -> list[Toponym]:
    """Return every toponym of ``doc`` with its gazetteer candidates, in text order (see the module docstring)."""
    gaz = load_gazetteer()
    text = doc.text
    found: list[Toponym] = []
    covered: list[tuple[int, int]] = []
    hosts: list[Span] = []
    ents = doc.ents
    words_of: dict[str, set[str]] = {}     # a capitalised word of a person's name -> those names
    for e in ents:
        if e.label_ == "PERSON":
            for t in e:
                if t.text[:1].isupper():
                    words_of.setdefault(t.lower_, set()).add(e.text)
    for ent in ents:
        if ent.label_ == "PERSON":
            top = _person_as_place(ent, words_of)
            if top is not None:
                found.append(top)
                covered.append((top.start, top.end))
            continue
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
        if not cands and gaz.demonym(span.text):            # the tagger's GPE "Ukrainian"
            found.append(Toponym(span.text, span.start_char, span.end_char, gaz.demonym(span.text), "demonym"))
            covered.append((span.start_char, span.end_char))
            continue
        if not cands and ent.label_ != "FAC":
            parts = _demonyms_in(span, "ner", places=True)      # "north west London", "Greece Italy"
            parts = [t for t in parts if t.source == "ner"]
            if parts:
                found.extend(parts)
                covered.extend((t.start, t.end) for t in parts)
                continue
        if not cands and all(t.lower_ in words_of for t in span):
            continue                    # a name the article gives a person ("Buhari" after "Muhammadu Buhari")
        if not cands and ent.label_ != "FAC" and len(span) == 1 and end == span.end_char \
                and _before(ent, skip_the=False) not in _LOCATIVE_BEFORE and not _qualified(ent):
            continue                    # one unknown word, nothing placing it: more often a misread name
        if not cands and ent.label_ == "FAC":
            if span[-1].lower_.rstrip(".") not in _FACILITY_HEAD and _before(ent) not in _LOCATIVE_BEFORE:
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
    blocked = [(e.start_char, e.end_char) for e in ents if e.label_ in _BLOCKING_LABELS]
    mask = _mask(len(text), covered + blocked)
    free = _gazetteer_matches(doc, mask)
    found.extend(free)
    for t in free:
        mask[t.start:t.end] = b"\x01" * (t.end - t.start)
    found.extend(_free_demonyms(doc, mask))
    found.sort(key=lambda t: t.start)
    return found


def _person_as_place(ent: Span, words_of: dict[str, set[str]]) -> Toponym | None:
    """A place the tagger took for a person: a demonym ("Slovak architect"), a country or
    region ("Tamil Nadu said"), or a town after a locative preposition ("stops in Almelo")
    or before ", <place>" ("Klamath Falls, Oregon"); never a word of another person's name."""
    span = _trim(ent)
    if span is None or len(span) > 3 or not all(t.text[:1].isupper() for t in span):
        return None
    gaz = load_gazetteer()
    if any(words_of.get(t.lower_, set()) - {ent.text} for t in span):
        return None
    cands = gaz.demonym(span.text)
    if cands:
        return Toponym(span.text, span.start_char, span.end_char, cands, "demonym")
    cands = gaz.lookup(span.text)
    if not cands or _is_common_word(span):
        return None
    placed = _before(ent, skip_the=False) in _LOCATIVE_BEFORE or _qualified(ent)
    if any(c.kind in ("country", "region", "continent", "admin1") for c in cands) or placed:
        return Toponym(span.text, span.start_char, span.end_char, cands, "ner")
    return None


def _before(ent: Span, skip_the: bool = True) -> str:
    """The word before an entity (before its "the" with ``skip_the``), lower-cased, or ""."""
    k = ent.start - 1
    if skip_the and k >= 0 and ent.doc[k].lower_ == "the":
        k -= 1
    return ent.doc[k].lower_ if k >= 0 else ""


def _qualified(ent: Span) -> bool:
    """Whether a comma and a place follow the entity, as a town's state or country does."""
    after = ent.doc[ent.end:ent.end + 2]
    return len(after) == 2 and after[0].text == "," and after[1].ent_type_ in ("GPE", "LOC")


def _free_demonyms(doc: Doc, mask: bytearray) -> list[Toponym]:
    """Capitalised demonyms outside any entity ("Danish developer", "Salvadoran migrant")."""
    gaz = load_gazetteer()
    out: list[Toponym] = []
    for tok in doc:
        if tok.lower_ in gaz.demonyms and tok.text[:1].isupper() and not mask[tok.idx] \
                and tok.pos_ in ("ADJ", "PROPN", "NOUN"):
            out.append(Toponym(tok.text, tok.idx, tok.idx + len(tok), gaz.demonym(tok.text), "demonym"))
    return out


def _hosted(ent: Span) -> list[Toponym]:
    """The toponyms an organisation, event, work or unknown facility name holds.

    The whole name when its head names a way or a natural site ("Royal Street") or it is a
    numbered road ("the A417"); for an organisation, the whole name when it is itself a place
    ("Liverpool" the club, "the EU"), when it is a building's and follows a locative
    preposition ("outside the Royal Hospital"), or when the gazetteer knows it and it follows
    a locative preposition or comes before ", <place>"; else the places and demonyms
    embedded in it ("Toronto" in "Toronto Police Service").
    """
    span = _trim(ent)
    if span is None:
        return []
    if span[-1].lower_.rstrip(".") in _ROUTE_HEAD and len(span) > 1:
        return [Toponym(span.text, span.start_char, span.end_char, (), "facility")]
    if len(span) == 1 and _ROAD_NUMBER.match(span.text) and _before(ent, skip_the=False) == "the":
        return [Toponym(span.text, span.start_char, span.end_char, (), "facility")]
    if ent.label_ == "ORG":
        before = _before(ent)
        cands = () if _is_common_word(span) else _strong(load_gazetteer().lookup(span.text), len(span))
        if cands and not (len(span) == 1 and len(span.text) <= 2 and not _all_strong(cands)):
            source = "ner" if before in _LOCATIVE_BEFORE else "organisation"
            return [Toponym(span.text, span.start_char, span.end_char, load_gazetteer().lookup(span.text), source)]
        if span[-1].lower_ in _INSTITUTION_HEAD and before in _LOCATIVE_BEFORE and len(span) > 1:
            return [Toponym(span.text, span.start_char, span.end_char, (), "coercion")]
        if (_qualified(ent) or before in _LOCATIVE_BEFORE) and not _is_common_word(span):
            # "Goleta, Calif., saw rain", "shelling near Qamishli"
            cands = load_gazetteer().lookup(span.text, exact=True)
            if cands:
                return [Toponym(span.text, span.start_char, span.end_char, cands, "ner")]
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
            kind = "demonym" if cands or source == "demonym" else source
            if not cands and places and not _is_common_word(sub):
                cands = _strong(gaz.lookup(sub.text, exact=True), len(sub))
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


def _gazetteer_matches(doc: Doc, mask: bytearray) -> list[Toponym]:
    """Runs of capitalised proper nouns the gazetteer knows well enough, outside other entities."""
    gaz = load_gazetteer()
    text = doc.text
    out: list[Toponym] = []
    runs: list[list[tuple[int, int]]] = []      # runs of free capitalised proper nouns: (start, end)
    run: list[tuple[int, int]] = []
    for tok in doc:
        if tok.pos_ == "PROPN" and tok.text[:1].isupper() and not mask[tok.idx]:
            run.append((tok.idx, tok.idx + len(tok)))
            continue
        if run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    for run in runs:
        k = 0
        while k < len(run):
            for end in range(min(len(run), k + 4), k, -1):
                name = text[run[k][0]:run[end - 1][1]]
                if end - k == 1 and (len(name) <= 2 or name.lower().rstrip(".") in _common_words()):
                    continue
                cands = gaz.lookup(name)
                if any(c.kind not in ("city", "admin2") or c.population >= _MIN_TOWN for c in cands):
                    out.append(Toponym(name, run[k][0], run[end - 1][1], cands, "gazetteer"))
                    k = end
                    break
            else:
                k += 1
    return out


def _mask(length: int, spans: list[tuple[int, int]]) -> bytearray:
    """A byte per character of the text, 1 inside one of ``spans``."""
    mask = bytearray(length)
    for s, e in spans:
        mask[s:e] = b"\x01" * (e - s)
    return mask


def _inside(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in taken)
