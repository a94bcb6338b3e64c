"""Modality of an event trigger: negated, hypothetical, future, hedged.

The coder calls :func:`modality_of` once per event trigger token. Flags come from the
trigger's own clause (its verb chain: "did not *attack*", "does not intend to *attack*",
"is likely working to *pressure*") and, for conditions and uncertainty, from any clause
above it ("If ... Ukraine has *used* force", "it was not immediately clear if ...").
Whether an event is historical is decided by the caller from its date, not here.

Cue words are the frozensets in :mod:`forewarn.attribute.cues`.
"""
from __future__ import annotations

from spacy.tokens import Token

from forewarn.attribute import cues

FLAGS = ("negated", "hypothetical", "future", "hedged")
_CHAIN_DEPS = frozenset({"xcomp", "acomp", "aux", "auxpass", "pcomp", "oprd"})
_MAX_CLIMB = 12


def modality_of(trigger: Token) -> dict[str, bool]:
    """Return ``{"negated", "hypothetical", "future", "hedged"}`` flags for an event trigger.

    The keys are field names of :class:`forewarn.models.Modality`, so
    ``Modality(**modality_of(tok), claimed_by=...)`` works.
    """
    return {flag: bool(found) for flag, found in explain_modality(trigger).items()}


def explain_modality(trigger: Token) -> dict[str, list[str]]:
    """Return the cue words behind each modality flag (for audit and debugging)."""
    chain = verb_chain(trigger)
    found: dict[str, list[str]] = {flag: [] for flag in FLAGS}
    conditional = _conditional(trigger, chain)
    found["hypothetical"].extend(conditional)
    for tok in chain:
        _negation(tok, tok.i == trigger.i, found["negated"])
        _future(tok, tok.i == trigger.i, found["future"])
        _hedge(tok, tok.i == trigger.i, found["hedged"])
        for child in tok.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in cues.CONDITIONAL_MODALS | cues.HEDGE_MODALS:
                # "could" in a conditional is part of the condition, elsewhere a hedge
                if conditional and child.lower_ in cues.CONDITIONAL_MODALS:
                    found["hypothetical"].append(child.lower_)
                elif child.lower_ in cues.HEDGE_MODALS:
                    found["hedged"].append(child.lower_)
    _noun_negation(trigger, found["negated"])
    found["hedged"].extend(_uncertainty_above(trigger))
    sentence = trigger.sent.text.lower()
    found["hedged"].extend(p for p in cues.HEDGE_PHRASES if p in sentence and p not in found["hedged"]
                           and ("verified" in p or "unconfirmed" in p))
    return found


def verb_chain(trigger: Token) -> list[Token]:
    """Return the trigger and the verbs that govern it within its clause.

    "does not intend to attack" -> [attack, intend]; "did not launch an attack" (trigger
    "attack") -> [attack, launch]; a coordinated verb with no subject or auxiliary of its
    own ("did not attack or threaten") shares the chain of the verb it is coordinated with.
    """
    chain = [trigger]
    tok = trigger
    for _ in range(_MAX_CLIMB):
        head = tok.head
        if head.i == tok.i:
            break
        dep = tok.dep_
        own = any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children)
        if dep in _CHAIN_DEPS or (dep in ("dobj", "attr", "nsubjpass") and tok.pos_ in ("NOUN", "PROPN")
                                  and head.pos_ in ("VERB", "AUX")) or (dep == "conj" and not own):
            chain.append(head)
            tok = head
            continue
        if dep == "pcomp" or (dep == "pobj" and head.dep_ == "prep"):
            break
        break
    return chain


def _negation(tok: Token, is_trigger: bool, out: list[str]) -> None:
    for child in tok.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
            out.append(child.lower_)
        elif child.dep_ == "advmod" and child.lower_ in ("longer", "more") and \
                any(g.dep_ == "neg" or g.lower_ == "no" for g in child.children):
            out.append("no " + child.lower_)
    lemma = tok.lemma_.lower()
    if not is_trigger and lemma in cues.NEGATING_VERBS:
        if lemma != "rule" or any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children):
            out.append(lemma)
    if tok.dep_ == "pcomp" and tok.head.lower_ == "without":
        out.append("without")
    if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in ("deny", "reject"):
        out.append(tok.head.lemma_.lower())


