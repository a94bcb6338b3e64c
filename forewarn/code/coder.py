"""Code events: find triggers, fill in who, whom, when and how sure, in CAMEO and PLOVER.

Three kinds of trigger, all driven by the data files:
- a verb in ``verbs.tsv`` whose context matches ("deploy", "remove ... from storage");
- a noun in ``nouns.tsv`` with an explicit source and target ("its offensive against Kyiv");
- a claim: a speaker asserting hostile conduct by another country's actor, either in a
  reported clause ("X suggested that Y continues to make threatening moves") or as a
  sentence of their direct quote. That is an accusation (CAMEO 112, 1123 for aggression).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections.abc import Sequence
from pathlib import Path

from ..attribute import find_reported_by
from ..models import Actor, Article, Coder, DateRef, Event, Evidence, Modality, Place, Quote
from ..resolve.places import place_for_event
from .ontology import lookup
from .patterns import Patterns, load_patterns, match_verb
from .roles import (AIMED, FIRST_PERSON, REFLEXIVE, TRANSFER_VERBS, Roles, misparsed_subject, misparsed_visitor,
                    object_heads, subject_of)
from .stance import DEMANDABLE, demand_reporter, reframe
from .status import SPEECH_LEMMAS, event_modality
from .when import controlled_by, governing_verb

log = logging.getLogger(__name__)

CODER_NAME = "forewarn-rules"
CODER_RELEASE = "0.1.0"
# the stages whose rules decide what an event is: annotate's attribution, actor and place
# resolution, and coding itself
RULE_PACKAGES = ("attribute", "code", "resolve")


def rules_digest(root: Path | None = None) -> str:
    """A short sha256 over the source of the rule stages (``RULE_PACKAGES`` under ``root``,
    the installed ``forewarn`` package by default): any change to a rule changes it, so an
    event records which rules made it, not only the release."""
    root = root or Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for package in RULE_PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


CODER_VERSION = f"{CODER_RELEASE}-rules.{rules_digest()}"
HISTORICAL_AFTER = dt.timedelta(days=14)
# a clause dated only as "later" than the narrative before it inherits that narrative's date
# when it is an explicit year this far back, from a sentence at most ANCHOR_REACH before
FAR_PAST = dt.timedelta(days=365)
ANCHOR_REACH = 3
SEQUEL_WORDS = frozenset({"later", "afterward", "afterwards", "thereafter", "subsequently"})
_YEAR = re.compile(r"\b1[0-9]{3}\b|\b20[0-9]{2}\b")
HOSTILE_CUES = frozenset({"threaten", "threatening", "threat", "aggression", "aggressive", "attack",
                          "war", "provocation", "provoke", "invade", "invasion", "kill", "terror",
                          "terrorist", "escalate", "escalation", "violate", "bomb", "shell", "assault",
                          "destabilize", "sabotage", "massacre", "genocide", "occupy", "occupation"})
SKIP_CONTEXT = frozenset({"nsubj", "nsubjpass", "csubj", "aux", "auxpass", "neg", "punct", "cc", "conj",
                          "mark", "advmod", "ccomp", "parataxis", "advcl", "relcl"})
NOMINAL_DEPS = frozenset({"amod", "compound", "pobj", "dobj", "nsubj", "nsubjpass", "attr", "poss"})
PRIVATE = frozenset({"CVL", "REF", "BUS", "EDU", "HLH"})
AUDIENCES = frozenset({"reporters", "journalists", "statement", "a statement", "news conference",
                       "press conference", "interview", "lawmakers", "parliament", "supporters"})
IMPERSONAL = frozenset({"it", "this", "that", "there", "what", "which", "who"})
FIGURATIVE = frozenset({"trade", "price", "tariff", "currency", "culture", "cultural", "word", "words",
                        "bidding", "turf", "legal", "political", "propaganda", "information"})
NEGATING_PREFIXES = frozenset({"non", "anti", "counter"})
MILITARY_CUES = frozenset({"war", "attack", "invade", "invasion", "aggression", "aggressive", "bomb",
                           "shell", "assault", "occupy", "occupation", "threatening", "military"})


def _context(verb) -> set[str]:
    """Lemmas of the verb's objects (a passive subject included), particles and prepositional
    phrases (not its active subject, not embedded clauses, except the objects of a controlled verb: "threaten to use force"),
    plus ``dep:LABEL`` for each dependent and ``ent:TYPE`` for a named object (or passive
    subject), e.g. ``ent:person``."""
    out: set[str] = set()
    for c in verb.children:
        out.add(f"dep:{c.dep_}")
        if c.dep_ in ("dobj", "nsubjpass") and c.ent_type_:
            out.add(f"ent:{c.ent_type_.lower()}")     # "released Pablo Moncayo": a person is released
        if c.dep_ in SKIP_CONTEXT and not (c.dep_ == "nsubjpass" and c.pos_ in ("NOUN", "PROPN")):
            continue    # a passive subject is the verb's logical object: "peacekeepers were deployed"
        tokens = [c, *(t for g in c.children if g.dep_ not in SKIP_CONTEXT for t in Roles._phrase(g))] \
            if c.dep_ == "xcomp" else Roles._phrase(c)
        for t in tokens:
            out.add(t.lemma_.lower())
            out.add(t.lower_)
    return out


def _cue_words(clause) -> set[str]:
    """Words and lemmas of a clause, leaving out negated compounds ("non-aggression") and
    finite relative clauses, which describe a participant rather than say what the subject
    does ("investing in other bases, which will mitigate the threat"; not "every way to draw
    Belarus into a war")."""
    doc = clause.doc
    out = set()
    described = {t.i for r in clause.subtree if r.dep_ == "relcl" and r.i != clause.i
                 and any(c.tag_ in ("WDT", "WP", "WP$") for c in r.children) for t in r.subtree}
    for t in clause.subtree:
        if t.i in described:
            continue
        if t.i >= 2 and doc[t.i - 1].text == "-" and doc[t.i - 2].lower_ in NEGATING_PREFIXES:
            continue
        if any(c.dep_ in ("compound", "amod") and c.lower_ in FIGURATIVE for c in t.children):
            continue    # "a trade war", "a price war"
        out.add(t.lemma_.lower())
        out.add(t.lower_)
    return out


# how a text names where aid goes: "to Ukraine", "into Afghanistan", "in Ethiopia"
_RECIPIENT_PREPS = frozenset({"to", "into", "in"})
# verbs that expel: the expelled are the target, not where they are sent
_EXPULSIONS = frozenset({"deport", "expel", "banish", "evict", "exile"})
# verbs that deny an act: the act's own participants are not the denial's target
_DENIALS = frozenset({"deny", "refute", "disavow", "dispute"})


def _on_object(tok, verb) -> bool:
    """Whether ``tok`` is the object of a preposition hung on ``verb``'s direct object
    ("condemned violence *against civilians*", "returned fossils *to Peru*")."""
    prep = tok.head
    return tok.dep_ == "pobj" and prep.head.dep_ == "dobj" and prep.head.head.i == verb.i


def _relativized(relcl):
    """The noun a relative clause is about: its head, or for "who" after "X of Y" (parsed on
    Y, a place), X: "Attorney General Porras of Guatemala, who was sanctioned ..."."""
    noun = relcl.head
    who = any(c.lower_ == "who" for c in relcl.children)
    if who and noun.ent_type_ != "PERSON" and noun.dep_ == "pobj" and noun.head.lower_ == "of" \
            and noun.head.head.pos_ == "PROPN":
        return noun.head.head
    return noun


def _shared_object(verb) -> list:
    """The object a verb shares with the verb coordinated right after it: "has been attacking
    and fighting Kenyan troops", "shelled and captured the town" (the first verb has none)."""
    if any(c.dep_ in ("dobj", "prep", "dative", "ccomp", "xcomp") for c in verb.children):
        return []
    conj = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
    if conj is None or not any(c.dep_ == "cc" and c.i < conj.i for c in verb.children) \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
        return []
    if any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in verb.doc[verb.i + 1:conj.i]):
        return []   # something stands between the two verbs: not one shared object
    return [c for c in conj.children if c.dep_ == "dobj"]


