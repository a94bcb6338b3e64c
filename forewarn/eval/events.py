"""Event class (CAMEO PentaCode) and source/target spans on the ConfliBERT CAMEO sentences.

Each gold sentence is coded alone, as a one-sentence article with no publication date,
through the real pipeline (annotate -> resolve -> attribute -> code).

*One class per sentence.* The gold gives one PentaCode per sentence; Forewarn may code
none, one or several events. The sentence's predicted class is that of its *main event*:
counted events (not negated, not hypothetical) before uncounted ones, then the highest
confidence (the coder's own salience: a matched context and a named target raise it), then
the event whose trigger sits highest in the parse (fewest arcs from the sentence root, so
the main clause's event before an embedded one), then the first trigger. The coder has
already folded what a clause says about its act into the code ("agreed to lift the ban" is
an intent, 03; "will not lift" a refusal, 12; "said Y must lift" a demand, 10), so the main
clause's speech act and the act it frames are one event. A sentence without a counted event
takes its lexicon code (``code.sentence_code``), or the uncounted main event's class. A
sentence with no event is predicted "none", which is a miss (a false negative) for its gold
class; macro-F1 is the unweighted mean of the F1 of the five classes only, so "none" is
never rewarded.

*Spans.* The main event's source actors are the predicted S spans and its target actors
the predicted T spans, each grown from the coder's name-only mention to the noun phrase it
heads or sits in, as the gold marks it (``event_spans``: "Israeli Prime Minister Benjamin
Netanyahu", "Trump's decision"); gold spans come from the BIO tags. A span matches *exactly* when
its character offsets are equal, and *by overlap* when ``|gold ∩ pred| / max(|gold|,
|pred|) >= 0.5``; matching is one-to-one.

The gold marks the verb's participants whether or not they are actors ("killed 18 people",
"rejected the comprehensive proposal"), so where the main event has no actor source or
target, the role is filled by its trigger's agent or patient phrase as syntax gives it
(``code.frames.agent`` / ``patient``: the subject or a passive's "by" agent; the direct
object or passive subject, or the object of a target preposition, "called on X", "fired at
X", and for a support verb whose object is the act itself, who it is done to: "launched
strikes on X", "expressed condolences to X", "claimed responsibility for X"; "expressed
surprise" alone gives no target; an amount given goes to its recipient, a measure lifted to
whom it was imposed on). A sentence with no event at all takes the
agent and patient of the verb its lexicon code comes from (``code.frames.lexicon_trigger``,
the same verb the cameo-class fallback ``sentence_code`` reads); coordinated nouns in such
a role give a span each, as coordinated actors do. Roles the parse leaves
empty give no span, and a sentence with no lexicon verb predicts none.

*Reciprocal acts.* The gold's third role, R, marks the sides of an act they do with each
other: a meeting or negotiation ("A met B", "A held talks with B": a span per side), and a
cooperative act with a symmetric predicate done by coordinated doers ("A and B agreed to
...", "the armies of A and B held joint exercises": one span for the coordination) or with
a partner ("A signed an accord with B"). Such an act gives R spans and no S or T
(``is_reciprocal``); a visit (visitor and host) and mediation stay directed. The gold is
not consistent here (some meetings carry S and T instead), so R is scored beside S and T,
and ``all`` is the micro-average over the three roles, as seqeval scores the task.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from ..code import sentence_code
from ..code.frames import agent, is_measure, lexicon_trigger, patient
from ..models import Article, Event
from ..settings import Settings
from .base import TaskResult, gold_path, task
from .metrics import Counts, accuracy, bio_spans, confusion, macro_f1, per_class_prf

CLASS_GOLD = "eval/events/conflibert-cameo/cameo_class_train.tsv"
NER_GOLD = "eval/events/conflibert-cameo/cameo_ner_train.txt"
CLASSES = ("0", "1", "2", "3", "4")
CLASS_NAMES = {"0": "statement", "1": "verbal coop", "2": "material coop", "3": "verbal conflict",
               "4": "material conflict", "none": "no event"}
NONE = "none"
ROLES = (("S", "source"), ("T", "target"), ("R", "reciprocal"))

# CAMEO root -> PentaCode. Schrodt's PentaClass (used by Phoenix and ConfliBERT) puts root 16
# "reduce relations" with verbal conflict: the gold set labels suspensions and sanctions 3,
# not 4 (50 of its class-3 sentences were coded 16x), whatever ../eval/README.md's summary says.
_PENTA = {**{f"{r:02d}": "0" for r in (1, 2)}, **{f"{r:02d}": "1" for r in (3, 4, 5)},
          **{f"{r:02d}": "2" for r in (6, 7, 8)}, **{f"{r:02d}": "3" for r in (9, 10, 11, 12, 13, 16)},
          **{f"{r:02d}": "4" for r in (14, 15, 17, 18, 19, 20)}}


def pentacode(root: str) -> str:
    """Map a CAMEO root ("01".."20") to its PentaCode ("0".."4")."""
    return _PENTA[root.zfill(2)]


def main_event(events: Sequence[Event], doc=None) -> Event | None:
    """The event that stands for its sentence: counted first, then confidence, then (given the
    sentence's parse ``doc``) the trigger nearest the root, then position."""
    if not events:
        return None
    depth = {t.idx: len(list(t.ancestors)) for t in doc} if doc is not None else {}
    return min(events, key=lambda e: (e.modality.negated or e.modality.hypothetical, -e.confidence,
                                      depth.get(e.evidence.trigger_start, 0), e.evidence.trigger_start or 0))


def code_sentences(texts: Sequence[str], settings: Settings, with_docs: bool = False) -> Iterator:
    """Code each text as a one-sentence article; yield its events (and parse), in input order."""
    from ..annotate import annotate_many
    from ..pipeline import code_parsed

    docs = annotate_many(texts, settings.model, max(settings.batch_size, 64))
    for n, (text, doc) in enumerate(zip(texts, docs)):
        article = Article(article_id=f"eval-{n}", text=text)
        events = list(code_parsed(article, doc, settings).events)
        yield (events, doc) if with_docs else events


def read_class_gold(path: Path, limit: int | None) -> list[tuple[str, str]]:
    """(sentence, PentaCode) pairs of the class file, the first ``limit`` of them."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        sentence, _, label = line.rpartition("\t")
        rows.append((sentence.strip(), label.strip()))
        if limit is not None and len(rows) >= limit:
            break
    return rows


@task("cameo-class", CLASS_GOLD, "CAMEO PentaCode of each sentence (macro-F1 over 5 classes)")
def evaluate_class(shared: Path, *, limit: int | None = None, settings: Settings) -> TaskResult:
    rows = read_class_gold(gold_path(shared, CLASS_GOLD), limit)
    gold = [label for _, label in rows]
    predicted, several = [], 0
    fallback = 0
    for events, doc in code_sentences([s for s, _ in rows], settings, with_docs=True):
        several += len({e.cameo.root for e in events}) > 1
        event = main_event(events, doc)
        if event is not None and not (event.modality.negated or event.modality.hypothetical):
            predicted.append(pentacode(event.cameo.root))
            continue
        code = sentence_code(max(doc.sents, key=len)) if len(doc) else None
        fallback += code is not None
        predicted.append(pentacode(code[:2]) if code else (pentacode(event.cameo.root) if event else NONE))
    classes = per_class_prf(gold, predicted, CLASSES)
    return TaskResult(
        task="cameo-class", items=len(rows),
        metrics={"macro_f1": round(macro_f1(gold, predicted, CLASSES), 4),
                 "accuracy": round(accuracy(gold, predicted), 4),
                 "coverage": round(sum(p != NONE for p in predicted) / len(rows), 4) if rows else 0.0},
        tables={"per_class": {f"{k} {CLASS_NAMES[k]}": {m: round(x, 4) for m, x in v.items()}
                              for k, v in classes.items()},
                "confusion (rows gold, columns predicted)": confusion(gold, predicted, CLASSES)},
        notes=["one class per sentence: the main event's CAMEO root mapped to PentaCode (01-02 -> 0, "
               "03-05 -> 1, 06-08 -> 2, 09-13 and 16 -> 3, 14-15 and 17-20 -> 4: Schrodt's PentaClass)",
               "main event: counted (not negated/hypothetical) first, then highest confidence, then the trigger "
               "nearest the sentence root (main clause), then the first trigger",
               "a sentence with no counted event takes the class of its lexicon code (code.sentence_code: "
               f"the first pattern verb from the main clause down, or 010 for a statement verb): "
               f"{fallback} sentences",
               "no event -> 'none', a miss for the gold class; macro-F1 averages the 5 classes only",
               f"{several} sentences gave events of more than one CAMEO root; "
               f"{predicted.count(NONE)} gave no event"],
    )


def read_ner_gold(path: Path, limit: int | None) -> list[tuple[str, dict[str, list[tuple[int, int]]]]]:
    """(sentence text, {"S": [char spans], "T": [...]}) from the CoNLL BIO file.

    The text is rebuilt from the tokens (a space between tokens except before closing
    punctuation and clitics), so the character spans index into that text.
    """
    out = []
    tokens: list[str] = []
    tags: list[str] = []
    lines = path.read_text(encoding="utf-8").splitlines() + [""]
    for line in lines:
        if line.strip():
            parts = line.split()
            tokens.append(parts[0])
            tags.append(parts[-1] if len(parts) > 1 else "O")
            continue
        if tokens:
            text, offsets = detokenize(tokens)
            spans = {kind: [(offsets[a][0], offsets[b - 1][1]) for a, b in found]
                     for kind, found in bio_spans(tags).items()}
            out.append((text, spans))
            tokens, tags = [], []
            if limit is not None and len(out) >= limit:
                break
    return out


_NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "'s", "’s", "ʼs", "n't", "'", "’", "'re",
                    "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#"}


def detokenize(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens into text; return it with each token's character offsets."""
    parts: list[str] = []
    offsets = []
    pos = 0
    for i, tok in enumerate(tokens):
        if i and tok not in _NO_SPACE_BEFORE and tokens[i - 1] not in _NO_SPACE_AFTER:
            parts.append(" ")
            pos += 1
        offsets.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
    return "".join(parts), offsets


# how an actor sits inside the noun phrase that fills the event's role: "Syrian government
# forces" (compound), "Trump's decision" (poss), "his counterpart, Mahmoud Abbas" (appos),
# "a car bombing by the Islamic State" (the object of a preposition inside the phrase)
_INSIDE = {"compound", "poss", "amod", "nmod", "nummod", "appos"}
_HEAD_POS = {"NOUN", "PROPN"}
_INSIDE_PREPS = {"of", "from", "by"}
# what a noun phrase keeps after its head: "of Turkey", "in the Gaza Strip", "loyal to X";
# not what the clause says about it ("on Sunday", "to recognize X", "for revocation")
_KEPT_PREPS = {"of", "in", "from", "by", "near", "inside", "within"}
_DROPPED_DEPS = {"relcl", "acl", "advcl", "npadvmod", "advmod", "punct", "prep"}
_NAME_LABELS = {"ORG", "PERSON", "GPE", "NORP", "FAC"}


def event_spans(event: Event, doc) -> dict[str, list[tuple[int, int]]]:
    """The S and T spans of ``event`` in the gold's convention: the noun phrase each actor
    heads or sits in, with its determiner, numbers, modifiers, apposition and "of/in/by"
    complements ("the Croatian government's request", "Israeli Prime Minister Benjamin
    Netanyahu", "the police in the Gaza Strip", "Yemeni army and allied forces"), where the
    coder's actors are the names alone. Clauses and adjuncts after the head ("decision to
    recognize ...", "troops on Sunday") are left out, and so is a conjunct holding another
    actor of the same role (two actors, two spans); a phrase that would not contain its
    actor (a misparse) falls back to the actor's own span. A pronoun stands for the subject
    it refers back to ("X said it would ..."), which is what the gold marks."""
    out: dict[str, list[tuple[int, int]]] = {}
    for kind, actors in (("S", event.source), ("T", event.target)):
        spans: list[tuple[int, int]] = []
        for actor in actors:
            others = [(a.start, a.end) for a in actors if a is not actor]
            span = _phrase(doc, actor.start, actor.end, others)
            found = doc.char_span(*span, alignment_mode="expand")
            head = found.root if found is not None and len(found) else None
            # "ICE and CBP officials", "Finland and Denmark": a span per conjunct, actor or not
            pieces = _conjunct_phrases(doc, head) if head is not None and any(
                c.dep_ == "conj" and c.pos_ in _HEAD_POS for c in head.children) else [span]
            for a, b in pieces:
                if not any(a < e and s < b for s, e in spans):   # overlaps no span kept so far
                    spans.append((a, b))
        out[kind] = spans
    return out


_REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves"})


def _antecedent(pronoun):
    """The subject a pronoun refers back to: "X says it will ...", "X has freed a man it
    arrested", "X has begun their assault": the nearest subject above the pronoun's clause."""
    tok = pronoun
    # an object pronoun never means its own clause's subject ("Trump urged him": not Trump);
    # after a coordinated verb it is that verb's object ("called X on Wednesday and urged him")
    own_clause = pronoun.head.i if pronoun.dep_ in ("dobj", "iobj", "dative", "pobj") \
        and pronoun.lower_ not in _REFLEXIVES else None
    if pronoun.dep_ == "dobj" and pronoun.head.dep_ == "conj" and pronoun.lower_ not in _REFLEXIVES:
        first = next((c for c in pronoun.head.head.children if c.dep_ in ("dobj", "oprd") and c.pos_ == "PROPN"),
                     None)
        if first is not None:
            return first
    while tok.head.i != tok.i:  # spaCy makes a new Token on each access: compare indices
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and tok.i != own_clause:
            subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c is not pronoun
                            and c.pos_ in _HEAD_POS and c.i < pronoun.i), None)
            if subject is not None:
                return subject
    return None