def _noun_negation(trigger: Token, out: list[str]) -> None:
    """"the absence of any aggressive intentions", "without an attack"."""
    tok = trigger
    for _ in range(3):
        if tok.dep_ != "pobj" or tok.head.dep_ != "prep":
            return
        prep = tok.head
        if prep.lower_ == "without":
            out.append("without")
            return
        if prep.lower_ == "of" and prep.head.lemma_.lower() in cues.NEGATING_NOUNS:
            out.append(prep.head.lemma_.lower())
            return
        tok = prep.head


def _future(tok: Token, is_trigger: bool, out: list[str]) -> None:
    for child in tok.children:
        if child.dep_ == "aux" and (child.lower_ in cues.FUTURE_AUX or child.lemma_.lower() in ("will", "shall")):
            out.append(child.lower_)
        elif child.dep_ == "aux" and child.lower_ == "would" and _reported(tok):
            out.append("would")     # "said it would send troops": the future seen from the past
    if is_trigger:
        return
    lemma = tok.lemma_.lower()
    if lemma == "go" and tok.lower_ != "going":
        return
    if lemma == "set" and not any(c.dep_ in ("auxpass", "aux") for c in tok.children):
        return
    if lemma in cues.FUTURE_VERBS:
        out.append(tok.lower_)


def _reported(verb: Token) -> bool:
    """Whether a clause is what a speech verb reports, directly or as a later conjunct: "said
    it would ...", "told reporters that it was unfair and that he would ..."."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in cues.SPEECH_VERBS


def _hedge(tok: Token, is_trigger: bool, out: list[str]) -> None:
    for child in tok.children:
        if child.dep_ in ("advmod", "amod", "acomp") and child.lower_ in cues.HEDGE_ADVERBS:
            out.append(child.lower_)
        elif child.dep_ == "amod" and child.lower_ in cues.HEDGE_ADJECTIVES:
            out.append(child.lower_)
    if is_trigger:
        return
    lemma = tok.lemma_.lower()
    if lemma in cues.HEDGE_RAISING_VERBS:
        out.append(tok.lower_)
    elif lemma in cues.HEDGE_PASSIVE_VERBS and any(c.dep_ == "auxpass" for c in tok.children):
        out.append(f"is {tok.lower_} to")
    elif tok.pos_ == "ADJ" and lemma in cues.HEDGE_ADJECTIVES | cues.HEDGE_ADVERBS:
        out.append(tok.lower_)


def _ancestors(trigger: Token) -> list[Token]:
    out, tok = [trigger], trigger
    for _ in range(_MAX_CLIMB):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        out.append(tok)
    return out


def _uncertain_frame(tok: Token) -> str | None:
    """"unclear", "not (immediately) clear" on ``tok`` or its acomp."""
    for cand in [tok] + [c for c in tok.children if c.dep_ == "acomp"]:
        lemma = cand.lemma_.lower()
        if lemma in cues.UNCERTAIN_PREDICATES:
            return lemma
        if lemma in cues.CERTAIN_PREDICATES:
            negated = any(c.dep_ == "neg" for c in cand.children) or \
                any(c.dep_ == "neg" for c in cand.head.children)
            if negated:
                return "not " + lemma
    return None


def _whether_clause(clause: Token) -> bool:
    """Tell whether an "if" clause is an embedded question ("not clear if ...")."""
    return clause.dep_ in ("ccomp", "csubj") or _uncertain_frame(clause.head) is not None


def _conditional(trigger: Token, chain: list[Token]) -> list[str]:
    """Cues that the trigger is inside an if-clause or is the main clause of one."""
    out = []
    for tok in _ancestors(trigger):
        marks = [c.lower_ for c in tok.children if c.dep_ == "mark" and c.lower_ in cues.CONDITIONAL_MARKS]
        if marks and not (marks[0] == "if" and _whether_clause(tok)):
            out.append(marks[0])
    for tok in chain:
        for child in tok.children:
            if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in cues.CONDITIONAL_MARKS
                                             for m in child.children) and not _whether_clause(child):
                out.append("if-clause")
    return out


def _uncertainty_above(trigger: Token) -> list[str]:
    out = []
    for tok in _ancestors(trigger)[1:]:
        frame = _uncertain_frame(tok)
        if frame:
            out.append(frame)
            break
    return out
