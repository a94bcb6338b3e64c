"""Dependency-parse helpers shared by quote and reported-by extraction.

A *speech act* is a speech verb token ("said", "told", "adding") with its subject (the
speaker), its channel ("told Ukrainska Pravda", "in a statement", "according to Belta")
and its content (the complement clause). Everything here works on one spaCy parse;
offsets are character offsets into ``doc.text``.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from forewarn.attribute import cues

# Dependents that do not belong to the noun phrase we name a speaker or channel by.
_NP_DROP = frozenset({"relcl", "acl", "appos", "conj", "cc", "parataxis", "advcl", "punct"})
_LEADING_DROP = frozenset({"det", "poss", "predet"})


@dataclass(frozen=True)
class Phrase:
    """A stretch of text with its character offsets in the document."""

    text: str
    start: int
    end: int


def is_speech_verb(tok: Token, *, direct: bool = False) -> bool:
    """Tell whether ``tok`` is a speech verb (``direct`` also admits "asked", "urged")."""
    if tok.pos_ not in ("VERB", "AUX") and not tok.tag_.startswith("VB"):
        return False
    lemma = tok.lemma_.lower()
    return lemma in cues.SPEECH_VERBS or (direct and lemma in cues.DIRECT_ONLY_VERBS)


def span_phrase(doc: Doc, first: int, last: int) -> Phrase | None:
    """Return tokens ``first..last`` (inclusive) as a Phrase, trimming edge punctuation."""
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if first > last:
        return None
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    return Phrase(doc[first:last + 1].text, start, end)    # not doc.text: rebuilt on each access


def noun_phrase(head: Token, *, drop_determiner: bool = False) -> Phrase | None:
    """Name the noun phrase headed by ``head``, without relative clauses and appositions.

    ``drop_determiner`` removes a leading "the"/"a"/possessive pronoun ("told the BBC" ->
    "BBC"); a possessive noun ("Ukraine's Foreign Ministry") is always kept.
    """
    keep = {head.i}
    stack = [c for c in head.children if c.dep_ not in _NP_DROP]
    while stack:
        tok = stack.pop()
        keep.add(tok.i)
        stack.extend(c for c in tok.children if c.dep_ not in ("relcl", "acl", "appos", "parataxis"))
    # only the contiguous run around the head: a discontinuous subtree is a parse accident
    first = last = head.i
    while first - 1 in keep:
        first -= 1
    while last + 1 in keep:
        last += 1
    doc = head.doc
    if drop_determiner:
        while first < last and doc[first].dep_ in _LEADING_DROP and doc[first].pos_ in ("DET", "PRON"):
            first += 1
    return span_phrase(doc, first, last)


def strip_the(text: str) -> str:
    """Drop a leading "the " (provenance strings are canonical surfaces without it)."""
    return text[4:] if text[:4].lower() == "the " else text


def subject_of(verb: Token) -> Token | None:
    """Find the grammatical subject of a speech verb, climbing from "adding"/"and added"."""
    seen = 0
    tok = verb
    while seen < 4:
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in ("it", "there"):
                return child
        if tok.dep_ in ("advcl", "conj", "xcomp") and tok.head.i != tok.i:
            tok = tok.head
            seen += 1
            continue
        return None
    return None


def name_of(subject: Token) -> Token:
    """Prefer the proper name in an apposition: "the spokesperson, Oleh Nikolenko"."""
    if subject.pos_ != "PROPN":
        for child in subject.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                return child
    return subject


def according_to(head: Token) -> list[Token]:
    """Return the objects of "according to X" phrases attached to ``head``."""
    found = []
    for child in head.children:
        if child.lower_ == "according":
            for to in child.children:
                if to.lower_ == "to":
                    found.extend(p for p in to.children if p.dep_ == "pobj")
    return found


def _is_date(tok: Token) -> bool:
    return tok.ent_type_ in ("DATE", "TIME")


def _channel_from_noun(noun: Token) -> Phrase | None:
    """"a statement" -> statement; "an interview with CNN" -> CNN; "a post on X" -> X."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("with", "on", "to"):
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and not _is_date(pobj):
                    return noun_phrase(pobj, drop_determiner=True)
    # keep compounds ("video address") but no adjectives or articles ("a statement")
    first = noun.i
    while first > 0 and noun.doc[first - 1].dep_ == "compound" and noun.doc[first - 1].head.i <= noun.i:
        first -= 1
    return span_phrase(noun.doc, first, noun.i)


