"""Syntactic cues that place a named person whom neither a title nor the knowledge base places.

Each cue reads the dependency parse around the person's name and points at another actor
mention that the person belongs to; the resolver then gives the person that mention's
country (and, where the relation says so, its sector):

- a relational apposition: "Berisha's successor, Lulzim Basha" (same country), "his wife,
  Jane Roe" (same country, a civilian: CVL);
- the leader of a group: "senators led by Jim Roe and John Doe", "a delegation headed by
  Jane Roe" (the group's country and sector);
- an affiliation in an apposition or a copular predicate: "John Doe, an analyst at the
  Acme Institute", "Doe is a professor at the University of Nairobi" (the body's country
  and sector).

``lookup(i)`` returns the resolved mention covering token ``i`` (or None); cues never
guess a country that no mention in the text carries.
"""
from __future__ import annotations

from typing import Callable, Protocol

from spacy.tokens import Token

__all__ = ["Cue", "person_cue"]

# kinship nouns: a relative shares the family's country but not its office
KIN = {"wife", "husband", "son", "daughter", "brother", "sister", "father", "mother", "widow",
       "widower", "spouse", "child", "children", "sons", "daughters", "brothers", "sisters",
       "nephew", "niece", "cousin", "uncle", "aunt", "grandson", "granddaughter", "son-in-law",
       "daughter-in-law", "brother-in-law", "sister-in-law", "father-in-law", "parents"}
# relations of office: the other holder serves the same state
OFFICE = {"successor", "predecessor", "deputy", "aide", "adviser", "advisor", "chief of staff"}
_LEAD = {"lead", "head", "chair", "command"}
_AFFILIATION = {"at", "with", "for"}
_AFFILIATED_KINDS = {"org", "body"}
_POSSESSIVE_PRONOUNS = {"his", "her", "their"}


class Cue(Protocol):
    country: str | None
    sector: str | None
    kind: str | None


Lookup = Callable[[int], "Cue | None"]


def person_cue(root: Token, lookup: Lookup) -> tuple[str, str | None] | None:
    """(country, sector or None) for the person whose name ends at ``root``, or None."""
    for cue in (_relation, _leader, _affiliation):
        found = cue(root, lookup)
        if found is not None:
            return found
    return None


def _placed(tok: Token, lookup: Lookup) -> Cue | None:
    m = lookup(tok.i)
    return m if m is not None and m.country else None


def _relation(root: Token, lookup: Lookup) -> tuple[str, str | None] | None:
    """The name is in apposition to a relational noun: "his wife, NAME", "X's successor, NAME"."""
    noun = root.head
    if root.dep_ != "appos" or noun.pos_ != "NOUN":
        return None
    word = noun.lower_
    if word not in KIN and word not in OFFICE:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    if owner.lower_ in _POSSESSIVE_PRONOUNS:
        # "Doe, his wife, NAME": the pronoun points back along the apposition chain
        tok, hops = noun, 0
        found = None
        while tok.dep_ in ("appos", "conj") and tok.head is not tok and hops < 4:
            tok, hops = tok.head, hops + 1
            found = _placed(tok, lookup)
            if found is not None:
                break
    else:
        found = _placed(owner, lookup)
    if found is None or found.kind not in ("person", "role", "state"):
        return None
    return found.country, "CVL" if word in KIN else None


def _leader(root: Token, lookup: Lookup) -> tuple[str, str | None] | None:
    """The name is the agent of "led/headed by" modifying a group: "senators led by NAME"."""
    tok, hops = root, 0
    while tok.dep_ == "conj" and tok.head is not tok and hops < 4:
        tok, hops = tok.head, hops + 1
    by = tok.head
    if tok.dep_ != "pobj" or by.lower_ != "by" or by.dep_ != "agent":
        return None
    verb = by.head
    if verb.lemma_.lower() not in _LEAD or verb.dep_ != "acl":
        return None
    group = _placed(verb.head, lookup)
    if group is None or group.kind not in ("group", "body", "org", "role"):
        return None
    return group.country, group.sector


def _affiliation(root: Token, lookup: Lookup) -> tuple[str, str | None] | None:
    """An apposition or copular predicate places the person at a body: "NAME, an analyst at
    the Acme Group", "NAME is a professor at the University of X"."""
    nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        verbs = [root.head] + [c for c in root.head.children if c.dep_ == "conj" and c.lemma_ == "be"
                               and not any(g.dep_ == "nsubj" for g in c.children)]
        nouns += [c for v in verbs for c in v.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
    for noun in nouns:
        found = _at_body(noun, lookup, 0)
        if found is not None:
            return found.country, found.sector
    return None


def _at_body(noun: Token, lookup: Lookup, depth: int) -> Cue | None:
    """The first "at/with/for BODY" within the noun phrase (through "of" and coordination)."""
    if depth > 4:
        return None
    for child in noun.children:
        if child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                if child.lower_ in _AFFILIATION:
                    found = _placed(obj, lookup)
                    if found is not None and found.kind in _AFFILIATED_KINDS:
                        return found
                if child.lower_ in _AFFILIATION or child.lower_ == "of":
                    found = _at_body(obj, lookup, depth + 1)
                    if found is not None:
                        return found
        elif child.dep_ == "conj" and child.pos_ == "NOUN":
            found = _at_body(child, lookup, depth + 1)
            if found is not None:
                return found
    return None
