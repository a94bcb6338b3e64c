"""The agent and patient phrases of a trigger verb, whether or not they name an actor.

The coder keeps only arguments it can resolve to an actor; these functions read the verb's
arguments as syntax gives them ("killed 18 people", "rejected the proposal"), for callers
that want the event's participants as text: the patient of an event that has no actor
target, or the agent and patient of the verb that the lexicon alone finds in a sentence
(``sentence_code``) when no actor could be resolved.
"""
from __future__ import annotations

from .coder import lexicon_trigger  # noqa: F401  (re-exported: the trigger whose frame is read)
from .roles import TARGET_PREPS, TRANSFER_VERBS, misparsed_subject, subject_of

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
# measures and acts that apply to someone or somewhere: what a "ceasefire in X", a "blockade
# of X" or "sanctions on X" is declared, lifted or eased for is X, not the measure
MEASURE_NOUNS = frozenset({"ceasefire", "cease-fire", "truce", "curfew", "blockade", "siege", "embargo", "sanction",
                           "ban", "boycott", "restriction", "lockdown", "closure", "quarantine", "emergency",
                           "occupation", "offensive", "attack", "assault", "invasion", "bombardment", "shelling",
                           "airstrike", "strike", "crackdown", "annexation"})
_MEASURE_PREPS = frozenset({"of", "on", "upon", "against", "in", "over", "across", "throughout"})
# things given: who gets them is named "to X" or "for X" ("$5 million in aid to X", "funding
# for X"), wherever the parse hangs that phrase in the object
GIVEN_NOUNS = frozenset({"aid", "assistance", "funding", "fund", "support", "help", "relief", "supply", "donation",
                         "grant", "loan", "equipment", "material", "shelter", "food", "medicine", "vaccine"})
_BENEFICIARY_PREPS = frozenset({"to", "for"})
# an attitude is about something: "expressed pessimism about X", "said it is skeptical of X",
# "said they hoped that X would ...": the target is its theme
ATTITUDE_NOUNS = frozenset({"pessimism", "optimism", "concern", "hope", "surprise", "skepticism", "scepticism",
                            "doubt", "confidence", "satisfaction", "disappointment", "regret", "frustration",
                            "dismay", "alarm", "worry", "fear", "displeasure"})
ATTITUDE_ADJECTIVES = frozenset({"skeptical", "sceptical", "pessimistic", "optimistic", "hopeful", "confident",
                                 "concerned", "worried", "doubtful", "upbeat", "wary", "satisfied", "disappointed",
                                 "frustrated", "dismayed", "alarmed", "positive", "negative"})
ATTITUDE_VERBS = frozenset({"hope", "expect", "fear", "doubt", "worry", "trust"})
# a charge denied or rejected points at whoever made it: "denied charges by X", "rejected
# accusations from X"
ACCUSATION_NOUNS = frozenset({"charge", "accusation", "allegation", "claim", "criticism", "complaint", "assertion",
                              "suggestion", "report"})
_STATEMENT_VERBS = frozenset({"say", "tell", "state", "add", "insist", "note", "declare", "announce", "write"})
_THEME_PREPS = frozenset({"about", "over", "of", "on", "in", "at", "regarding", "concerning", "with", "for"})
_BENEFICIARY_ENTS = frozenset({"GPE", "ORG", "NORP", "PERSON", "LOC", "FAC"})


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
    if head is None and trigger.dep_ == "pcomp" and trigger.head.head.pos_ in ("VERB", "AUX"):
        head, _ = subject_of(trigger.head.head)    # "stormed the base after striking it": who stormed
    if head is None:
        head = misparsed_subject(trigger)
    if head is not None and head.lower_ in _ANAPHORS:
        return head        # "X says it is providing ...": the phrase stands for its antecedent
    return _participant(head)


# pronouns a doer may be named by, standing for a named antecedent
_ANAPHORS = frozenset({"it", "they", "he", "she"})


