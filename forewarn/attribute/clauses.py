"""The extent of a reported clause: what a speech verb's speaker is said to have said.

The parse gives a speech verb's complement (its ccomp), but news prose often puts the
attribution after or inside the reported clause, where the parser does not make the
clause a complement of the verb:

* *after* it: "The plant will close in May, the company said Tuesday." The reported
  clause is the sentence up to the attribution, however the parser split it;
* *inside* it: "The new rules, she says, are meant to last a year." The attribution is a
  parenthetical (a parataxis of the main verb); the reported speech is the sentence
  around it, in two pieces (before and after the attribution), as annotators mark it.

When the complement follows the verb ("X said (that) CLAUSE"), coordinated clauses and a
"because" clause the parser hung on the speech verb instead of on the complement are part
of what was said ("The union says burnout is common, and members are tired").
"""
from __future__ import annotations

from spacy.tokens import Token

from forewarn.attribute import cues, speech

# Dependents of a speech verb that belong to the attribution, not to what was said.
_ATTRIBUTION_DEPS = frozenset({
    "nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod", "npadvmod", "prep", "dobj", "dative",
    "agent", "punct", "prt",
})
# Subordinators of a clause hung on the speech verb that still give the reason said.
_REASON_MARKS = frozenset({"because"})
# "..., he said, though he gave no names": a concession after the attribution is the
# writer's comment on the speech act, not part of it.
_CONCESSIVE = frozenset({"though", "although"})


def reported_pieces(verb: Token) -> list[speech.Phrase]:
    """Return the reported clause of a speech verb as one or two pieces (empty if none)."""
    after = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
    if after:
        clause = max(after, key=lambda c: c.right_edge.i - c.left_edge.i)
        piece = _following_clause(verb, clause)
        return [piece] if piece else []
    directive = _directive(verb)
    if directive is not None:
        return [directive]
    before = any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children)
    parenthetical = verb.dep_ == "parataxis"
    if not (before or parenthetical):
        content = speech.content_of(verb)
        return [content] if content else []
    return _around_attribution(verb, continues=parenthetical)


def _directive(verb: Token) -> speech.Phrase | None:
    """"urged residents to conserve water" -> "to conserve water" (addressee, then to-infinitive)."""
    if verb.lemma_.lower() not in cues.DIRECTIVE_VERBS:
        return None
    addressee = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > verb.i), None)
    if addressee is None:
        return None
    for child in verb.children:
        if child.dep_ == "xcomp" and child.i > addressee.i and \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            return speech.span_phrase(verb.doc, child.left_edge.i, child.right_edge.i)
    return None


def _following_clause(verb: Token, clause: Token) -> speech.Phrase | None:
    doc = verb.doc
    first, last = clause.left_edge.i, clause.right_edge.i
    if first < verb.i:      # non-projective parse: keep the side the clause head is on
        first = verb.i + 1
    for child in verb.children:
        if child.i < clause.i or child.i <= last:
            # an adverbial clause between the verb and its complement opens the complement
            if verb.i < child.i < first and child.dep_ == "advcl":
                first = child.left_edge.i
            continue
        if child.dep_ == "conj" and _has_subject(child) and not speech.is_speech_verb(child, direct=True):
            last = max(last, child.right_edge.i)
        elif child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _REASON_MARKS
                                            for m in child.children):
            last = max(last, child.right_edge.i)
        elif child.dep_ != "punct" and child.dep_ != "cc":
            break
    while first <= last and doc[first].dep_ == "mark" and doc[first].lower_ == "that":
        first += 1
    return speech.span_phrase(doc, first, last)


def _around_attribution(verb: Token, *, continues: bool) -> list[speech.Phrase]:
    """Split the verb's sentence into the pieces before and after "X said (Tuesday)"."""
    doc, sent = verb.doc, verb.sent
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ in ("it", "there"):
        return []
    a_first = min(verb.i, subject.left_edge.i)
    a_last = max(verb.i, subject.right_edge.i)
    for child in sorted(verb.children, key=lambda c: c.i):
        if child.dep_ in _ATTRIBUTION_DEPS and child.left_edge.i <= a_last + 1 and child.i > verb.i:
            a_last = max(a_last, child.right_edge.i)
        elif child.dep_ in _ATTRIBUTION_DEPS and child.right_edge.i >= a_first - 1 and child.i < verb.i:
            a_first = min(a_first, child.left_edge.i)
    pieces = [speech.span_phrase(doc, sent.start, a_first - 1)] if a_first > sent.start else []
    k = a_last + 1
    while k < sent.end and doc[k].is_punct:
        k += 1
    probe = k + 1 if k + 1 < sent.end and doc[k].dep_ == "cc" and doc[k].head.i == verb.i else k
    if probe < sent.end and doc[k].lower_ not in _CONCESSIVE and _continues_clause(verb, doc[probe], continues):
        pieces.append(speech.span_phrase(doc, k, sent.end - 1))
    return [p for p in pieces if p is not None]


def _continues_clause(verb: Token, tok: Token, parenthetical: bool) -> bool:
    """Tell whether ``tok``, right after an attribution, goes on with the reported clause."""
    head = tok
    while head.i != head.head.i and head.head.i != verb.i:
        head = head.head
    if head.head.i != verb.i or head.i == verb.i:
        return True         # it hangs from the reported clause, not from the speech verb
    if head.dep_ == "ccomp" and head.i < verb.i:
        return True         # the rest of a fronted complement: "A, he said, B"
    if head.dep_ in ("advcl", "xcomp", "ccomp") or speech.is_speech_verb(head, direct=True):
        return False        # ", adding that ...", ", though he gave no names"
    return parenthetical and head.dep_ == "conj"


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)


def is_directive(verb: Token) -> bool:
    """Tell whether ``verb`` reports a directive with a to-infinitive ("urged X to ...")."""
    return verb.pos_ == "VERB" and _directive(verb) is not None


def is_unmade(verb: Token) -> bool:
    """Tell whether a speech verb reports speech that was not made.

    Negated ("did not say", "never said"), refused ("declined to say"), conditional
    ("would say", "if he says") or future ("will argue"). Only the verb's own auxiliaries
    and markers count: a negation on a coordinated verb ("did not reveal it, but said ...")
    does not reach it.
    """
    for child in verb.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ == "aux" and child.lower_ in cues.CONDITIONAL_MODALS | cues.FUTURE_AUX:
            return True
        if child.dep_ == "mark" and child.lower_ in cues.CONDITIONAL_MARKS:
            return True
    head = verb.head
    if verb.dep_ == "xcomp" and head.i != verb.i:
        if head.lemma_.lower() in cues.NEGATING_VERBS:
            return True
        return any(c.dep_ == "neg" for c in head.children)
    return False