def _phrase(doc, start: int, end: int, others: list[tuple[int, int]]) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span) == 1 and span.root.pos_ == "PRON":
        subject = _antecedent(span.root)
        if subject is not None:  # the gold marks the named antecedent, not the pronoun
            return _phrase(doc, subject.idx, subject.idx + len(subject.text), others)
    if span is None or not len(span) or span.root.pos_ not in _HEAD_POS:
        return start, end
    tok, hops = span.root, 0
    while hops < 6 and tok.head.i != tok.i:
        head = tok.head
        if tok.dep_ in _INSIDE and head.pos_ in _HEAD_POS:
            tok = head
        elif tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _INSIDE_PREPS \
                and head.head.pos_ in _HEAD_POS and head.head.dep_ != "ROOT" and not is_measure(head.head):
            # "the mayor of Cusco" is one phrase; "the blockade of Yemen" names Yemen as the
            # party the measure is aimed at
            tok = head.head
        else:
            break
        hops += 1
    if tok.dep_ == "ROOT":
        tok = span.root  # a misparsed clause: keep to the actor's own phrase
    def holds_other(t) -> bool:
        a, b = t.left_edge.idx, t.right_edge.idx + len(t.right_edge.text)
        return any(a <= s and e <= b for s, e in others)

    left, right = tok.i, tok.i
    conjuncts = [c for c in tok.children if c.dep_ == "conj"]

    def dropped(child) -> bool:
        if child.dep_ == "prep" and child.i > tok.i and child.text[:1].isupper() and tok.text[:1].isupper():
            return False  # a capitalised word of a name: "Action Against Hunger"
        if child.dep_ == "acl" and child.tag_ == "VBN" and any(c.dep_ == "agent" for c in child.children):
            return False  # "warplanes supported by Russia", "the proposal submitted by X": part of the phrase
        if child.dep_ == "prep" and any(g.dep_ == "pcomp" and g.pos_ == "VERB" for g in child.children):
            return True   # "accused the legislation of attacking X": the charge, not the noun's phrase
        if child.dep_ in _DROPPED_DEPS and not (child.dep_ == "prep" and child.lower_ in _KEPT_PREPS) \
                and not (child.dep_ == "punct" and child.i < tok.i):
            return True
        if child.dep_ == "preconj":
            return True   # "both India and Pakistan": each span is the name alone
        if child.dep_ == "cc" and not conjuncts:
            return True   # a stray "and" whose conjunct the parse put elsewhere
        # "The United Kingdom and France": two actors, two spans
        return child.dep_ in ("conj", "cc") and any(holds_other(c) for c in conjuncts)

    # the phrase is contiguous: it stops at the first dependent left out on either side
    # (a comma is skipped, not a stop: "Vladimir Putin, the Russian president")
    for child in sorted((c for c in tok.children if c.i > tok.i), key=lambda c: c.i):
        if dropped(child):
            if child.dep_ == "punct":
                continue
            break
        right = max(right, child.right_edge.i)
    for child in sorted((c for c in tok.children if c.i < tok.i), key=lambda c: -c.i):
        if dropped(child):
            if child.dep_ in ("punct", "preconj"):
                continue
            break
        left = min(left, child.left_edge.i)
    for ent in doc.ents:    # a name is never cut: "People for the Ethical Treatment of Animals"
        if ent.label_ in _NAME_LABELS and ent.start <= right and left < ent.end and ent.start <= tok.i < ent.end:
            left, right = min(left, ent.start), max(right, ent.end - 1)
    while left < right and doc[left].is_punct:
        left += 1
    while right > left and doc[right].is_punct and doc[right].text not in (")", "]"):
        right -= 1
    opened = sum(t.text == "(" for t in doc[left:right + 1]) - sum(t.text == ")" for t in doc[left:right + 1])
    if opened > 0 and right + 1 < len(doc) and doc[right + 1].text == ")":
        right += 1  # "The Foreign Office (FO)"
    a, b = doc[left].idx, doc[right].idx + len(doc[right].text)
    return (a, b) if a <= start and end <= b else (start, end)