def _channel_of_prep(prep: Token, verb_lemma: str) -> Phrase | None:
    word = prep.lower_
    for pobj in prep.children:
        if pobj.dep_ != "pobj" or _is_date(pobj):
            continue
        lemma = pobj.lemma_.lower()
        if word in ("in", "during", "through", "via") and lemma in cues.CHANNEL_NOUNS:
            return _channel_from_noun(pobj)
        if word == "on" and (lemma in cues.PLATFORM_NOUNS
                             or (pobj.pos_ == "PROPN" and pobj.ent_type_ not in ("GPE", "NORP", "LOC"))):
            return noun_phrase(pobj, drop_determiner=True)
        if word == "at" and lemma in cues.VENUE_NOUNS:
            return _channel_from_noun(pobj)
        if word == "to" and verb_lemma in ("say", "speak", "write", "talk", "explain", "confirm") \
                and pobj.lower_ not in cues.ALL_PRONOUNS:
            return noun_phrase(pobj, drop_determiner=True)
        if word == "with" and verb_lemma in ("speak", "talk") and pobj.lower_ not in cues.ALL_PRONOUNS:
            return noun_phrase(pobj, drop_determiner=True)
    return None


def channel_of(verb: Token) -> Phrase | None:
    """Find where a speech act was made: "told X", "according to X", "in a statement", ...

    Looks at the verb itself, then at channel-only dependents ("posting on Telegram",
    "speaking at a rally") and finally at the speech verb it hangs from ("adding" inherits
    the "according to Belta" of the "said" it continues).
    """
    lemma = verb.lemma_.lower()
    for obj in according_to(verb):
        return noun_phrase(obj, drop_determiner=True)
    if lemma in ("tell", "inform", "brief"):
        for child in verb.children:
            if child.dep_ in ("dobj", "dative", "iobj") and child.lower_ not in cues.ALL_PRONOUNS \
                    and not _is_date(child):
                return noun_phrase(child, drop_determiner=True)
    for child in verb.children:
        if child.dep_ == "prep":
            found = _channel_of_prep(child, lemma)
            if found:
                return found
    for child in verb.children:
        if child.dep_ in ("advcl", "xcomp", "conj") and child.lemma_.lower() in cues.CHANNEL_VERBS:
            for prep in child.children:
                if prep.dep_ == "prep":
                    found = _channel_of_prep(prep, child.lemma_.lower())
                    if found:
                        return found
    if verb.dep_ in ("advcl", "conj", "xcomp") and is_speech_verb(verb.head, direct=True):
        return channel_of(verb.head)
    return None


def content_of(verb: Token) -> Phrase | None:
    """Return the reported clause of a speech verb: its ccomp, or "a statement that ..."."""
    doc = verb.doc
    # of several complements the largest: a dateline ("OTTAWA — X says ...") is often
    # parsed as a second, one-word ccomp of the verb
    clause = max((c for c in verb.children if c.dep_ == "ccomp"),
                 key=lambda c: c.right_edge.i - c.left_edge.i, default=None)
    if clause is None:
        for prep in verb.children:
            if prep.dep_ != "prep":
                continue
            for pobj in prep.children:
                if pobj.lemma_.lower() in cues.CHANNEL_NOUNS:
                    clause = next((c for c in pobj.children if c.dep_ in ("acl", "ccomp")
                                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None:
        return None
    tokens = [t.i for t in clause.subtree]
    first, last = min(tokens), max(tokens)
    if first < verb.i < last:  # non-projective parse: keep the side the clause head is on
        first, last = (verb.i + 1, last) if clause.i > verb.i else (first, verb.i - 1)
    while first <= last and (doc[first].dep_ == "mark" and doc[first].lower_ == "that"):
        first += 1
    return span_phrase(doc, first, last)


def speaker_phrase(verb: Token) -> tuple[Token, Phrase] | None:
    """Return the speaker's name token and noun phrase for a speech verb, or None."""
    subject = subject_of(verb)
    if subject is None:
        return None
    if subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        subject = verb.head     # "Nunes, the brawler who calls herself ...": the brawler speaks
    name = name_of(subject)
    phrase = noun_phrase(name)
    return (name, phrase) if phrase else None


def main_verbs(sent: Span) -> list[Token]:
    """Return the sentence's main-clause verbs: the root and its coordinated verbs."""
    root = sent.root
    out = [root]
    out.extend(c for c in root.children if c.dep_ in ("conj", "parataxis") and c.pos_ in ("VERB", "AUX"))
    return out