def patient(trigger):
    """The head of what the trigger acts on: its direct object, the subject of a passive
    ("18 people were killed"), else the object of a preposition that names a target
    ("called on the government", "fired at protesters"); a noun trigger's "on/against/of"
    object ("an attack on the base"), else the object of the verb it depends on ("pounded
    the town with airstrikes"). Where the object is not who the act concerns, the target is:
    the theme of an attitude ("expressed pessimism about X", "said it is skeptical of X"), the
    maker of a charge denied ("denied charges by X"), whom or where a measure applies to
    ("lifted its blockade of X", "a ceasefire in X"), and who receives a thing given or
    transferred ("$5 million in aid to X", "extradited the suspect to X"). None when the text
    gives none."""
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
    if obj is None and trigger.lemma_.lower() in _STATEMENT_VERBS | ATTITUDE_VERBS:
        theme = _attitude_theme(trigger)
        if theme is not None:      # "said it is skeptical about X", "said they hoped X would"
            return _participant(theme)
    if obj is not None and support and obj.lemma_.lower() in ATTITUDE_NOUNS:
        theme = _theme(obj) or _theme(trigger)
        if theme is not None:      # "expressed pessimism about X", "voiced hope that X will"
            return _participant(theme)
    recipient = _prep_object(trigger, TARGET_PREPS - {"over"})
    dative = next((c for c in trigger.children if c.dep_ in ("dative", "iobj") and _is_party(c)), None)
    if obj is not None and dative is not None and obj.pos_ == "NOUN" and not obj.ent_type_:
        return _participant(dative)    # "gives Putin a deadline", "offered Kenya support": who gets it
    if obj is not None and obj.lemma_.lower() in ACCUSATION_NOUNS:
        accuser = _prep_object(obj, {"from", "by"}) or _prep_object(trigger, {"from", "by"})
        if accuser is not None:    # "denied charges by X": X made them
            return _participant(accuser)
    if obj is not None and obj.pos_ == "NOUN" and obj.ent_type_ not in _BENEFICIARY_ENTS:
        applied = _applies_to(obj, trigger)
        if applied is not None:    # "declared a ceasefire in X", "lifted its blockade of X"
            return _participant(applied)
    if obj is not None and (_given(obj) or trigger.lemma_.lower() in TRANSFER_VERBS):
        given_to = _beneficiary(obj, trigger)
        if given_to is not None:   # "provided $3 million in aid to X", "announced funding for X"
            return _participant(given_to)
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


def _theme(head):
    """What an attitude word is about: its "about/over/of/in ..." object (the object of a
    gerund there: "about bringing X to ..."), else the subject of the clause it governs
    ("hope that X will ...")."""
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in _THEME_PREPS:
            found = next((p for p in c.children if p.dep_ in ("pobj", "pcomp")), None)
            if found is not None and found.pos_ in ("VERB", "AUX"):
                found = next((p for p in found.children if p.dep_ in ("dobj", "nsubj", "nsubjpass")), None)
            if found is not None and found.ent_type_ not in ("DATE", "TIME"):
                return found
    for c in head.children:
        if c.dep_ in ("ccomp", "acl") and c.pos_ in ("VERB", "AUX"):
            found = next((p for p in c.children if p.dep_ in ("nsubj", "nsubjpass")), None)
            if found is not None:
                return found
    return None


def _attitude_theme(verb):
    """The theme of an attitude a statement reports: "X said it is skeptical about Y" (Y),
    "X said they hoped that Y would ..." (Y); the verb may itself be the attitude ("hoped")."""
    if verb.lemma_.lower() in ATTITUDE_VERBS:
        return _theme(verb) or next((c for c in verb.children if c.dep_ == "dobj"), None)
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        if clause.lemma_.lower() in ATTITUDE_VERBS:
            return _theme(clause) or next((c for c in clause.children if c.dep_ == "dobj"), None)
        if clause.lemma_.lower() in ATTITUDE_ADJECTIVES:
            return _theme(clause)
        adjective = next((c for c in clause.children if c.dep_ == "acomp" and c.lemma_.lower() in ATTITUDE_ADJECTIVES),
                         None)
        if adjective is not None:
            return _theme(adjective)
    return None


def is_measure(noun) -> bool:
    """Whether a noun names a measure or act aimed at someone ("blockade", "state of emergency",
    "curfew hours", "travel ban")."""
    lemma = noun.lemma_.lower()
    if any(c.dep_ == "compound" and c.lemma_.lower() in MEASURE_NOUNS for c in noun.children):
        return True
    if lemma == "state":    # "a state of emergency"
        return any(c.dep_ == "prep" and c.lower_ == "of" and any(p.lemma_.lower() == "emergency" for p in c.children)
                   for c in noun.children)
    return lemma in MEASURE_NOUNS


