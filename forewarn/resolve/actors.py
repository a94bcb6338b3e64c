"""Resolve actor mentions in a parsed article to country (ISO3) and PLOVER sector.

``resolve_actors(doc, published)`` returns every actor mention in reading order:

- named people (text = the name only: "Volodymyr Zelensky", "Lukashenko"), resolved by
  the knowledge base within their term of office, by a title before the name ("Ukrainian
  President ..."), by an apposition ("the Foreign Ministry spokesperson, Oleh Nikolenko"),
  and carried to later surname mentions ("Nikolenko said"); a person none of these place is
  placed by the syntax around the name (``actor_cues``: "his wife, X", "senators led by X",
  "X, an analyst at the Eurasia Group"), and what one mention of a person learns holds for
  all of them;
- institutions and groups with their country: "Belarus' army", "Russia's foreign
  ministry", "the Belarusian Ministry of Defense", "the Commander-in-Chief of Russia's
  Ground Forces"; an unqualified institution ("the Foreign Ministry") borrows the country
  of the article's earlier mention of the same institution when that is unambiguous;
- named organisations ("NATO", "Hamas"), and the capitalised last word of one named before
  used alone ("the Security Council ... the Council");
- countries and capitals or seats of power *used as actors* ("Kyiv proposed",
  "reassuring Minsk", "the Kremlin") -> the state, sector GOV.

Place-versus-actor choice: a bare country or capital is returned only when it is
metonymic (see ``is_metonymic``): subject, object, possessor, or object of a
non-locative preposition. "drills in Minsk" or "arrived in Kyiv" are places, left to the
place resolver. News outlets (``is_media``) and unnamed sources ("analysts", "officials"
with no country) are never returned.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from forewarn.models import Actor
from forewarn.resolve.actor_cues import person_cue
from forewarn.resolve.actor_knowledge import (
    PRIORITY, Entry, Knowledge, first_piece, is_media, knowledge_version, load_knowledge, media_name,
    normalize,
)

__all__ = ["resolve_actors", "is_metonymic", "load_knowledge", "knowledge_version", "is_media",
           "media_name", "Knowledge"]

_POSSESSIVE = {"'s", "'", "\u2019s", "\u2019"}
_LOCATIVE = {"in", "at", "near", "inside", "outside", "across", "throughout", "around", "within",
             "into", "toward", "towards", "via", "through", "along", "beyond", "over", "under",
             "onto", "off", "outside", "across", "past", "north", "south", "east", "west"}
_MOTION = {"go", "travel", "fly", "return", "arrive", "come", "move", "deploy", "head", "flee",
           "send", "relocate", "drive", "sail", "march", "walk", "bring", "take", "evacuate",
           "redeploy", "transfer", "trip", "visit", "journey", "flight", "road",
           # migration, posting and extent: the place is where someone or something goes
           "immigrate", "emigrate", "migrate", "defect", "post", "dispatch", "smuggle", "expel",
           "extend", "stretch", "originate", "withdraw", "descend", "accompany", "pull", "freelance",
           "commute", "route", "transit", "trip", "voyage", "commuting", "transiting", "moving"}
# nouns naming a place, part of a place or what lies in it: "the town of X", "the border with
# X", "X's coastline", "X is a village" -- the place itself, not its government
_PLACE_NOUNS = {"city", "capital", "region", "part", "north", "south", "east", "west", "centre",
                "center", "outskirts", "territory", "streets", "suburbs", "province", "border",
                "heart", "area", "streets", "skies", "airport", "mayor", "residents", "people",
                "town", "village", "island", "district", "county", "municipality", "commune", "comune",
                "parish", "borough", "suburb", "neighbourhood", "neighborhood", "settlement", "enclave",
                "vicinity", "mainland", "interior", "coast", "coastline", "shore", "edge", "rest", "end",
                "plain", "port", "northeast", "northwest", "southeast", "southwest", "frontier",
                "boundary", "resident", "inhabitant", "population", "density", "climate", "landscape",
                "river", "forest", "lake", "mountain", "valley", "community", "country", "land",
                "place", "street", "road", "highway", "motorway", "expressway", "railway", "station",
                "depot", "harbour", "harbor", "temperature", "geography", "architecture", "diversity"}
_BORDERS = {"border", "frontier", "boundary"}
# the place as a physical whole: "the growth of X", "a map of X" (acts of force against a
# country, "the invasion of X", keep X as the state attacked: the target of an event)
_TERRITORY_ACTS = {"growth", "map", "history", "geography", "expansion", "urbanisation", "urbanization"}
# people named by where they come from: "athletes from X" (origin, not the state)
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "gen", "col", "lt", "sgt", "capt", "adm",
               "president", "king", "queen", "prince", "sheikh", "emir"}
_ORIGIN_NOUNS = {"athlete", "woman", "man", "people", "person", "band", "driver", "racer", "player",
                 "artist", "immigrant", "emigrant", "student", "family", "visitor", "tourist",
                 "descendant", "native", "engineer", "archer", "singer", "writer"}
# verbs whose subject is a place: "X is located in", "X borders"
_PLACE_VERBS = {"locate", "situate", "border", "lie", "surround", "bound", "inhabit", "populate"}
_ACTOR_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "agent", "poss", "appos", "attr", "ROOT",
               "csubj", "oprd"}
_MODIFIER_POS = {"ADJ", "NOUN", "PROPN", "VERB"}
_CLAUSE_POS = {"CCONJ", "SCONJ", "VERB", "AUX", "PRON"}
_FORMER = {"former", "ex", "ex-", "late"}
_STATE_FORCES = {"COP", "MIL"}
# rank words inside a title: "the deputy chief justice", "the acting president"
_RANKS = {"deputy", "acting", "chief", "senior", "assistant", "vice", "interim", "principal",
          "associate", "executive", "first", "second", "outgoing", "incoming", "caretaker"}
# offices held *at* an international body by a state ("Britain's U.N. ambassador")
_POSTED = {"ambassador", "envoy", "mission", "representative", "delegation", "delegate"}
# groups outside the state whose leader takes the group's sector ("leader of the X gang")
# countries whose names put the family name first in English news ("Fu Cong", "Kim Jong Un")
_FAMILY_NAME_FIRST = {"CHN", "TWN", "HKG", "MAC", "KOR", "PRK"}
_NAME_PARTICLES = {"de", "del", "della", "di", "du", "des", "la", "le", "al", "el", "bin", "van", "von"}
_LED_GROUPS = {"CRM", "REB", "INS", "OPP", "PTY", "NGO", "LAB", "REL", "ETH", "BUS"}


@dataclass
class _Match:
    start: int                      # token indices [start, end)
    end: int
    entry: Entry


@dataclass
class _Mention:
    start: int
    end: int
    country: str | None
    sector: str | None
    name: str | None = None
    kb_id: str | None = None
    phrase: str | None = None       # sector phrase for institutions and titles
    kind: str | None = None         # role | body | group | person | org | state
    absorbed: bool = False          # a title or apposition folded into a person
    former: bool = False            # "former foreign minister": the holder is an elite (ELI)
    same: "_Mention | None" = None  # the earlier full mention a surname mention refers to
    known: bool = False             # placed by the knowledge base


def resolve_actors(doc: Doc, published: dt.date | None,
                   knowledge: Knowledge | None = None) -> list[Actor]:
    """Return every actor mention in ``doc`` with country, sector, name and offsets.

    ``published`` selects which knowledge-base roles were held (a role counts only within
    its term). Offsets index ``doc.text``.
    """
    kb = knowledge or load_knowledge()
    text = doc.text  # Doc.text is rebuilt from the tokens on every access: read it once
    matches = _match(doc, kb, text)
    resolver = _Resolver(doc, kb, published, matches, text)
    return resolver.run()


def is_metonymic(span: Span | Token) -> bool:
    """Whether a place name is used as a political actor rather than as a location.

    "Kyiv proposed", "reassuring Minsk", "in the eyes of Minsk or Moscow", "Moscow's
    demands" are actors; "drills in Minsk", "sent troops to Ukraine", "the Kyiv region"
    are places, and so are a place described as one ("X is a town"), a place noun's
    complement ("the province of X", "X's coastline"), a place beside a place ("Lyon,
    France"), the subject of a verb of location ("X is located on"), and where people
    come from ("athletes from X"). "The invasion of X" and "the border with X" keep X as the
    state (the target of the act, the state faced across the border).
    """
    tok = span.root if isinstance(span, Span) else span
    hops = 0
    while tok.dep_ == "conj" and tok.head is not tok and hops < 5:
        tok, hops = tok.head, hops + 1
    dep, head = tok.dep_, tok.head
    if dep in ("nsubj", "nsubjpass") and head.lemma_.lower() in _PLACE_VERBS:
        return False  # "X is located on the coast", "X borders Y"
    if dep == "nsubj" and head.lemma_ == "be":
        attr = next((c for c in head.children if c.dep_ == "attr"), None)
        if attr is not None and attr.lemma_.lower() in _PLACE_NOUNS:
            return False  # "X is a town in ...": a copular description of the place
    if dep == "poss" and head.lemma_.lower() in _PLACE_NOUNS:
        return False  # "X's coastline", "X's population"
    if dep == "appos" and (head.pos_ == "PROPN" or head.lemma_.lower() in _PLACE_NOUNS) \
            and not any(c.dep_ in ("cc", "conj") for c in tok.children):
        return False  # "Lyon, France", "the capital, X": a place named beside a place (not a list)
    if dep == "compound" and any(c.dep_ == "mark" for c in head.children) and head.dep_ in (
            "ccomp", "advcl", "ROOT") and tok.i == head.left_edge.i + 1:
        return True  # "that X abides by": a verb tagged as a noun, X its subject
    if dep in _ACTOR_DEPS:
        return True
    if dep == "pobj":
        prep = head
        word, governor = prep.lower_, prep.head
        lemma = governor.lemma_.lower()
        if word in _LOCATIVE:
            return False
        if word in ("with", "between") and lemma in _BORDERS:
            return True  # "troops sent to the border with X": X is the state faced across it
        if word in ("of", "with", "between", "to", "from") and governor.pos_ in ("NOUN", "PROPN") and (
                lemma in _PLACE_NOUNS or lemma in _MOTION):
            return False  # "the town of X", "the area between X and Y", "the route to X"
        if word == "of" and lemma in _TERRITORY_ACTS:
            return False  # "the growth of X"
        if word == "of" and governor.pos_ == "PROPN" and governor.text[:1].isupper():
            return False  # "the Province of X", "the High Court of X": a name placed by X
        if word == "from" and lemma in _ORIGIN_NOUNS:
            return False  # "athletes from X": where people come from
        if word in ("to", "from") and governor.pos_ in ("VERB", "AUX"):
            return lemma not in _MOTION and lemma not in _PLACE_VERBS  # "bordered to the north by X"
        if word in ("to", "from") and lemma in _MOTION:
            return False
        return True
    return False


def _match(doc: Doc, kb: Knowledge, text: str | None = None) -> list[_Match]:
    """Longest knowledge-base matches over token runs, left to right, without overlap."""
    text = (doc.text if text is None else text).replace("\u2019", "'").replace("\u2018", "'")
    lower = text.lower()
    toks = list(doc)
    n = len(toks)
    starts = [t.idx for t in toks]
    ends = [s + len(t.text) for s, t in zip(starts, toks)]
    firsts = kb.first_pieces
    out: list[_Match] = []
    i = 0
    while i < n:
        word = lower[starts[i]:ends[i]]
        if first_piece(word) not in firsts:
            i += 1
            continue
        best: _Match | None = None
        for j in range(i + 1, min(n, i + kb.max_pieces) + 1):
            key = " ".join(lower[starts[i]:ends[j - 1]].split())
            if key not in kb.prefixes:
                break
            entries = kb.index.get(key)
            if entries:
                raw = text[starts[i]:ends[j - 1]]
                entry = _choose(entries, raw)
                if entry is not None and "\n" not in raw:
                    best = _Match(i, j, entry)  # keep going: the longest match wins
        if best is None:
            i += 1
            continue
        out.append(best)
        i = best.end
    return out


def _choose(entries: tuple[Entry, ...], raw: str) -> Entry | None:
    surface = " ".join(raw.split())
    capitalised = any(w[:1].isupper() for w in surface.split())
    for kind in PRIORITY:
        for e in entries:
            if e.kind != kind:
                continue
            if e.exact is not None and e.exact != surface:
                continue
            if kind != "sector" and not capitalised:
                continue
            return e
    return None


class _Resolver:
    def __init__(self, doc: Doc, kb: Knowledge, published: dt.date | None, matches: list[_Match],
                 text: str | None = None):
        self.doc, self.kb, self.published = doc, kb, published
        self.text = doc.text if text is None else text
        self.matches = matches
        self.at: dict[int, _Match] = {}
        for m in matches:
            for k in range(m.start, m.end):
                self.at[k] = m
        self.mentions: list[_Mention] = []
        self.used: set[int] = set()                 # tokens already inside a mention
        self.surnames: dict[str, _Mention] = {}     # carried person resolutions
        self.institutions: list[_Mention] = []      # qualified institutions, in order
        self.short_names: dict[str, _Mention] = {}  # "the Council" after "the Security Council"
        self.focus = self._focus_country()
        self.sole = self._sole_country()

    # -- helpers -------------------------------------------------------------------------
    def _focus_country(self) -> str | None:
        """The country the article is about: the most often named one (first named wins ties).

        A careful reader gives "the police", "the ruling party" or "Judge X" with no country
        of their own to the country the story is about.
        """
        counts: dict[str, int] = {}
        for m in self.matches:
            if m.entry.kind in ("country", "demonym", "capital"):
                counts[m.entry.ref] = counts.get(m.entry.ref, 0) + 1
        return max(counts, key=counts.__getitem__) if counts else None

    def _sole_country(self) -> str | None:
        """The one country a story is about, when every country, demonym and capital it names
        (at least three) is that country's: then its unqualified security forces are that
        state's."""
        named = [m.entry.ref for m in self.matches if m.entry.kind in ("country", "demonym", "capital")]
        return named[0] if len(named) >= 3 and len(set(named)) == 1 else None

    def _country_of(self, m: _Match) -> str | None:
        if m.entry.kind in ("country", "demonym", "capital"):
            return m.entry.ref
        if m.entry.kind == "org":
            return self.kb.organizations[m.entry.ref].country
        return None

    def _owner_before(self, k: int) -> tuple[int, str | None, str | None] | None:
        """A country-like owner ending at token k: demonym, "X's", a country noun or a named
        organisation ("NATO spokesman"): (start, country, the owner's sector when it is an
        international body, else None)."""
        if k < 0:
            return None
        tok = self.doc[k]
        if tok.text.replace("\u2019", "'") in _POSSESSIVE and k - 1 in self.at:
            m = self.at[k - 1]
            if m.end == k and m.entry.kind in ("country", "capital", "org", "demonym"):
                return m.start, self._country_of(m), self._igo_of(m)
            if m.end == k and m.entry.kind == "person":
                person = self._person(m.entry.ref)
                return m.start, person.country, "IGO" if person.sector == "IGO" else None
        m = self.at.get(k)
        if m and m.end == k + 1 and m.entry.kind in ("country", "demonym", "capital"):
            return m.start, m.entry.ref, None
        if m and m.end == k + 1 and m.entry.kind == "org":
            return m.start, self._country_of(m), self._igo_of(m)
        if m and m.end == k + 1 and m.entry.kind == "person" and self.doc[k].dep_ == "compound":
            person = self._person(m.entry.ref)  # "the Trump administration"
            if person.country:
                return m.start, person.country, "IGO" if person.sector == "IGO" else None
        return None

    def _former_before(self, start: int, head: int) -> bool:
        """Whether "former"/"ex-" qualifies the title: "a former senior State Department
        official", "Albania's former leader"."""
        for t in range(head - 1, max(-1, start - 4), -1):
            tok = self.doc[t]
            if tok.lower_ in _FORMER:
                return True
            if tok.is_punct and tok.text.replace("\u2019", "'") not in _POSSESSIVE:
                return False
        return False

    def _igo_of(self, m: _Match) -> str | None:
        if m.entry.kind == "org" and self.kb.organizations[m.entry.ref].sector == "IGO":
            return "IGO"
        return None

    def _person(self, name: str) -> _Mention:
        person = self.kb.people[name]
        role = person.role_on(self.published)
        if role:
            return _Mention(0, 0, role.country, role.sector, person.name, person.kb_id, kind="person")
        # out of office: a former office holder is one of CAMEO's elites (ELI); before the
        # first term, nothing is known yet
        former = self.published is not None and any(r.end is not None and r.end < self.published
                                                     for r in person.roles)
        return _Mention(0, 0, person.nearest_country(self.published), "ELI" if former else None,
                        person.name, person.kb_id, kind="person")

    def _sentence_index(self, k: int) -> int:
        return self._sent_starts_idx(k)

    def _sent_starts_idx(self, k: int) -> int:
        if not hasattr(self, "_sent_of"):
            self._sent_of = {}
            for s_i, sent in enumerate(self.doc.sents):
                for t in range(sent.start, sent.end):
                    self._sent_of[t] = s_i
        return self._sent_of.get(k, 0)

    def _inherit(self, phrase: str, k: int) -> str | None:
        """The country of an earlier mention of the same institution, when unambiguous."""
        term = self.kb.sectors[phrase]
        keys = {phrase, term.institution} - {None}
        exact = [m for m in self.institutions if m.phrase in keys and m.country]
        if exact and len({m.country for m in exact}) == 1:
            return exact[-1].country
        here = self._sentence_index(k)
        if exact and here - self._sentence_index(exact[-1].start) <= 3:
            return exact[-1].country
        heads = [m for m in self.institutions if m.country and m.phrase
                 and self.kb.sectors[m.phrase].head == term.head]
        if heads and here - self._sentence_index(heads[-1].start) <= 2:
            return heads[-1].country
        return None

    # -- mentions ------------------------------------------------------------------------
    def _nominal(self, m: _Match) -> _Mention | None:
        """An institution, title or group headed by a sector phrase, with its country."""
        doc, term = self.doc, self.kb.sectors[m.entry.ref]
        last = doc[m.end - 1]
        if term.kind == "group" and last.text[:1].isupper() and m.end < len(doc) \
                and doc[m.end].pos_ == "PROPN" and doc[m.end].text[:1].isupper() and m.end not in self.at:
            return None  # one word of a longer title: "U.N. Resident Coordinator"
        j = m.end
        while j < len(doc) and j - m.end < 3 and j not in self.at and doc[j].text[:1].isupper():
            j += 1  # "Executive Vice Foreign Minister": capitalised words inside one title
        nxt = self.at.get(j)
        if term.kind == "role" and last.text[:1].isupper() and nxt is not None and nxt.start == j \
                and nxt.entry.kind == "sector" and self.kb.sectors[nxt.entry.ref].kind == "role" \
                and j < len(doc) and doc[j].text[:1].isupper():
            return None  # a capitalised title before another: "Executive Vice Foreign Minister"
        if last.pos_ not in ("NOUN", "PROPN") and not (last.pos_ == "ADJ" and m.end < len(doc) and (
                doc[m.end].text.replace("\u2019", "'") in _POSSESSIVE or doc[m.end].pos_ in ("VERB", "AUX"))):
            return None
        if m.end < len(doc) and doc[m.end].dep_ == "compound" and doc[m.end].pos_ == "NOUN" \
                and m.end not in self.at:
            return None  # a modifier of another noun ("army vehicles")
        start, country, owner_sector, led_sector = m.start, None, None, None
        k = m.start - 1
        skipped = 0
        posted = term.head in _POSTED
        while k >= 0 and skipped <= 3:
            owner = self._owner_before(k)
            if owner and posted and owner[2] == "IGO":
                # "British Deputy U.N. Ambassador": the post is at the U.N., the holder British
                k, skipped = owner[0] - 1, skipped + 1
                continue
            if owner:
                start, country, owner_sector = owner
                break
            tok = doc[k]
            if k in self.at or tok.pos_ not in _MODIFIER_POS or tok.is_punct or tok.dep_ == "ROOT":
                break
            k, skipped = k - 1, skipped + 1
        if country is None and skipped:
            start = m.start
        end = m.end
        if term.head in _POSTED and end + 1 < len(doc) and doc[end].lower_ == "to":
            inner = self.at.get(end + 1)
            if inner is None and doc[end + 1].lower_ == "the":
                inner = self.at.get(end + 2)
            if inner and inner.start > end and self._igo_of(inner):
                end = inner.end  # "the U.S. Mission to the United Nations" is one actor
        if country is None and end + 1 < len(doc) and doc[end].lower_ == "of":
            j = end + 1
            if doc[j].lower_ == "the":
                j += 1
            if j in self.at and self.at[j].start == j:
                inner = self.at[j]
                if inner.entry.kind in ("country", "capital", "org"):
                    after = inner.end
                    country = self._country_of(inner)
                    end = after
                    if after < len(doc) and doc[after].text.replace("\u2019", "'") in _POSSESSIVE:
                        nxt = self.at.get(after + 1)
                        if nxt and nxt.entry.kind == "org" and nxt.start == after + 1:
                            # "the leader of Afghanistan's Taliban insurgency": the Taliban's leader
                            org = self.kb.organizations[nxt.entry.ref]
                            country, led_sector, end = org.country or country, org.sector, nxt.end
                        if nxt and nxt.entry.kind == "sector":
                            end = nxt.end  # "of Russia's Ground Forces"
                            body = self.kb.sectors[nxt.entry.ref]
                            self._add(_Mention(inner.start, nxt.end, country, body.sector,
                                               phrase=body.phrase, kind=body.kind))
        if country is None and led_sector is None and term.kind == "role" and term.sector == "GOV":
            led = self._led_group(end)
            if led is not None:     # "the leader of the Village de Dieu gang": a gang's leader
                led_sector, end = led
        if start > 0 and doc[start - 1].lower_ in ("the", "a", "an") and doc[start - 1].i not in self.at:
            start -= 1
        mention = _Mention(start, end, country, led_sector or term.sector, phrase=term.phrase, kind=term.kind)
        group = self.at.get(m.end)
        if term.kind == "body" and end == m.end and group is not None and group.start == m.end \
                and group.entry.kind == "sector" and self.kb.sectors[group.entry.ref].kind == "group" \
                and last.dep_ == "compound" and group.start <= last.head.i < group.end:
            # "Syrian government forces", "regime troops": the body's forces, a group of its own
            body = self.kb.sectors[group.entry.ref]
            mention.end, mention.sector, mention.phrase, mention.kind = group.end, body.sector, body.phrase, body.kind
        if owner_sector == "IGO" and country is None and term.sector == "GOV":
            mention.sector = "IGO"  # "Guterres' spokesman", "NATO spokesperson"
        if term.kind == "role" and self._former_before(start, m.start):
            mention.former, mention.sector = True, "ELI"
        if country is None and owner_sector is None:
            if term.institution and any(e.kind == "capital" for e in self.kb.index.get(term.institution, ())):
                mention.country = next(e.ref for e in self.kb.index[term.institution] if e.kind == "capital")
            elif term.institution and any(e.kind == "org" for e in self.kb.index.get(term.institution, ())):
                org = self.kb.organizations[next(e.ref for e in self.kb.index[term.institution] if e.kind == "org")]
                mention.country = org.country
            else:
                definite = doc[start].lower_ == "the" or doc[m.start].text[:1].isupper() or (
                    term.kind == "role" and self._modified_title(m))
                if term.kind == "group" or not definite:
                    mention.absorbed = True  # unqualified group or generic noun: not an actor alone
                mention.country = self._inherit(term.phrase, m.start)
                body = self._international_body(m)
                if body is not None:
                    # "the court's president" after the International Court of Justice: the
                    # court named before, which belongs to no country
                    mention.country, mention.absorbed = None, False
                    if term.kind == "body" or term.sector == "GOV":
                        mention.sector = body.sector
                elif mention.country is None and term.kind != "group":
                    mention.country = self.focus
                if term.kind == "group" and term.sector in _STATE_FORCES and mention.country is None \
                        and self.sole is not None and last.dep_ in ("nsubj", "nsubjpass", "dobj", "agent"):
                    # "security forces arrested ..." in a story about one country: its forces
                    mention.country, mention.absorbed = self.sole, False
        return mention

    def _international_body(self, m: _Match) -> _Mention | None:
        """An international organisation named earlier that a bare institution noun refers back
        to: "the court" or "the court's president" after "the International Court of Justice",
        "the agency" after "the International Atomic Energy Agency" (its name holds the noun)."""
        doc = self.doc
        term = self.kb.sectors[m.entry.ref]
        words = [term.phrase] if term.kind == "body" else []
        k = m.start - 1
        if k >= 1 and doc[k].text.replace("\u2019", "'") in _POSSESSIVE and (k - 1) in self.at:
            owner = self.at[k - 1]
            if owner.entry.kind == "sector" and self.kb.sectors[owner.entry.ref].kind == "body":
                words.append(self.kb.sectors[owner.entry.ref].phrase)   # "the court's president"
        earlier_orgs = [x for x in reversed(self.mentions)
                        if x.kind == "org" and x.country is None and x.name and x.start < m.start]
        for word in words:
            found = next((x for x in earlier_orgs if word.title() in x.name.split()), None)
            if found is not None:
                return found
        if term.kind == "role" and term.sector == "JUD" \
                and not any(x.sector == "JUD" and x.country for x in self.mentions if x.start < m.start):
            # "Judge Joan Donoghue" in a story about the International Court of Justice, and
            # about no national court: one of its judges
            return next((x for x in earlier_orgs if x.sector == "JUD"), None)
        return None

    def _led_group(self, end: int) -> tuple[str, int] | None:
        """The sector and end of a non-state group a title leads: "leader of the Village de
        Dieu gang" (CRM), "head of a rebel group" (REB); up to four name words may stand
        between "of the" and the group's noun."""
        doc = self.doc
        j = self._after(end, "of")
        if j is None:
            return None
        for _ in range(5):
            if j >= len(doc):
                return None
            m = self.at.get(j)
            if m is not None and m.start == j and m.entry.kind == "sector":
                body = self.kb.sectors[m.entry.ref]
                if body.kind in ("group", "body") and body.sector in _LED_GROUPS:
                    return body.sector, m.end
                return None
            name_word = doc[j].text[:1].isupper() or doc[j].lower_ in _NAME_PARTICLES
            if m is not None or doc[j].is_punct or not (name_word or doc[j].pos_ in ("ADJ", "NOUN")):
                return None
            j += 1
        return None

    def _modified_title(self, m: _Match) -> bool:
        """Whether a title is definite behind rank words: "the deputy chief justice", "the
        acting president" (one office, as definite as "the president")."""
        k = m.start - 1
        while k >= 0 and self.doc[k].lower_ in _RANKS:
            k -= 1
        return k < m.start - 1 and k >= 0 and self.doc[k].lower_ == "the"

    def _title_before(self, a: int) -> tuple[int, _Mention | None]:
        """A title right before a name: "Ukrainian President", "Army General", "leader"."""
        k = a - 1
        if k in self.at and self.at[k].entry.kind == "sector" and self.at[k].end == a:
            m = self.at[k]
            if self.kb.sectors[m.entry.ref].kind == "role":
                nominal = self._nominal(m)
                if nominal is not None:
                    nominal.absorbed = False
                    return nominal.start, nominal
        return a, None

    def _org_title_before(self, a: int) -> _Mention | None:
        """A named organisation heading the title before a name: "U.N. Resident Coordinator
        for Myanmar Andrew Kirkwood", "Hamas official Basem Naim" -> the organisation's
        country and sector."""
        doc = self.doc
        k = a - 1
        while k >= 0 and a - k <= 6:
            m = self.at.get(k)
            if m is not None:
                if m.entry.kind == "org" and k < a - 1:
                    org = self.kb.organizations[m.entry.ref]
                    return _Mention(m.start, a, org.country, org.sector, kind="role")
                if m.entry.kind not in ("country", "demonym", "capital", "sector") or not doc[k].text[:1].isupper():
                    return None
                k = m.start - 1
                continue
            tok = doc[k]
            if not (tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN") or tok.lower_ in ("for", "of")):
                return None
            k -= 1
        return None

    def _appos_before(self, k: int) -> _Mention | None:
        """A nominal mention ending just before a comma at token k."""
        if k < 1 or self.doc[k].text != ",":
            return None
        for mention in reversed(self.mentions):
            if mention.end == k and mention.kind in ("role", "body"):
                return mention
        return None

    def _after(self, k: int, word: str) -> int | None:
        """The token after ``word`` at k and an article ("of the", ", a"), or None when k is not ``word``."""
        doc = self.doc
        if k >= len(doc) or doc[k].lower_ != word:
            return None
        return k + 2 if k + 1 < len(doc) and doc[k + 1].lower_ in ("the", "a", "an") else k + 1

    def _appos_after(self, b: int) -> _Mention | None:
        doc = self.doc
        j = self._after(b, ",")
        if j is None:
            return None
        k = j
        while k < min(j + 6, len(doc)):
            m = self.at.get(k)
            if m and m.entry.kind == "sector" and self.kb.sectors[m.entry.ref].kind == "role":
                return self._nominal(m)
            if m and m.entry.kind in ("country", "demonym", "capital", "org"):
                k = m.end  # "a former senior State Department official"
                continue
            if m or (doc[k].is_punct and doc[k].text.replace("\u2019", "'") not in _POSSESSIVE) \
                    or doc[k].pos_ in _CLAUSE_POS:
                break  # ", and Russian Deputy Foreign Minister ..." starts a new phrase
            k += 1
        return None

    def _person_mention(self, a: int, b: int, kb_name: str | None) -> _Mention:
        doc = self.doc
        text_key = normalize(doc[a:b].text)
        base = self._person(kb_name) if kb_name else None
        carried = self.surnames.get(text_key) if b - a == 1 else None
        mention = _Mention(a, b, None, None, name=None, kind="person")
        _, title = self._title_before(a)
        if title is None:
            title = self._org_title_before(a)
        former = any(doc[k].lower_ in _FORMER for k in range(max(0, a - 4), a))
        appos = None
        title_start = title.start if title else a
        appos = self._appos_before(title_start - 1) or self._appos_after(b)
        for cue in (title, appos):
            if cue is None:
                continue
            cue.absorbed = True
            former = former or cue.former
            mention.country = mention.country or cue.country
            mention.sector = mention.sector or ("ELI" if former else cue.sector)
        if title and appos and appos.country:
            mention.country = appos.country if not title.country else title.country
        if base:
            mention.name, mention.kb_id = base.name, base.kb_id
            mention.country = base.country if base.sector else (mention.country or base.country)
            mention.sector = base.sector or mention.sector
            mention.known = True
        elif carried:
            mention.same = carried.same or carried
            mention.name, mention.kb_id = carried.name, carried.kb_id
            mention.country = mention.country or carried.country
            mention.sector = mention.sector or carried.sector
        else:
            mention.name = doc[a:b].text if b - a > 1 else None
        if b - a > 1 or kb_name:
            keys = {normalize(doc[b - 1].text)}
            if kb_name:
                keys |= {normalize(kb_name.split()[-1])}
            if mention.country in _FAMILY_NAME_FIRST and 2 <= b - a <= 3:
                keys.add(normalize(doc[a].text))    # "Fu Cong ... Fu noted": a Chinese family name leads
            for key in keys:
                self.surnames.setdefault(key, mention)
        return mention

    # -- main loop -----------------------------------------------------------------------
    def run(self) -> list[Actor]:
        doc = self.doc
        person_ents = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                a, b = ent.start, ent.end
                while a < b and a in self.at and self.at[a].entry.kind in ("sector", "demonym", "country"):
                    a = self.at[a].end
                while b > a and doc[b - 1].is_punct:
                    b -= 1
                if a < b and not any(k in self.at and self.at[k].entry.kind != "person" and
                                     (b - a == 1 or self.at[k].entry.kind == "media") for k in range(a, b)):
                    person_ents[a] = b
        i, n = 0, len(doc)
        while i < n:
            m = self.at.get(i)
            if m is not None and m.start != i:
                i += 1
                continue
            if i in person_ents and (m is None or m.entry.kind in ("person", "sector")):
                b = max(person_ents[i], m.end if m and m.entry.kind == "person" else 0)
                kb_name = m.entry.ref if m and m.entry.kind == "person" else None
                self._add(self._person_mention(i, b, kb_name))
                i = b
                continue
            if m is None:
                key = normalize(doc[i].text)
                if key in self.surnames and doc[i].pos_ == "PROPN":
                    self._add(self._person_mention(i, i + 1, None))
                elif key in self.short_names and self._short_name_at(i):
                    org = self.short_names[key]
                    self._add(_Mention(i, i + 1, org.country, org.sector, org.name, org.kb_id, kind="org"))
                i += 1
                continue
            kind = m.entry.kind
            run = self._name_run(m.start) if kind == "person" and m.end - m.start == 1 else None
            if run is not None and run != (m.start, m.end):
                # "Argita Berisha Malltezi": a known surname inside someone else's full name
                self._add(self._person_mention(*run, None))
                i = run[1]
                continue
            if kind == "person":
                self._add(self._person_mention(m.start, m.end, m.entry.ref))
            elif kind == "org":
                org = self.kb.organizations[m.entry.ref]
                nxt = self.at.get(m.end + 1) if m.end < n and doc[m.end].text.replace("\u2019", "'") in _POSSESSIVE else None
                if nxt is None or nxt.entry.kind != "sector":
                    self._add(_Mention(m.start, m.end, org.country, org.sector, org.name, org.kb_id, kind="org"))
                    last = doc[m.end - 1].text
                    if m.end - m.start > 1 and last[:1].isupper() and not last.isupper() and last.isalpha():
                        self.short_names[normalize(last)] = self.mentions[-1]
            elif kind == "sector":
                if self.kb.sectors[m.entry.ref].kind == "role" and self._name_at(m.end, person_ents):
                    i = m.end  # a title: the person that follows takes it
                    continue
                mention = self._nominal(m)
                if mention is not None:
                    self._add(mention)
                    i = max(mention.end, m.end)
                    continue
            elif kind in ("country", "capital"):
                self._state(m)
            elif kind == "demonym":
                self._demonym(m)
            i = m.end
        self._place_people()
        return [self._actor(x) for x in self.mentions if not x.absorbed and not self._modifier(x)]

    def _name_run(self, k: int) -> tuple[int, int]:
        """The run of capitalised proper nouns a one-word name sits in, joined as one name
        ("Argita Berisha Malltezi"): neighbours the knowledge base does not match, no titles."""
        doc = self.doc

        def part(j: int) -> bool:
            t = doc[j]
            return (t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha and j not in self.at
                    and t.lower_.rstrip(".") not in _HONORIFICS)
        a, b = k, k + 1
        while a > 0 and part(a - 1) and doc[a - 1].dep_ == "compound" and doc[a - 1].head.i in range(a, a + 4):
            a -= 1
        while b < len(doc) and part(b) and doc[b - 1].dep_ == "compound" and doc[b - 1].head.i == b:
            b += 1
        return a, b

    def _modifier(self, x: _Mention) -> bool:
        """Whether a person's name only modifies an institution returned whole ("the Trump
        administration")."""
        last = self.doc[x.end - 1]
        if x.kind != "person" or last.dep_ != "compound":
            return False
        return any(y is not x and not y.absorbed and y.kind in ("role", "body", "group")
                   and y.start <= x.start and x.end < y.end and y.start <= last.head.i < y.end
                   for y in self.mentions)

    def _place_people(self) -> None:
        """Place people whom no title or knowledge placed by the syntax around their names
        (``actor_cues``), then give every mention of one person what any of them learned."""
        cover: dict[int, _Mention] = {}
        for x in self.mentions:
            for k in range(x.start, x.end):
                cover.setdefault(k, x)
        for x in self.mentions:
            if x.kind != "person" or x.country or x.known:
                continue
            found = person_cue(self.doc[x.start:x.end].root, cover.get)
            if found is not None:
                x.country, x.sector = found[0], x.sector or found[1]
        chains: dict[int, list[_Mention]] = {}
        for x in self.mentions:
            if x.kind == "person":
                chains.setdefault(id(x.same or x), []).append(x)
        for chain in chains.values():
            country = next((x.country for x in chain if x.country), None)
            sector = next((x.sector for x in chain if x.country == country and x.sector), None)
            for x in chain:
                if x.country is None and country is not None:
                    x.country, x.sector = country, x.sector or sector

    def _short_name_at(self, k: int) -> bool:
        """Whether token k is the capitalised last word of an organisation named before, used
        alone after "the" ("the Security Council ... the Council"), not part of a longer name."""
        doc = self.doc
        tok = doc[k]
        if not tok.text[:1].isupper() or tok.pos_ not in ("PROPN", "NOUN") or k == 0 \
                or doc[k - 1].lower_ != "the" or self.short_names.get(tok.lower_) is None:
            return False
        after = doc[k + 1] if k + 1 < len(doc) else None
        return after is None or not (after.lower_ == "of" or after.text[:1].isupper() and after.pos_ == "PROPN")

    def _name_at(self, k: int, person_ents: dict[int, int]) -> bool:
        m = self.at.get(k)
        return k in person_ents or (m is not None and m.start == k and m.entry.kind == "person") or (
            k < len(self.doc) and m is None and normalize(self.doc[k].text) in self.surnames)

    def _add(self, mention: _Mention) -> None:
        self.mentions.append(mention)
        if mention.kind in ("role", "body") and mention.country and mention.phrase:
            self.institutions.append(mention)

    def _state(self, m: _Match) -> None:
        doc = self.doc
        after = m.end
        if after < len(doc) and doc[after].text.replace("\u2019", "'") in _POSSESSIVE:
            nxt = self.at.get(after + 1)
            if nxt and nxt.entry.kind in ("sector", "person"):
                return  # the owner of the institution or person that follows
            if nxt is None:
                k = after + 1
                while k < len(doc) and k - after <= 3 and k not in self.at and doc[k].pos_ in _MODIFIER_POS:
                    k += 1
                if k in self.at and self.at[k].entry.kind == "sector":
                    return
        if after < len(doc) and after in self.at and self.at[after].entry.kind == "sector":
            return  # "Ukraine Foreign Ministry"
        span = doc[m.start:m.end]
        if is_metonymic(span):
            self._add(_Mention(m.start, m.end, m.entry.ref, "GOV", kind="state"))

    def _demonym(self, m: _Match) -> None:
        """A demonym used as a noun ("Ukrainians said"), or a demonym coordinated with one
        that owns an institution ("Russian and Belarusian forces")."""
        doc = self.doc
        tok = doc[m.end - 1]
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("amod", "compound") and tok.text.endswith("s"):
            self._add(_Mention(m.start, m.end, m.entry.ref, "CVL", kind="group"))
            return
        k = m.end
        if k < len(doc) and (doc[k].lower_ in ("and", "or", "-", "\u2013", "/")):
            nxt = self.at.get(k + 1)
            if nxt and nxt.entry.kind == "demonym":
                j = nxt.end
                while j < len(doc) and j - nxt.end <= 3 and j not in self.at and doc[j].pos_ in _MODIFIER_POS:
                    j += 1
                sector = self.at.get(j)
                if sector and sector.entry.kind == "sector":
                    term = self.kb.sectors[sector.entry.ref]
                    self._add(_Mention(m.start, m.end, m.entry.ref, term.sector, phrase=term.phrase,
                                       kind=term.kind))

    def _actor(self, x: _Mention) -> Actor:
        doc = self.doc
        start, end = doc[x.start].idx, doc[x.end - 1].idx + len(doc[x.end - 1])
        return Actor(text=self.text[start:end], start=start, end=end, country=x.country, sector=x.sector,
                     name=x.name, kb_id=x.kb_id)


