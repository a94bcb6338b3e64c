"""What a source says it will, will not, or another must do: CAMEO's intent (03), refusal (12)
and demand (10) codes.

CAMEO codes a cooperative act (roots 04-08) that has not happened by what its source
said about it. An act the source *agrees, offers, pledges or is willing to* do, or says it
*will* do, is an expression of intent (03): "agreed to lift the ban" is 0354, "said they
will release the hostages" 0353. An act the source *refuses or declines* to do, or says it
*will not* do, is a rejection (12): "will not lift the embargo" is 1244, "declined to
resign" 1231. The statement happened even when the act did not, so the reframed event
counts (it is neither negated nor hypothetical). A past negation ("did not lift") is no
refusal and stays a negated act; conflict acts are left alone (their intent is a threat,
which the "threaten" patterns code), except troops *offered* or *pledged*, which are an
offer of military cooperation (0312). In reported speech "would" is the past of "will"
("said it would allow access"). An act someone says another *must* do is that speaker's
demand (10): "Russia said Israel must end the attacks" is 1056, with Russia as source and
Israel as target (see ``demand_reporter``). A group that claims it carried out an attack
("the rebels claimed that they had attacked the base") claims responsibility (015).
"""
from __future__ import annotations

from ..attribute.modality import verb_chain
from .status import desired

# "agreed to open", "is willing to withdraw", "offered to send": the act is intended
INTENT_HEADS = frozenset({"agree", "offer", "pledge", "promise", "vow", "commit", "willing", "ready",
                          "prepared", "intend", "undertake", "volunteer"})
# "refused to release", "declined to resign": the act is refused
REFUSAL_HEADS = frozenset({"refuse", "decline", "reject"})
OFFER_HEADS = frozenset({"offer", "pledge", "promise", "volunteer"})
CLAIM_HEADS = frozenset({"claim", "admit", "acknowledge", "boast"})
OWN_PRONOUNS = frozenset({"they", "we", "it", "he", "she", "i"})
VIOLENT = frozenset({"18", "19", "20"})
COOPERATIVE = frozenset({"03", "04", "05", "06", "07", "08"})
DEMANDABLE = COOPERATIVE - {"03"}
FUTURE = frozenset({"will", "wo", "'ll", "shall"})
MUST = frozenset({"must"})
CANNOT = frozenset({"can", "ca"})    # "cannot accept", "can't accept": a refusal when negated
REPORTING = frozenset({"say", "announce", "tell", "state", "declare", "confirm", "add", "insist",
                       "vow", "pledge", "promise", "reiterate", "stress", "assure", "write"})

# cooperative CAMEO code (longest prefix first) -> intent code
_INTENT = {"04": "036", "045": "039", "046": "036", "05": "032", "057": "037",
           "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
           "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334",
           "08": "035", "081": "0351", "082": "0352", "083": "034", "0831": "0341", "0832": "0342",
           "084": "0353", "085": "0354", "086": "0355", "087": "0356"}
# cooperative CAMEO code -> demand code
_DEMAND = {"04": "106", "045": "108", "05": "102", "057": "107",
           "06": "101", "061": "1011", "062": "1012", "063": "1013", "064": "1014",
           "07": "103", "071": "1031", "072": "1032", "073": "1033", "074": "1034",
           "08": "105", "081": "1051", "082": "1052", "083": "104", "0831": "1041", "0832": "1042",
           "084": "1053", "085": "1054", "086": "1055", "087": "1056"}
# cooperative CAMEO code -> refusal code
_REFUSAL = {"03": "120", "036": "125", "037": "127", "038": "126", "04": "125", "045": "126", "05": "120", "057": "127",
            "06": "121", "061": "1211", "062": "1212",
            "07": "122", "071": "1221", "072": "1222", "073": "1223", "074": "1224",
            "08": "124", "081": "1241", "082": "1242", "083": "123", "0831": "1231", "0832": "1232",
            "084": "1243", "085": "1244", "086": "1245", "087": "1246"}


