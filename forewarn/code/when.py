"""When: which date expression in a sentence dates a given trigger."""
from __future__ import annotations


def governing_verb(doc, char: int):
    """The first verb above the token at ``char`` (the clause a date expression belongs to)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return None
    tok = span[0]
    for _ in range(12):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            return tok
        if tok.head.i == tok.i:
            return tok
        tok = tok.head
    return None


def controlled_by(verb, trigger) -> bool:
    """Is ``verb`` inside what ``trigger`` does ("launched an operation to flush ... out"),
    not in a relative clause about a participant, a coordinated separate act, or an act the
    trigger is about ("blamed X for disrupting the deal by withdrawing in 2017": the
    withdrawal, not the blame, was in 2017)?"""
    tok = verb
    for _ in range(8):
        if tok.i == trigger.i:
            return True
        if tok.dep_ in ("relcl", "conj", "nsubj", "nsubjpass", "ccomp", "parataxis", "pcomp") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