# CAMEO codes whose sides act with each other rather than one on the other: meet, hold
# talks, meet at a third place, negotiate. Not the intent to meet (036), which one side
# expresses toward the other ("accepted an invitation to meet Kim"), nor a telephone call
# (041), which has a caller, nor a visit (042, 043), which has a visitor and a host, nor
# mediation (045), whose mediator stands apart.
_RECIPROCAL_CODES = frozenset({"040", "044", "046"})
# cooperative roots where a symmetric predicate makes coordinated doers act together
_JOINT_ROOTS = frozenset({"03", "04", "05", "06"})
# symmetric predicates: "A and B agreed / signed / cooperate / exchanged ambassadors" means
# each with the other (collective readings of coordinated subjects)
_SYMMETRIC_VERBS = frozenset({"agree", "sign", "conclude", "reach", "cooperate", "collaborate", "negotiate",
                              "talk", "meet", "reconcile", "exchange", "trade", "share", "ally", "partner",
                              "normalize", "normalise", "restore", "establish", "upgrade", "resume", "discuss",
                              "consult", "confer"})
# what coordinated doers hold together: "began a joint military exercise", "staged war games"
_JOINT_NOUNS = frozenset({"exercise", "drill", "game", "maneuver", "manoeuvre", "talk", "negotiation",
                          "meeting", "summit", "dialogue", "patrol", "agreement", "deal", "accord", "treaty"})