def _mapped(code: str, table: dict[str, str]) -> str | None:
    for n in (4, 3, 2):
        if code[:n] in table:
            return table[code[:n]]
    return None


def _future(chain, modals=FUTURE) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in modals for t in chain for c in t.children)


def _heads(chain) -> set[str]:
    """Lemmas of the governing verbs and predicate adjectives ("is willing to") of the chain."""
    out = {t.lemma_.lower() for t in chain[1:]}
    for t in chain:
        if t.dep_ == "xcomp" and t.head.lemma_.lower() == "be":
            out |= {c.lemma_.lower() for c in t.head.children if c.dep_ == "acomp"}
        if t.dep_ == "xcomp" and t.head.pos_ == "ADJ":
            out.add(t.head.lemma_.lower())
    return out


def _reporter(trigger):
    """The reporting verb whose complement the trigger's clause is ("X said they will ..")."""
    tok = trigger
    for _ in range(6):
        if tok.head.i == tok.i:
            return None
        if tok.dep_ in ("ccomp", "parataxis"):
            return tok.head if tok.head.lemma_.lower() in REPORTING else None
        if tok.dep_ not in ("xcomp", "conj"):
            return None
        tok = tok.head
    return None


def _reported(trigger) -> bool:
    return _reporter(trigger) is not None


def _claimed_own(chain) -> bool:
    """"they claimed that they had attacked": the claimer's own act (a pronoun subject)."""
    top = chain[-1]
    if top.dep_ != "ccomp" or top.head.lemma_.lower() not in CLAIM_HEADS:
        return False
    subjects = [c for t in chain for c in t.children if c.dep_ == "nsubj"]
    return bool(subjects) and subjects[0].lower_ in OWN_PRONOUNS


def demand_reporter(trigger, flags: dict[str, bool] | None = None):
    """The reporting verb of "X said Y must <act>", or None: X demands the act of Y."""
    if trigger.pos_ not in ("VERB", "AUX") or (flags and flags.get("negated")):
        return None
    chain = verb_chain(trigger)
    if not _future(chain, MUST):
        return None
    return _reporter(chain[-1])


def reframe(code: str, trigger, flags: dict[str, bool]) -> tuple[str, dict[str, bool]]:
    """Recode a cooperative act its source intends or refuses, or a speaker demands; return
    (code, flags).

    ``flags`` are the trigger's modality flags (see ``status.event_modality``); a reframed
    event keeps "future" but is neither negated nor hypothetical, since the statement of
    intent, refusal or demand is itself the event.
    """
    if trigger.pos_ not in ("VERB", "AUX") or desired(trigger):
        return code, flags      # an act someone else is urged or persuaded to do stays an appeal's content
    chain = verb_chain(trigger)
    heads = _heads(chain)
    if code[:2] in VIOLENT and not flags.get("negated") and _claimed_own(chain):
        return "015", {**flags, "hypothetical": False}      # claiming one's own attack
    if code[:2] == "15" and heads & OFFER_HEADS and not flags.get("negated"):
        return "0312", {**flags, "hypothetical": False}     # "offered to send troops"
    if code[:2] not in COOPERATIVE:
        return code, flags
    reported = _reported(chain[-1])
    will = _future(chain, (FUTURE | {"would"}) if reported else FUTURE)
    refused = bool(heads & REFUSAL_HEADS) or (flags.get("negated") and (will or _future(chain, CANNOT)))
    if code[:2] in DEMANDABLE and demand_reporter(trigger, flags) is not None:
        new = _mapped(code, _DEMAND)
    elif refused:
        new = _mapped(code, _REFUSAL)
    elif flags.get("negated") or code[:2] == "03":
        return code, flags
    elif heads & INTENT_HEADS or (will and reported):
        new = _mapped(code, _INTENT)
    else:
        return code, flags
    if new is None:
        return code, flags
    return new, {**flags, "negated": False, "hypothetical": False}