def _applies_to(obj, verb):
    """Whom or where a measure object applies to: its "of/on/against/in" object ("a blockade
    of Yemen", "a ceasefire in Idlib", "a state of emergency in the north"), else the verb's
    "in" object ("declared a ceasefire on Monday in South Sudan"); None for other objects."""
    if not is_measure(obj):
        return None
    for c in obj.children:
        if c.dep_ == "acl" and c.tag_ == "VBN":   # "curfew hours imposed in X", "a ban imposed on X"
            found = _prep_object(c, _MEASURE_PREPS - {"of", "over"})
            if found is not None:
                return found
    for c in obj.children:
        if c.dep_ == "prep" and c.lower_ in _MEASURE_PREPS:
            found = next((p for p in c.children if p.dep_ == "pobj" and p.ent_type_ not in ("DATE", "TIME")), None)
            if found is not None and found.lemma_.lower() != "emergency":
                return found
            if found is not None:   # "state of emergency in X": the "in" hangs on "emergency"
                inner = _prep_object(found, _MEASURE_PREPS - {"of"})
                if inner is not None:
                    return inner
    return _prep_object(verb, {"in", "across", "throughout"})


def _given(obj) -> bool:
    """Whether an object is a thing given: an amount ("$5 million", "3 million euros"), a
    noun of aid, or an increase in one ("a sixfold increase in funding")."""
    if obj.ent_type_ in _AMOUNTS or obj.pos_ == "NUM" or obj.lemma_.lower() in GIVEN_NOUNS:
        return True
    if obj.lemma_.lower() in _CURRENCIES:
        return True
    return obj.lemma_.lower() in ("increase", "boost", "rise") and any(
        p.lemma_.lower() in GIVEN_NOUNS for c in obj.children if c.dep_ == "prep" and c.lower_ == "in"
        for p in c.children)


def _beneficiary(obj, verb):
    """Who receives a thing given: the first "to X"/"for X" in the object's phrase or on the
    verb that names a party (a named entity or a noun for people), not a purpose ("for
    reconstruction")."""
    stack = [verb, obj]
    seen = set()
    while stack:
        head = stack.pop(0)
        if head.i in seen:
            continue
        seen.add(head.i)
        for c in head.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in _BENEFICIARY_PREPS:
                found = next((p for p in c.children if p.dep_ == "pobj"), None)
                if found is not None and _is_party(found):
                    return found
            if head is not verb and c.dep_ in ("prep", "pobj", "compound", "nmod", "quantmod") and c.i != verb.i:
                stack.append(c)   # "$3 million in funding to X": look inside the object's phrase
    # a purpose clause names whom it is for: "aid to help Haiti cope", "funding to support refugees"
    purposes = [c for head in (obj, verb) for c in head.children
                if c.dep_ in ("acl", "advcl", "xcomp", "relcl") and c.pos_ == "VERB"
                and c.lemma_.lower() in _HELP_VERBS]
    for purpose in purposes:
        helped = next((c for c in purpose.children if c.dep_ == "dobj"), None) or next(
            (g for c in purpose.children if c.dep_ == "xcomp" for g in c.children if g.dep_ == "nsubj"), None)
        if helped is not None and _is_party(helped):
            return helped
    # no one named as receiving it: aid given "in X" goes to the place ("$340 million for
    # assistance in northern Iraq", "funding to fight the epidemic in West Africa")
    phrases = [obj, *(c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "in")),
               *(c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB")]
    for tok in (t for phrase in phrases for t in phrase.subtree):
        if tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.ent_type_ in ("GPE", "LOC"):
            return tok
    return None


_CURRENCIES = frozenset({"euro", "dollar", "pound", "yuan", "yen", "rupee", "franc", "shekel", "ruble", "rouble",
                         "riyal", "dirham", "krone", "krona", "won", "lira", "rand", "naira", "shilling"})
# verbs of a purpose clause whose object is whom a thing given is for: "aid to help Haiti"
_HELP_VERBS = frozenset({"help", "assist", "support", "aid", "benefit", "serve", "feed", "protect", "rebuild"})
_PEOPLE_NOUNS = frozenset({"people", "population", "refugee", "victim", "child", "family", "resident", "civilian",
                           "survivor", "community", "farmer", "student", "worker", "migrant", "household",
                           "government", "country", "nation", "region", "authority"})


def _is_party(tok) -> bool:
    return tok.ent_type_ in _BENEFICIARY_ENTS or tok.pos_ == "PROPN" or tok.lemma_.lower() in _PEOPLE_NOUNS


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