def _same_side(a: Actor, b: Actor) -> bool:
    return (a.country, a.sector, a.name) == (b.country, b.sector, b.name) or (
        a.start == b.start and a.end == b.end)


class _Sentence:
    """What the coder knows about one sentence."""

    def __init__(self, index: int, span, dates: Sequence[DateRef]):
        self.index = index
        self.span = span
        self.dates = [d for d in dates if d.start is not None and span.start_char <= d.start < span.end_char]
        self._reported_by: list[str] | None = None

    @property
    def reported_by(self) -> list[str]:
        if self._reported_by is None:
            self._reported_by = list(find_reported_by(self.span))
        return self._reported_by


class EventCoder:
    """Code one parsed article; construct once per article."""

    def __init__(self, doc, article: Article, actors: Sequence[Actor], quotes: Sequence[Quote],
                 dates: Sequence[DateRef], patterns: Patterns, coder: Coder,
                 adjectives: dict[str, str] | None = None, places: Sequence[Place] = ()):
        self.doc = doc
        self.places = places
        self.article = article
        self.roles = Roles(doc, actors, quotes, adjectives)
        self.quotes = quotes
        self.dates = dates
        self.patterns = patterns
        self.coder = coder
        self.published = article.published

    # --- triggers --------------------------------------------------------------------
    def code(self) -> list[Event]:
        events: list[Event] = []
        seen: dict[tuple, int] = {}
        for index, span in enumerate(self.doc.sents):
            sent = _Sentence(index, span, self.dates)
            for tok in span:
                for event in self._code_token(tok, sent):
                    key = (index, tuple(a.country for a in event.source), tuple(a.country for a in event.target),
                           event.cameo.root, event.modality.negated)
                    if key not in seen:
                        seen[key] = len(events)
                        events.append(event)
                    elif len(event.cameo.code) > len(events[seen[key]].cameo.code):
                        # one act read twice ("agreed to lift its ban"): the more specific code stands
                        events[seen[key]] = event
        return events

    def _code_token(self, tok, sent: _Sentence) -> list[Event]:
        out = []
        lemma = tok.lemma_.lower()
        attributive = tok.tag_ in ("VBG", "VBN") and tok.i < tok.head.i and tok.head.pos_ in ("NOUN", "PROPN")
        if (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")) and tok.dep_ not in NOMINAL_DEPS \
                and not attributive:
            # an adjectival participle ("the visiting minister") describes, it does not report;
            # a "verb" in a noun's position ("last year's protests") is a mis-tagged noun
            visitor = misparsed_visitor(tok)
            if visitor is not None:
                event = self._code_visitor(tok, visitor, sent)
                return [event] if event else []
            if lemma in self.patterns.verbs and not embedded_question(tok):
                event = self._code_verb(tok, lemma, sent)
                if event:
                    out.append(event)
            if lemma in SPEECH_LEMMAS:
                event = self._code_reported_claim(tok, sent)
                if event:
                    out.append(event)
        elif tok.pos_ == "NOUN" and lemma in self.patterns.nouns:
            event = self._code_noun(tok, lemma, sent)
            if event:
                out.append(event)
        if tok.dep_ == "ROOT":
            event = self._code_quoted_claim(tok, sent)
            if event:
                out.append(event)
        return out

    def _code_verb(self, verb, lemma: str, sent: _Sentence) -> Event | None:
        pattern = match_verb(self.patterns, lemma, _context(verb))
        if pattern is None:
            return None
        quote = self.roles.quote_at(verb.idx)
        source, target = self._verb_roles(verb, quote, reach=pattern.kind == "speech",
                                          nested=pattern.kind != "speech")
        if not source:
            return None
        kind = pattern.kind
        reporter = demand_reporter(verb) if pattern.code[:2] in DEMANDABLE else None
        if reporter is not None:
            # "Russia said Israel must end the attacks": Russia demands it of Israel
            subj, _ = subject_of(reporter)
            speaker = [a for a in (self.roles.actors_of(subj) if subj is not None else [])
                       if a.country or a.kb_id]
            if not speaker or any(_same_side(a, s) for a in speaker for s in source):
                return None
            source, target, kind = speaker, source, "speech"
        if pattern.code.startswith("04") and all(a.sector in PRIVATE for a in source):
            return None     # tourists visiting, students meeting: not a political consultation
        if pattern.code[:3] == "074" and all(a.sector == "IGO" for a in target):
            # "sending troops to the UN peacekeeping force in South Sudan": the peacekeeping is
            # for South Sudan; the mission is the channel
            target = self._recipient_country(verb, source) or target
        if not target and (pattern.code[:2] == "07" or lemma in TRANSFER_VERBS):
            target = self._recipient_country(verb, source)   # "sent humanitarian aid to Ukraine"
        if kind == "dyadic" and not target and len(source) > 1:
            source, target = source[:1], source[1:]     # "the U.S. and China will meet"
        if kind != "act" and not target:
            return None
        return self._event(verb, pattern.code, source, target, sent, quote, kind=kind,
                           confidence=0.6 + (0.1 if pattern.requires else 0) + (0.1 if target else 0),
                           earlier=_backgrounded(verb))

    def _verb_roles(self, verb, quote: Quote | None, reach: bool = False,
                    nested: bool = True) -> tuple[list[Actor], list[Actor]]:
        """Source and target of a verb; ``nested`` also looks inside object phrases ("toward
        its border with Ukraine"), which a speech act must not ("condemned violence against
        civilians" does not condemn the civilians)."""
        subj, passive = subject_of(verb)
        if subj is None and not passive:
            subj = misparsed_subject(verb, self.roles.by_token)  # "USAID provided ...": parsed as a modifier
        if subj is not None and verb.dep_ == "acl" and subj.i == verb.head.i:
            source = self.roles.holders_of(subj)    # "an accord among A and B supporting C"
        else:
            source = self.roles.actors_of(subj) if subj is not None else []
        heads = object_heads(verb) or _shared_object(verb)
        if verb.dep_ == "relcl":
            # "Porras, who was sanctioned by the EU": the relative pronoun is the noun it stands for
            heads = [_relativized(verb) if h.tag_ in ("WP", "WDT") else h for h in heads]
        if verb.dep_ == "relcl" and not passive and subj is not None and subj.tag_ not in ("WP", "WDT") \
                and not any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
            heads.insert(0, verb.head)  # "a diplomat it arrested": the noun is what was acted on
        if not nested:
            # "condemns any violence against civilians": whom the object act is aimed at is
            # its victim, not whom the speech act targets
            heads = [h for h in heads if not (h.head.lower_ in AIMED and _on_object(h, verb))]
        if verb.lemma_.lower() in _EXPULSIONS:
            # "deported 173 women and children to Turkey": where they were sent is not whom the
            # expulsion targets
            heads = [h for h in heads if not (h.dep_ == "pobj" and h.head.lower_ in ("to", "into"))]
        if verb.lemma_.lower() in _DENIALS:
            # "deny providing sanctuary to fighters": whom the denied act concerns is not whom
            # the denial answers
            heads = [h for h in heads if h.pos_ not in ("VERB", "AUX")]
        if verb.lemma_.lower() in TRANSFER_VERBS:
            # whom it goes to is the target: an indirect object ("grant me access to X": me), else
            # the verb's "to" phrase ("extradited the suspect to the United States")
            # (or the object's own "to" phrase: "returned 100 fossils to China at its embassy")
            heads.sort(key=lambda h: 0 if h.dep_ in ("dative", "iobj") else
                       1 if h.dep_ == "pobj" and h.head.lower_ == "to" and (h.head.head.i == verb.i
                                                                            or _on_object(h, verb))
                       else 2)
        if reach and verb.lemma_.lower() not in _DENIALS:
            # "threatened to use force against North Korea": the target sits in the controlled verb
            heads += [h for c in verb.children if c.dep_ == "xcomp" for h in object_heads(c)]
        if verb.tag_ == "VBN" and subj is not None and subj.lower_ in REFLEXIVE and quote and quote.speaker:
            # "They should consider themselves warned": the speaker warns the subject of "consider"
            source = [quote.speaker] if quote.speaker.country else []
            holder, _ = subject_of(verb.head)
            heads = [holder] if holder is not None else heads
        target: list[Actor] = []
        for head in heads:
            found = self.roles.actors_of(head, AIMED if not nested and head.pos_ == "NOUN" else frozenset()) \
                or (self.roles.actors_within(head) if nested else [])
            for actor in found:
                if not (actor.country or actor.kb_id or actor.sector):
                    continue    # a bare name nothing is known of ("talks in Afisiyoni"): no party
                if not any(_same_side(actor, s) or (actor.country, actor.sector) == (s.country, s.sector)
                           for s in source) and actor not in target:
                    target.append(actor)
            if target:
                break
        # a source needs a country, or must be a known organisation (the EU, the UN, MSF)
        return [a for a in source if a.country or a.kb_id], target

    def _recipient_country(self, verb, source: list[Actor]) -> list[Actor]:
        """The country aid or a thing handed over goes to when the text names it as a destination
        ("sent aid to Ukraine", "returned 100 fossils to Peru", "gave 350 million euros for
        development in Ethiopia"), which resolution reads as a place, not an actor: the
        country, sector unknown."""
        heads = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "xcomp", "advcl"))]
        for head in heads:
            for prep in (c for c in head.subtree if c.dep_ in ("prep", "dative") and c.lower_ in _RECIPIENT_PREPS):
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is None or obj.pos_ != "PROPN":
                    continue
                name = self.doc[obj.left_edge.i:obj.i + 1]
                country = self.roles.adjectives.get(name.text.lower()) or self.roles.adjectives.get(obj.lower_)
                if country and not any(a.country == country for a in source):
                    return [Actor(text=name.text, start=name.start_char, end=name.end_char, country=country)]
        return []

    def _code_visitor(self, participle, visitor, sent: _Sentence) -> Event | None:
        """"Xi met visiting President Lula": Lula visits Xi's side (042), not Xi visiting."""
        host, _ = subject_of(participle.head)
        source = [a for a in self.roles.actors_of(visitor) if a.country or a.kb_id]
        target = [a for a in (self.roles.actors_of(host) if host is not None else [])
                  if not any(_same_side(a, s) for s in source)]
        if not source or not target:
            return None
        return self._event(participle, "042", source, target, sent, self.roles.quote_at(participle.idx),
                           confidence=0.6, kind="dyadic")

    def _code_noun(self, noun, lemma: str, sent: _Sentence) -> Event | None:
        if noun.head.dep_ == "prep" and noun.head.lower_ in ("against", "from") or noun.dep_ == "conj":
            return None
        source: list[Actor] = []
        target: list[Actor] = []
        for c in noun.children:
            if c.dep_ == "poss":
                source = self.roles.actors_of(c)
            elif c.dep_ == "prep" and c.lower_ == "by":
                source = [a for p in c.children if p.dep_ == "pobj" for a in self.roles.actors_of(p)]
            elif c.dep_ == "prep" and c.lower_ in ("against", "on", "of", "into", "to", "in"):
                target = [a for p in c.children if p.dep_ == "pobj" for a in self.roles.actors_of(p)]
        source = [a for a in source if a.country]
        target = [a for a in target if not any(_same_side(a, s) for s in source)]
        if not source or not target:
            return None
        quote = self.roles.quote_at(noun.idx)
        return self._event(noun, self.patterns.nouns[lemma], source, target, sent, quote,
                           confidence=0.45, background=True)

    def _code_reported_claim(self, verb, sent: _Sentence) -> Event | None:
        """"X suggested that Y continues to make threatening moves": X accuses Y."""
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if clause is None:
            return None
        subj, _ = subject_of(verb)
        speaker = self.roles.actors_of(subj) if subj is not None else []
        claim_subj, _ = subject_of(clause)
        accused = self.roles.heads_of(claim_subj) if claim_subj is not None else []
        return self._accusation(verb, clause, speaker, accused, sent, self.roles.quote_at(verb.idx))

    def _code_quoted_claim(self, root, sent: _Sentence) -> Event | None:
        """A sentence of a direct quote asserting another country's hostile conduct."""
        quote = self.roles.quote_at(root.idx)
        if quote is None or quote.kind != "direct" or quote.speaker is None:
            return None
        if root.lemma_.lower() in SPEECH_LEMMAS:
            return None     # "..., Nikolenko said": handled as a reported claim
        subj, _ = subject_of(root)
        if subj is None or subj.lower_ in FIRST_PERSON or subj.lower_ in IMPERSONAL:
            return None
        accused = self.roles.heads_of(subj)
        return self._accusation(root, root, [quote.speaker], accused, sent, quote)

    def _accusation(self, trigger, clause, speaker, accused, sent, quote) -> Event | None:
        speaker = [a for a in speaker if a.country]
        accused = [a for a in accused if a.country and a.text.lower() not in IMPERSONAL
                   and not any(a.country == s.country for s in speaker)]
        if not speaker or not accused:
            return None
        lemmas = _cue_words(clause)
        if not lemmas & HOSTILE_CUES:
            return None
        code = "1123" if lemmas & MILITARY_CUES else "112"
        return self._event(trigger, code, speaker, accused, sent, quote, confidence=0.55)

    # --- the record ----------------------------------------------------------------
    def _event(self, trigger, code: str, source: list[Actor], target: list[Actor], sent: _Sentence,
               quote: Quote | None, confidence: float, background: bool = False, kind: str = "act",
               earlier: bool = False) -> Event:
        flags = event_modality(trigger, kind)
        code, flags = reframe(code, trigger, flags)
        entry = lookup(code)
        date = self._date_for(trigger, sent, quote)
        # ``earlier``: told as what came before the news ("before Russia invaded Ukraine"),
        # whatever date the sentence gives; ``background``: historical when it has no date of its own
        historical = earlier or self._is_historical(date, background)
        reported = list(sent.reported_by)
        claimed_by = None
        if quote is not None:
            if quote.channel and quote.channel.lower() not in AUDIENCES and quote.channel not in reported:
                reported.append(quote.channel)
            if quote.speaker is not None:
                claimed_by = quote.speaker.name or quote.speaker.text
        # provenance, never an actor: the speaker or source of the event is not its reporter
        own = {a.text.lower() for a in source} | {(a.name or "").lower() for a in source}
        own |= {(claimed_by or "").lower()}
        reported = [r for r in reported if r.lower() not in own and r.lower() not in AUDIENCES
                    and not any(r.lower() in o for o in own if o)]
        span = sent.span
        text = span.text.rstrip()
        lead = len(text) - len(text.lstrip())
        digest = hashlib.sha1(f"{self.article.article_id}:{trigger.idx}:{code}".encode()).hexdigest()[:16]
        return Event(
            event_id=digest, article_id=self.article.article_id, sentence_index=sent.index,
            source=tuple(source), target=tuple(target), cameo=entry.cameo, plover=entry.plover,
            goldstein=entry.goldstein, plover_score=entry.plover_score, quad_class=entry.quad_class,
            date=date,
            evidence=Evidence(sentence=text.strip(), start=span.start_char + lead,
                              end=span.start_char + len(text),
                              trigger=trigger.text, trigger_start=trigger.idx,
                              trigger_end=trigger.idx + len(trigger.text),
                              quote_id=quote.quote_id if quote else None),
            coder=self.coder,
            modality=Modality(negated=flags["negated"], hypothetical=flags["hypothetical"],
                              future=flags["future"], historical=historical, hedged=flags["hedged"],
                              claimed_by=claimed_by),
            reported_by=tuple(reported), confidence=round(min(confidence, 0.95), 2),
            place=place_for_event(span.start_char, span.end_char, trigger.idx, self.places, text=self.article.text),
        )

    def _date_for(self, trigger, sent: _Sentence, quote: Quote | None) -> DateRef:
        # A date dates the verb that governs it: the trigger's own clause first, then the
        # clauses above it ("said Tuesday that ..."), never a clause beside it.
        own, above, below = [], [], []
        ancestors = {a.i for a in trigger.ancestors}
        for d in sent.dates:
            verb = governing_verb(self.doc, d.start)
            if verb is None:
                continue
            if verb.i == trigger.i or (trigger.pos_ == "NOUN" and verb.i in ancestors):
                own.append(d)
            elif verb.i in ancestors:
                above.append(d)
            elif controlled_by(verb, trigger):
                below.append(d)     # "launched an operation to flush them out in 2015"
        if own or below or above:
            return min(own or below or above, key=lambda d: abs(d.start - trigger.idx))
        anchor = self._narrative_anchor(trigger, sent)
        if anchor is not None:
            return anchor
        if quote is not None and quote.date is not None and quote.date.value is not None:
            return quote.date
        return DateRef(text=None, value=self.published, granularity="day" if self.published else "unknown",
                       resolved_from="publication")

    def _narrative_anchor(self, trigger, sent: _Sentence) -> DateRef | None:
        """"In June 1950, ... Several months later, North Korea invaded": a clause dated only
        relative to what came before ("later", "the following year") takes the explicit,
        long-past date of the nearest sentence before it (at most ``ANCHOR_REACH`` back)."""
        if sent.dates or self.published is None or not _relative_to_before(trigger, sent.span):
            return None
        before = [d for d in self.dates if d.start is not None and d.value is not None
                  and d.resolved_from == "text" and d.start < sent.span.start_char]
        sents = list(self.doc.sents)
        earliest = sents[max(0, sent.index - ANCHOR_REACH)].start_char
        near = [d for d in before if d.start >= earliest]
        if not near:
            return None
        anchor = max(near, key=lambda d: d.start)
        if not _YEAR.search(anchor.text or "") or self.published - (anchor.end or anchor.value) < FAR_PAST:
            return None
        return DateRef(text=anchor.text, value=anchor.value, end=anchor.end, granularity=anchor.granularity,
                       start=anchor.start, resolved_from="sentence")

    def _is_historical(self, date: DateRef, background: bool) -> bool:
        if self.published is None or date.value is None:
            return background
        last = date.end or date.value
        if date.resolved_from == "publication":
            return background
        return self.published - last > HISTORICAL_AFTER