_JOINT_WORDS = frozenset({"joint", "jointly", "together", "bilateral", "mutual", "mutually"})
_COORDINATORS = frozenset({"and", ",", ", and", "&", "as well as"})


def is_reciprocal(code: str | None, trigger, sources: list[tuple[int, int]],
                  actor_targets: list[tuple[int, int]]) -> bool:
    """Whether an act's sides act with each other (the gold's R role), not one on the other:
    a meeting or negotiation, or a cooperative act (roots 03 to 06) whose predicate is
    symmetric ("agree", "sign", "cooperate", "held joint exercises") and whose doers are
    coordinated ("A and B agreed ...") with no third party as target, or done *with* a
    partner ("signed an agreement with B")."""
    code = code or ""
    if code[:3] in _RECIPROCAL_CODES:
        return True
    if code[:2] not in _JOINT_ROOTS or trigger is None or not _symmetric(trigger):
        return False
    if _with_partner(trigger) is not None:
        return True
    doer = agent(trigger)
    coordinated = len(sources) >= 2 or (doer is not None and any(t.dep_ == "cc" for t in doer.subtree))
    joined = _joined(trigger.doc, sources)
    inside = all(any(s <= a and b <= e for s, e in joined) for a, b in actor_targets)
    return coordinated and inside


def _symmetric(trigger) -> bool:
    """A symmetric predicate: the verb itself, the verb that controls it ("agreed to share"),
    a joint activity as its object ("staged war games"), or the sentence says "joint"."""
    verbs = [trigger] + ([trigger.head] if trigger.dep_ in ("xcomp", "ccomp") else [])
    if any(v.lemma_.lower() in _SYMMETRIC_VERBS for v in verbs):
        return True
    if any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _JOINT_NOUNS for c in trigger.children):
        return True
    return any(t.lower_ in _JOINT_WORDS for t in trigger.sent)


