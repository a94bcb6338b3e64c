"""Sentence-level attribution: who says or reports what a sentence claims.

``reported_by`` is provenance (an outlet, "analysts", a ministry's assessment), never an
actor. For a sentence, it is, in order:

1. every "according to X" (X without a leading "the": "Belarusian Ministry of Defense");
2. a named outlet the speech was made to or in: "told Ukrainska Pravda", "in an interview
   with CNN", "was quoted by Belta", "citing the ministry";
3. when 1 and 2 found nothing, the subject of a main-clause speech or assessment verb
   that has a complement: "..., analysts say", "TASS reported that ...", "..., Ukraine's
   Foreign Ministry assesses", "X said (that) ...".

So for "X told Y ..." with Y a named outlet, Y is returned and X is left to the coder as
the claimant (``Modality.claimed_by``); for "X told reporters" (an audience, not an
outlet) X is returned. Pronoun subjects are never returned.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from forewarn.attribute import cues, speech


@dataclass(frozen=True)
class Attribution:
    """The speech act that frames a sentence, if any.

    ``speaker_span`` are the character offsets of the speaker's noun phrase (the proper
    name in an apposition); ``content_start``/``content_end`` the character range of the
    reported content (the complement clause, or the clause an "according to" hangs from).
    An event found inside the content is *claimed by* the speaker; an event outside it
    (or the speech verb itself) is the speech act.
    """

    speaker_span: tuple[int, int] | None = None
    speaker: str | None = None
    verb: str | None = None
    channel: str | None = None
    reported_by: tuple[str, ...] = ()
    content_start: int | None = None
    content_end: int | None = None

    def contains(self, offset: int) -> bool:
        """Tell whether a character offset lies in the reported content."""
        return self.content_start is not None and self.content_end is not None \
            and self.content_start <= offset < self.content_end


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok, depth = tok.head, depth + 1
    return depth


def attribution_verb(sent: Span) -> Token | None:
    """Return the sentence's framing speech verb: the highest one that has content."""
    candidates = [t for t in sent if speech.is_speech_verb(t) and speech.content_of(t) is not None]
    if not candidates:
        candidates = [t for t in speech.main_verbs(sent)
                      if t.lemma_.lower() in cues.REPORT_VERBS and speech.content_of(t) is not None]
    return min(candidates, key=lambda t: (_depth(t), t.i)) if candidates else None


def _according_clause(sent: Span) -> tuple[Token, Token] | None:
    for tok in sent:
        if tok.lower_ == "according" and tok.dep_ == "prep":
            objs = speech.according_to(tok.head)
            if objs:
                return tok, objs[0]
    return None


def _named(phrase: speech.Phrase | None, verb: Token) -> bool:
    """Tell whether a channel is a named outlet (a proper noun), not an audience."""
    if phrase is None or phrase.text.lower() in cues.GENERIC_AUDIENCES:
        return False
    span = verb.doc.char_span(phrase.start, phrase.end, alignment_mode="expand")
    return span is not None and span.root.pos_ == "PROPN"


def _outlets(sent: Span, verb: Token | None) -> list[str]:
    """Named outlets: "told Ukrainska Pravda", "quoted by Belta", "citing the ministry"."""
    out: list[str] = []
    if verb is not None:
        channel = speech.channel_of(verb)
        if channel and _named(channel, verb) and not speech.according_to(verb):
            out.append(speech.strip_the(channel.text))
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma in ("quote", "report") and any(c.dep_ == "auxpass" for c in tok.children):
            for agent in (c for c in tok.children if c.dep_ == "agent"):
                out.extend(speech.strip_the(p.text) for o in agent.children if o.dep_ == "pobj"
                           for p in [speech.noun_phrase(o)] if p)
        if tok.lower_ == "citing":
            out.extend(speech.strip_the(p.text) for o in tok.children if o.dep_ == "dobj"
                       for p in [speech.noun_phrase(o)] if p)
    return out


def find_reported_by(sent: Span) -> list[str]:
    """Return who reports the sentence's claim, as provenance strings ([] when none)."""
    found: list[str] = []
    for tok in sent:
        if tok.lower_ == "according" and tok.dep_ == "prep":
            for obj in speech.according_to(tok.head):
                phrase = speech.noun_phrase(obj)
                if phrase:
                    found.append(speech.strip_the(phrase.text))
    verb = attribution_verb(sent)
    found.extend(_outlets(sent, verb))
    main = verb is not None and (verb.dep_ == "ROOT" or (
        verb.dep_ in ("conj", "parataxis") and verb.head.dep_ == "ROOT"))
    if not found and verb is not None and main:
        spoken = speech.speaker_phrase(verb)
        if spoken and spoken[0].lower_ not in cues.ALL_PRONOUNS:
            found.append(speech.strip_the(spoken[1].text))
    return list(dict.fromkeys(found))


def sentence_attribution(sent: Span) -> Attribution:
    """Describe the speech act that frames ``sent`` (an empty Attribution when none)."""
    verb = attribution_verb(sent)
    reported_by = tuple(find_reported_by(sent))
    if verb is not None:
        spoken = speech.speaker_phrase(verb)
        channel = speech.channel_of(verb)
        content = speech.content_of(verb)
        return Attribution(
            speaker_span=(spoken[1].start, spoken[1].end) if spoken else None,
            speaker=spoken[1].text if spoken else None,
            verb=verb.lemma_.lower(), channel=channel.text if channel else None,
            reported_by=reported_by,
            content_start=content.start if content else None,
            content_end=content.end if content else None)
    according = _according_clause(sent)
    if according is not None:
        prep, obj = according
        phrase = speech.noun_phrase(obj)
        head = prep.head
        drop = {t.i for t in prep.subtree}
        keep = [t.i for t in head.subtree if t.i not in drop]
        side = [i for i in keep if (i < prep.i if prep.i > head.i else i > max(drop))]
        content = speech.span_phrase(sent.doc, min(side), max(side)) if side else None
        return Attribution(
            speaker_span=(phrase.start, phrase.end) if phrase else None,
            speaker=phrase.text if phrase else None, verb="according to",
            reported_by=reported_by,
            content_start=content.start if content else None,
            content_end=content.end if content else None)
    return Attribution(reported_by=reported_by)
