"""Did the act happen? Clause-level cues the coder adds to the attribute stage's modality.

``modality_of`` (forewarn.attribute) reads negation, conditions, future and hedges off the
trigger's own verb chain. These rules look further up the parse: an act someone calls for
or was supposed to do ("called for the Taliban to lift the ban"), a prediction ("expects
North Korea to launch"), "would" outside reported speech, "seldom".
"""
from __future__ import annotations

from ..attribute import explain_modality, modality_of

LIGHT_VERBS = frozenset({"launch", "carry", "conduct", "stage", "mount", "begin", "start", "order",
                         "continue", "escalate", "make", "pay", "hold", "impose"})
SPEECH_LEMMAS = frozenset({"say", "suggest", "claim", "allege", "assert", "insist", "argue", "add",
                           "write", "tell", "state", "note", "accuse", "charge", "warn", "declare",
                           "stress", "believe", "assess", "contend"})
APPEALS = frozenset({"urge", "call", "ask", "demand", "appeal", "press", "want", "hope", "wish", "push",
                     "request", "implore", "plead", "encourage", "invite", "insist", "look", "suppose",
                     "pressure", "persuade", "convince", "lobby", "need", "threaten",
                     "necessary", "essential", "vital", "crucial", "important", "imperative",
                     # nouns and verbs of acts announced or prepared, not done: "the threat to
                     # impose tariffs", "plans to deploy", "preparing to launch a missile"
                     "threat", "plea", "ultimatum", "plan", "proposal", "prepare", "intend"})
# "considering sending aid": an option weighed is not an act done (not "consider themselves warned")
DELIBERATION = frozenset({"consider", "explore", "weigh", "mull", "contemplate", "ponder"})
RARELY = frozenset({"seldom", "rarely", "hardly", "scarcely", "barely"})
EXPECTATION = frozenset({"expect", "anticipate", "predict", "forecast", "fear", "worry", "project"})


def counterfactual(trigger) -> bool:
    """"conditions under which Belarus would join the war": "would" outside reported speech."""
    tok = trigger
    for _ in range(8):
        if any(c.dep_ == "aux" and c.lower_ == "would" for c in tok.children):
            return not any(a.lemma_.lower() in SPEECH_LEMMAS for a in tok.ancestors)
        if tok.dep_ not in ("xcomp", "conj") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def desired(trigger) -> bool:
    """"called for the Taliban to lift the ban": an act someone asks for, presses for, needs,
    threatens or considers has not happened (the threat, the appeal or the deliberation is
    the event)."""
    tok = trigger
    for _ in range(6):
        infinitive = tok.dep_ == "advcl" and any(c.dep_ in ("aux", "mark") and c.lower_ in ("to", "for")
                                                 for c in tok.children)
        if tok.head.i == tok.i or not (tok.dep_ in ("xcomp", "ccomp", "conj", "pcomp", "pobj", "prep", "acl")
                                       or infinitive):
            return False
        child, tok = tok, tok.head
        if tok.lemma_.lower() in APPEALS or (tok.lemma_.lower() in DELIBERATION and child.tag_ == "VBG"):
            return True
    return False


def rarely(trigger) -> bool:
    """"seldom criticized China": an adverb of negative frequency negates the act."""
    return any(c.dep_ in ("advmod", "neg") and c.lower_ in RARELY for c in trigger.children)


def expected(trigger) -> bool:
    """"expecting North Korea to launch a missile": a prediction, not an event (yet)."""
    return any(a.lemma_.lower() in EXPECTATION for a in trigger.ancestors)



def event_modality(trigger, kind: str = "act") -> dict[str, bool]:
    """Negated, hypothetical, future and hedged flags of an event trigger.

    A condition attached to a speech act is its content ("warned of consequences if ..."),
    not a reason to doubt the act; a noun-named event keeps its own polarity ("never
    condemned Russia's invasion" does not negate the invasion).
    """
    flags = dict(modality_of(trigger))
    if kind == "speech" and flags.get("hypothetical"):
        flags["hypothetical"] = any(c != "if-clause" for c in explain_modality(trigger)["hypothetical"])
    if trigger.pos_ == "NOUN" and trigger.head.lemma_.lower() not in LIGHT_VERBS:
        flags["negated"] = flags["hypothetical"] = False
    flags["negated"] = bool(flags.get("negated")) or rarely(trigger)
    flags["hypothetical"] = bool(flags.get("hypothetical")) or counterfactual(trigger) or desired(trigger)
    flags["future"] = bool(flags.get("future")) or expected(trigger)
    flags["hedged"] = bool(flags.get("hedged")) or expected(trigger)
    if trigger.dep_ == "advcl" and trigger.tag_ == "VBG" and trigger.head.pos_ in ("VERB", "AUX") \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children):
        # "may impose sanctions, cutting aid": a participle with no subject of its own is as
        # certain as the verb it hangs on
        head = event_modality(trigger.head, kind)
        for flag in ("hypothetical", "future", "hedged"):
            flags[flag] = flags[flag] or head[flag]
    return flags