# not "after": "his comments come two days after Erdogan denounced Israel" is recent news
_TEMPORAL_MARKS = frozenset({"before", "since"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP", "MD"})


def _backgrounded(verb) -> bool:
    """A past act in a "before" or "since" clause under a present-tense one is background, not
    news: "China's presence remains smaller than Europe's before Russia invaded Ukraine"; so is
    a past act in a relative clause under a present (perfect) one, or a past perfect one: "Congo
    has freed a diplomat it arrested in May", "freed the man who had attacked the convoy"."""
    if verb.dep_ == "relcl":
        if any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
            return True
        main = verb.head
        while main.pos_ not in ("VERB", "AUX") and main.head.i != main.i:
            main = main.head
        return verb.tag_ == "VBD" and main.i != verb.i and _present(main)
    if verb.tag_ != "VBD" or verb.dep_ != "advcl":
        return False
    if not any(c.dep_ in ("mark", "prep") and c.lower_ in _TEMPORAL_MARKS for c in verb.children):
        return False
    return _present(verb.head)


def _present(verb) -> bool:
    """Whether a verb is in the present tense, perfect included ("remains", "has freed")."""
    return verb.tag_ in _PRESENT_TAGS or any(c.dep_ == "aux" and c.tag_ in _PRESENT_TAGS for c in verb.children)


def code_events(doc, article: Article, actors: Sequence[Actor], quotes: Sequence[Quote] = (),
                dates: Sequence[DateRef] = (), *, patterns: Patterns | None = None,
                coder: Coder | None = None, adjectives: dict[str, str] | None = None,
                places: Sequence[Place] = ()) -> list[Event]:
    """Code the events of one parsed article (``doc`` is the spaCy parse of ``article.text``).

    ``adjectives`` maps country adjectives to ISO codes, so that "Armenian positions" can
    be a target (see ``country_adjectives``); ``places`` are the article's toponyms, from
    which each event takes the one of its own sentence (``resolve.place_for_event``)."""
    patterns = patterns or load_patterns()
    coder = coder or Coder(CODER_NAME, CODER_VERSION, patterns.version)
    return EventCoder(doc, article, actors, quotes, dates, patterns, coder, adjectives, places).code()


def _relative_to_before(trigger, span) -> bool:
    """Whether the trigger's clause is dated as a sequel to what came before: an adverb "later",
    "afterwards" ("Two months later, X invaded") or "the following year", on the trigger or a
    verb above it, in front of that verb."""
    heads = [trigger, *trigger.ancestors]
    for head in heads:
        for c in head.children:
            if c.i > head.i or c.dep_ not in ("advmod", "npadvmod", "prep"):
                continue
            if c.lower_ in SEQUEL_WORDS and c.dep_ == "advmod":
                return True
            if c.dep_ == "npadvmod" and any(a.lower_ in ("following", "next") for a in c.children) \
                    and c.lemma_.lower() in ("year", "month", "week", "day", "spring", "summer", "autumn",
                                             "winter", "fall"):
                return True
            if c.dep_ == "advmod" and c.lower_ == "after" and any(t.lower_ == "later" for t in c.subtree):
                return True
    return False


# verbs whose "if" clause is an embedded question ("asked him if he agreed"), not a condition
QUESTIONING = frozenset({"ask", "wonder", "question", "inquire", "enquire", "query", "know", "check",
                         "decide", "doubt", "see"})


def embedded_question(verb) -> bool:
    """Whether ``verb`` heads (or is conjoined in) an embedded yes/no question, "asked X if/whether
    he agreed", "unclear whether Y will sign": the question is asked, the act is not asserted."""
    head = verb
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    marks = {c.lower_ for c in head.children if c.dep_ == "mark"}
    if "whether" in marks:
        return head.dep_ in ("ccomp", "advcl", "csubj", "pcomp", "xcomp", "acl")
    if "if" in marks and head.dep_ in ("ccomp", "advcl"):
        return head.head.lemma_.lower() in QUESTIONING
    return False


STATEMENT_VERBS = frozenset({"say", "state", "express", "announce", "declare", "note", "add", "stress",
                             "tell", "comment", "remark", "explain", "describe", "insist", "reiterate",
                             "emphasize", "emphasise", "affirm", "confirm", "claim", "suggest", "write"})


def lexicon_trigger(span, patterns: Patterns | None = None):
    """The token the lexicon reads a sentence's code from: the first verb with a matching
    pattern or noun trigger (main clause first, then the clauses below it, breadth first),
    else the first statement verb; None when the sentence has none."""
    patterns = patterns or load_patterns()
    queue, seen, statement = [span.root], set(), None
    while queue:
        tok = queue.pop(0)
        if tok.i in seen:
            continue
        seen.add(tok.i)
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and lemma in patterns.verbs \
                and match_verb(patterns, lemma, _context(tok)) is not None:
            return tok
        if tok.pos_ == "NOUN" and lemma in patterns.nouns:
            return tok
        if statement is None and lemma in STATEMENT_VERBS and tok.pos_ in ("VERB", "AUX"):
            statement = tok
        queue.extend(c for c in tok.children if c.dep_ not in ("punct", "det", "case"))
    return statement


def sentence_code(span, patterns: Patterns | None = None) -> str | None:
    """The CAMEO code the lexicon gives a sentence, ignoring who did it.

    The coder proper needs a resolved source to code an event; this reads only the verbs
    (``lexicon_trigger``), as a sentence-level classifier for sentences whose actors the
    resolver cannot name ("a car bomb killed ..."). A sentence headed by a statement verb
    with nothing more specific is a statement (010), or a demand (100) when what was said
    is that someone "must" act. Intent, refusal and demand frames recode the verb found
    (``stance.reframe``). None when no verb or noun of the lexicon appears.
    """
    patterns = patterns or load_patterns()
    tok = lexicon_trigger(span, patterns)
    if tok is None:
        return None
    lemma = tok.lemma_.lower()
    pattern = match_verb(patterns, lemma, _context(tok)) if tok.pos_ in ("VERB", "AUX") else None
    if pattern is not None:
        return reframe(pattern.code, tok, event_modality(tok, pattern.kind))[0]
    if tok.pos_ == "NOUN":
        return patterns.nouns[lemma]
    # "said the government must ensure security": a demand (100), not a statement
    return "100" if any(c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ == "must" for a in c.children)
                        for c in tok.children) else "010"


def country_adjectives(knowledge) -> dict[str, str]:
    """Map each country adjective ("armenian") and name ("u.s." in "U.S. exports", "south
    sudan" as aid's destination) to its ISO code, from the actor knowledge base."""
    out = {name.lower(): c.iso3 for c in knowledge.countries.values() for name in (c.name, *c.aliases)
           if name[:1].isupper()}
    out.update({adj.lower(): c.iso3 for c in knowledge.countries.values() for adj in c.adjectives})
    return out
