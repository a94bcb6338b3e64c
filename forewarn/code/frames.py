"""The agent and patient phrases of a trigger verb, whether or not they name an actor.

The coder keeps only arguments it can resolve to an actor; these functions read the verb's
arguments as syntax gives them ("killed 18 people", "rejected the proposal"), for callers
that want the event's participants as text: the patient of an event that has no actor
target, or the agent and patient of the verb that the lexicon alone finds in a sentence
(``sentence_code``) when no actor could be resolved.
"""
from __future__ import annotations

from .coder import lexicon_trigger  # noqa: F401  (re-exported: the trigger whose frame is read)
from .roles import TARGET_PREPS, subject_of

# objects that are a clause's stand-in, not a participant: "said it", "did so"
_NOT_PARTICIPANTS = frozenset({"it", "this", "that", "so", "what", "which", "there", "itself", "themselves"})
# support (light) verbs, whose object names the act itself: "express concern", "launch an
# attack", "claim responsibility", "file a lawsuit", "carry out strikes"
SUPPORT_VERBS = frozenset({"express", "voice", "launch", "carry", "conduct", "file", "lodge", "stage", "mount",
                           "claim", "issue", "extend", "make", "take", "wage", "step"})
_PUBLISHING_VERBS = frozenset({"release", "publish", "put", "send", "deliver", "sign"})
# an object that is an amount is what is given, not who receives it: "provided $5 million to X"
_AMOUNTS = frozenset({"MONEY", "QUANTITY", "PERCENT", "CARDINAL"})
_SUPPORT_PREPS = frozenset({"for", "about", "over", "regarding", "at", "into"})
_ACT_PREPS = frozenset({"on", "upon", "against", "to", "toward", "towards"})
_HEADS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})


def agent(trigger):
    """The head of the trigger's doer: its subject (climbing through controlling verbs), or
    the agent of a passive ("was shelled by rebels"); for a participle on the noun a verb
    issues, who issued it ("X issued a statement calling on Y": X); a noun trigger's
    possessor or "by" object ("Iran's attack", "an attack by rebels"), else the agent of the
    verb it is the object of ("rebels stepped up attacks"). None when the text gives none."""
    if trigger.pos_ in ("NOUN", "PROPN"):
        for c in trigger.children:
            if c.dep_ == "poss":
                return _participant(c)
            if c.dep_ == "prep" and c.lower_ == "by":
                return _participant(next((p for p in c.children if p.dep_ == "pobj"), None))
        verb = _governing_verb(trigger)
        return agent(verb) if verb is not None else None
    head, _ = subject_of(trigger)
    if head is not None and trigger.dep_ == "acl" and trigger.tag_ != "VBN" and head.i == trigger.head.i \
            and head.dep_ == "dobj" and head.head.lemma_.lower() in SUPPORT_VERBS | _PUBLISHING_VERBS:
        # "X issued a statement calling on Y": who calls is who issued it, not the statement
        head, _ = subject_of(head.head)
    return _participant(head)


def patient(trigger):
    """The head of what the trigger acts on: its direct object, the subject of a passive
    ("18 people were killed"), else the object of a preposition that names a target
    ("called on the government", "fired at protesters"); a noun trigger's "on/against/of"
    object ("an attack on the base"), else the object of the verb it depends on ("pounded
    the town with airstrikes"). None when the text gives none."""
    if trigger.pos_ in ("NOUN", "PROPN"):
        for c in trigger.children:
            if c.dep_ == "prep" and c.lower_ in ("on", "against", "of", "upon"):
                return _participant(next((p for p in c.children if p.dep_ == "pobj"), None))
        verb = _governing_verb(trigger)
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None) if verb is not None else None
        # "pounded the town with airstrikes": the verb's object is what the act was done to
        return _participant(obj) if obj is not None and obj.i != trigger.i else None
    obj = next((c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")), None)
    support = trigger.lemma_.lower() in SUPPORT_VERBS
    recipient = _prep_object(trigger, TARGET_PREPS - {"over"})
    if obj is not None and (obj.pos_ in ("NOUN", "NUM") and (not obj.ent_type_ or obj.ent_type_ in _AMOUNTS)):
        # a support verb's object is the act, its prepositional object who it is done to:
        # "launched strikes on the town", "expressed condolences to the families"; a thing
        # given goes to its recipient ("provided $5 million to X"), a measure lifted to whom it
        # was imposed on ("lifted a ban imposed on X")
        recipient = _prep_object(obj, _ACT_PREPS | _SUPPORT_PREPS if support else _ACT_PREPS) \
            or _imposed_on(obj) or recipient
        if recipient is not None:
            return _participant(recipient)
        if support:
            return None     # "expressed surprise", "carried out a raid": the act, not who it is done to
    if obj is not None:
        return _participant(obj)
    found = next((c for c in trigger.children if c.dep_ in ("dative", "iobj", "oprd")), None)
    return _participant(found if found is not None else recipient)


def _governing_verb(noun):
    """The verb a noun trigger is the object of, directly or through a preposition
    ("stepped up attacks", "pounded the town with airstrikes"); None otherwise."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif noun.dep_ != "dobj":
        return None
    return head if head.pos_ in ("VERB", "AUX") and head.i != noun.i else None


def _imposed_on(noun):
    """Who a measure is aimed at through a participle on it: "a ban imposed on X", "sanctions
    levelled against X"."""
    for c in noun.children:
        if c.dep_ == "acl" and c.tag_ == "VBN":
            found = _prep_object(c, {"on", "upon", "against"})
            if found is not None:
                return found
    return None


def _prep_object(head, preps):
    for c in head.children:
        if c.dep_ in ("prep", "prt") and c.lower_ in preps:
            found = next((p for p in c.children if p.dep_ == "pobj"), None)
            if found is not None and found.ent_type_ not in ("DATE", "TIME"):
                return found
    return None


def _participant(tok):
    if tok is None or tok.pos_ not in _HEADS or tok.lower_ in _NOT_PARTICIPANTS:
        return None
    return tok