def _with_partner(trigger):
    """The partner of a symmetric act done *with* someone: "signed a deal with X", "cooperate
    with X"; not agreeing with someone's view ("agreed with X that ...")."""
    if trigger.lemma_.lower() == "agree" and not any(c.dep_ == "xcomp" for c in trigger.children):
        return None
    heads = [trigger, *(c for c in trigger.children if c.dep_ in ("dobj", "attr"))]
    for head in heads:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "with":
                obj = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("PROPN", "NOUN")), None)
                if obj is not None and (obj.pos_ == "PROPN" or obj.ent_type_ in ("GPE", "ORG", "NORP", "PERSON")):
                    return obj
    return None


def _joined(doc, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Coordinated phrases as one span ("Trump and King Abdullah"), as the gold marks R."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and " ".join(doc.text[out[-1][1]:a].split()) in _COORDINATORS:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def sentence_spans(events: Sequence[Event], doc) -> dict[str, list[tuple[int, int]]]:
    """The S, T and R spans the tool gives one sentence: its main event's actors
    (``event_spans``); where that event has no actor source or target, its trigger's agent or
    patient phrase (``code.frames``: "killed 18 people", "rejected the proposal"); where the
    sentence has no event, the agent and patient of the verb its lexicon code comes from
    (``code.frames.lexicon_trigger``, the verb ``sentence_code`` reads). A role the text does
    not fill gives no span. When the act is reciprocal (``is_reciprocal``) its sides are R
    spans, coordinated names joined into one, and it has no S or T."""
    event = main_event(events)
    spans: dict[str, list[tuple[int, int]]] = {"S": [], "T": [], "R": []}
    trigger, code, actor_targets = None, None, []
    if event is not None:
        spans = {**event_spans(event, doc), "R": []}
        actor_targets = list(spans["T"])
        code = event.cameo.code
        if event.evidence.trigger_start is not None:
            found = doc.char_span(event.evidence.trigger_start, event.evidence.trigger_end,
                                  alignment_mode="expand")
            trigger = found.root if found is not None and len(found) else None
    elif len(doc):
        sentence = max(doc.sents, key=len)
        trigger, code = lexicon_trigger(sentence), sentence_code(sentence)
    if trigger is not None:
        for kind, role in (("S", agent), ("T", patient)):
            tok = role(trigger) if not spans[kind] else None
            if tok is not None:
                spans[kind] = _conjunct_phrases(doc, tok)
    if is_reciprocal(code, trigger, spans["S"], actor_targets):
        partner = _with_partner(trigger) if trigger is not None else None
        sides = _joined(doc, spans["S"])
        if code[:3] in _RECIPROCAL_CODES and actor_targets:
            sides += _joined(doc, actor_targets)
        elif partner is not None:
            sides.append(_phrase(doc, partner.idx, partner.idx + len(partner.text), []))
        spans = {"S": [], "T": [], "R": list(dict.fromkeys(sides))}
    return spans


def _conjunct_phrases(doc, tok) -> list[tuple[int, int]]:
    """One phrase per coordinated noun ("the police and the army": two spans), as for actors."""
    heads = [tok, *(c for c in tok.conjuncts if c.i > tok.i and c.pos_ in _HEAD_POS)]
    names = [(h.idx, h.idx + len(h.text)) for h in heads]
    return [_phrase(doc, a, b, [n for n in names if n != (a, b)]) for a, b in names]


@task("cameo-spans", NER_GOLD, "source (S) and target (T) spans of each sentence's main event")
def evaluate_spans(shared: Path, *, limit: int | None = None, settings: Settings) -> TaskResult:
    rows = read_ner_gold(gold_path(shared, NER_GOLD), limit)
    exact = {k: Counts() for k in "STR"}
    overlap = {k: Counts() for k in "STR"}
    for (text, gold), (events, doc) in zip(rows, code_sentences([t for t, _ in rows], settings, with_docs=True)):
        predicted = sentence_spans(events, doc)
        for kind in "STR":
            exact[kind].add_spans(gold.get(kind, []), predicted[kind], 1.0)
            overlap[kind].add_spans(gold.get(kind, []), predicted[kind], 0.5)
    metrics: dict[str, float] = {}
    for kind, name in ROLES:
        metrics.update(overlap[kind].as_metrics(name))
        metrics.update(exact[kind].as_metrics(f"{name}_exact"))
    for how, table in (("", overlap), ("_exact", exact)):
        every = Counts(sum(c.tp for c in table.values()), sum(c.fp for c in table.values()),
                       sum(c.fn for c in table.values()))
        metrics.update(every.as_metrics(f"all{how}"))
    return TaskResult(
        task="cameo-spans", items=len(rows), metrics=metrics,
        tables={"counts": {f"{name} {how}": {"tp": c.tp, "fp": c.fp, "fn": c.fn}
                           for how, table in (("overlap", overlap), ("exact", exact))
                           for kind, name in ROLES for c in [table[kind]]}},
        notes=["predicted spans: the source and target actors of each sentence's main event (see cameo-class); "
               "a role with no actor takes the trigger's agent/patient phrase, and a sentence with no event the "
               "agent/patient of its lexicon verb (code.frames); each grown to its noun phrase (determiner, title, modifiers, possessed head, of/in/by "
               "complements; not clauses or adjuncts)",
               "overlap match: |gold ∩ pred| / max(|gold|, |pred|) >= 0.5, one-to-one; exact: same offsets",
               "sentence text rebuilt from the CoNLL tokens (spaces except before punctuation/clitics)",
               "R: the sides of a reciprocal event (meet, talk, visit, host, negotiate; coordinated doers of a "
               "joint cooperative act), each side one span, coordinated names joined (is_reciprocal); such an "
               "event gives no S or T",
               "all: micro-average over S, T and R (as seqeval scores the ConfliBERT task)"],
    )
