"""Find direct, partial and indirect quotes with speaker, speech verb, channel and date.

Rules, in the order they are tried for a direct quote (text between quote marks, paired
by ``marks.find_quote_marks``, one quote per paragraph when a quote runs over several):

1. *After* the closing mark, up to the end of the sentence: “…,” Nikolenko said;
   “…,” said X; “…,” the spokesperson, Oleh Nikolenko, told Ukrainska Pravda. Not used
   when the quote ends with a full stop (“… warned.” starts a new sentence).
2. *Before* the opening mark, in the same sentence: X said: “…”; X said, “…”. This also
   gives the second half of an interrupted quote (“…,” X said, “…”) the same speaker.
3. The previous direct quote of the same paragraph (a quote that goes on after the
   attribution sentence): speaker, verb, channel and date are all inherited.
4. A person named earlier in the same paragraph (a sentence subject first): speaker only.
5. The last direct quote of the previous paragraph (all inherited), else the person
   named in the previous paragraph (a sentence subject first): speaker only.

A short quoted fragment inside a sentence (a scare quote, “non-aggression pact”) is a
*partial* quote (fewer than PARTIAL_MAX_WORDS words, or starting lower-case, and not
opening a sentence or following "X said,"). It is kept only when it sits inside reported
speech (the content of an indirect quote, or under a speech verb that is not itself
conditional, negated or hedged), and then gets that speech act's speaker; scare quotes
with no speech act around them are skipped; so are lists of quoted words. A naming verb
("called the plan “bold”") licenses a partial quote like a speech verb. A quoted title
with no speech verb ("The Kid Who Would Be King") is no quote.

Speech that was not made is no quote: a negated, conditional or future speech verb ("did
not say whether", "declined to say why", "will argue that") reports nothing.

Indirect quotes are the reported clauses of speech verbs ("X said (that) CLAUSE", "X
told reporters CLAUSE", "CLAUSE, police said", "A, she says, B" in two pieces; see
``clauses``), the to-infinitive of a directive ("urged residents to conserve water") and
the clause an "according to X" phrase hangs from; clauses that are mostly a direct quote
are left to the direct quote. A clause is cut at a line break, and speech verbs on
heading, link or photo-caption lines are skipped (``layout``).

An embedded post ("... — Jane Doe (@janedoe) May 5, 2019") and a signed pull quote (a
line of sentences followed by a name, "... we will rebuild. Jane Doe, mayor") are direct
quotes of the named person; see ``layout.signed_lines``.

Speakers are taken from ``actors`` when one overlaps the subject (the one covering the
name token first), else built from the subject's noun phrase with no country. "he"/"she"
becomes the latest speaker, else sentence subject, else person named in this or the
previous paragraph (see ``_Context.antecedent``).
"""
from __future__ import annotations

import bisect
import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from forewarn.attribute import clauses, cues, layout, speech
from forewarn.attribute.marks import QuoteMarks, find_quote_marks
from forewarn.attribute.modality import modality_of
from forewarn.models import Actor, DateRef, Quote

log = logging.getLogger(__name__)

_PARAGRAPH = re.compile(r"\n\s*\n")
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
_TERMINAL = frozenset({".", "!", "?"})
_CLAUSE_BEFORE = frozenset({"", ".", "!", "?", ":", "…", "”", '"', "»"})
_CLOSING = frozenset({"”", '"', "»", "'"})
PARTIAL_MAX_WORDS = 5
TITLE_MAX_WORDS = 10
_AFTER_VERB_REACH = 15     # tokens after the closing mark in which the speech verb must be
_WINDOW = 30


@dataclass(frozen=True)
class _Said:
    """An attribution found for a quote: who, how, where, when."""

    speaker: Actor | None
    verb: str | None
    channel: str | None
    date: DateRef | None
    cue: tuple[int, int] | None = None      # the speech verb (or "according to") as written
    source: tuple[int, int] | None = None   # the speaker's phrase as written in the attribution


@dataclass(frozen=True)
class QuoteAttribution:
    """A quote with where its attribution sits in the text: the cue and the source phrase.

    ``cue`` and ``source`` are character offsets of the speech verb ("said", "according
    to") and of the speaker's phrase as written there ("he", "the spokesperson"); both are
    None when the speaker was only inherited from context.
    """

    quote: Quote
    cue: tuple[int, int] | None = None
    source: tuple[int, int] | None = None


@dataclass
class _Found:
    kind: str
    start: int
    end: int
    said: _Said | None


class _Context:
    """Everything one call of find_quotes looks up repeatedly."""

    def __init__(self, doc: Doc, actors: Sequence[Actor], dates: Sequence[DateRef],
                 published: dt.date | None, marks: list[QuoteMarks], text: str | None = None) -> None:
        self.doc, self.text = doc, text if text is not None else doc.text
        self.actors = sorted(actors, key=lambda a: (a.start, -a.end))
        self.dates, self.published, self.marks = list(dates), published, marks
        self.tok_starts = doc.to_array(IDX).tolist()
        self.paragraph_starts = [0] + [m.end() for m in _PARAGRAPH.finditer(self.text)]
        self.speakers: list[Actor] = []     # speakers found so far, for "he said"
        # "he"/"she" subjects of speech verbs already resolved: (person, pronoun offset), so
        # a later "he said" finds the person where the pronoun named them last
        self.pronouns: list[tuple[Actor, int]] = []
        self.persons = self._person_mentions()

    # -- lookups ---------------------------------------------------------------------
    def token_at(self, offset: int) -> Token:
        return self.doc[max(0, bisect.bisect_right(self.tok_starts, offset) - 1)]

    def paragraph(self, offset: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, offset) - 1

    def in_quote(self, tok: Token) -> bool:
        return any(m.open <= tok.idx <= m.close for m in self.marks)

    def off_body(self, offset: int) -> bool:
        """Tell whether ``offset`` is on a heading, link or caption line, not running text."""
        return layout.is_heading(self.text, offset) or layout.is_caption(self.text, offset)

    def quote_share(self, start: int, end: int) -> float:
        """Return the share of ``start..end`` that lies inside quote marks."""
        if end <= start:
            return 0.0
        inside = sum(max(0, min(end, m.close + 1) - max(start, m.open)) for m in self.marks)
        return inside / (end - start)

    # -- speakers --------------------------------------------------------------------
    def _person_mentions(self) -> list[tuple[Actor, bool]]:
        """Return (mention, is a sentence subject) for every person named in the text."""
        people = [e for e in self.doc.ents if e.label_ == "PERSON"]
        out: list[tuple[Actor, bool]] = []
        for ent in people:
            covering = [a for a in self.actors if a.start < ent.end_char and a.end > ent.start_char]
            actor = max(covering, key=lambda a: a.end - a.start) if covering else \
                Actor(text=ent.text, start=ent.start_char, end=ent.end_char)
            out.append((actor, _is_subject(ent.root)))
        # later mentions of a person the NER tagged otherwise ("Nikolenko" as ORG), known
        # to be the same person because the resolver gave them the same canonical name
        for actor in self.actors:
            if actor.name and not any(a == actor for a, _ in out) and \
                    any(s.name == actor.name for s, _ in out):
                tok = self.token_at(actor.start)
                out.append((actor, _is_subject(tok)))
        # surname carry-over: once "Carole Laurin" is named, a bare "Laurin" is that person,
        # whatever label the NER gives the lone surname (it often says GPE or ORG)
        surnames = {ent[-1].text for ent in people if len(ent) > 1 and ent[-1].text[:1].isupper()}
        taken = {i for ent in people for i in range(ent.start, ent.end)}
        for tok in self.doc:
            if tok.text in surnames and tok.i not in taken and tok.pos_ in ("PROPN", "NOUN") \
                    and not any(a.start <= tok.idx < a.end for a, _ in out):
                out.append((Actor(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text)), _is_subject(tok)))
        return sorted(out, key=lambda p: p[0].start)

    def antecedent(self, offset: int, floor: int = 0) -> Actor | None:
        """Return the person "he"/"she" at ``offset`` most likely is.

        Among the people of this and the previous paragraph (else of the whole text before
        ``offset``): the latest who spoke (the subject of a speech verb, a resolved "he
        said" counting where the pronoun stands), else the latest sentence subject, else
        the latest person named. A subject named pages earlier does not outrank the person
        just introduced, and a name inside what someone said does not outrank the speaker.
        """
        # rank 2: someone who spoke; 1: a sentence subject; 0: any person named
        pool = [(a, a.start, int(subj)) for a, subj in self.persons if floor <= a.start < offset]
        pool += [(a, a.start, 2) for a in self.speakers
                 if floor <= a.start < offset and a.text.lower() not in cues.ALL_PRONOUNS and self.is_person(a)]
        pool += [(a, at, 2) for a, at in self.pronouns if floor <= at < offset]
        near = self.paragraph_starts[max(0, self.paragraph(offset) - 1)]
        for candidates in ([p for p in pool if p[1] >= near], pool):
            if candidates:
                return max(candidates, key=lambda p: (p[2], p[1]))[0]
        return None

    def is_person(self, actor: Actor) -> bool:
        """Tell whether a speaker can be "he" or "she": a person's name, not a body or a thing."""
        if any(a.start < actor.end and actor.start < a.end for a, _ in self.persons):
            return True
        head = self.token_at(max(actor.start, actor.end - 1))
        return head.pos_ == "PROPN" and head.ent_type_ in ("", "PERSON")

    def speaker_actor(self, name: Token, phrase: speech.Phrase) -> Actor:
        """Map a subject to a resolved actor, a pronoun's antecedent, or a new Actor."""
        if name.lower_ in cues.PERSON_PRONOUNS:
            found = self.antecedent(phrase.start)
            if found is None:
                return Actor(text=phrase.text, start=phrase.start, end=phrase.end)
            if (found, phrase.start) not in self.pronouns:
                self.pronouns.append((found, phrase.start))
            return found
        overlapping = [a for a in self.actors if a.start < phrase.end and a.end > phrase.start]
        on_name = [a for a in overlapping if a.start <= name.idx < a.end]
        if not on_name and name.ent_type_:
            ent = next((e for e in self.doc.ents if e.start <= name.i < e.end), None)
            if ent is not None:
                on_name = [a for a in overlapping if a.start < ent.end_char and a.end > ent.start_char]
        if not on_name and name.pos_ != "PROPN":
            on_name = overlapping
        if on_name:
            return max(on_name, key=lambda a: a.end - a.start)
        return Actor(text=phrase.text, start=phrase.start, end=phrase.end)

    # -- dates -----------------------------------------------------------------------
    def date_for(self, verb: Token, content: speech.Phrase | None) -> DateRef | None:
        """Return the date in the attribution clause ("said Tuesday"), else in the sentence."""
        skip: set[int] = set()
        for tok in verb.subtree:
            if tok.dep_ == "ccomp" and tok.i != verb.i:
                skip.update(t.i for t in tok.subtree)
        def usable(tok: Token) -> bool:
            if tok.i in skip or self.in_quote(tok):
                return False
            return not (content and content.start <= tok.idx < content.end)
        clause = {t.i for t in verb.subtree if usable(t)}
        sentence = {t.i for t in verb.sent if usable(t)}
        for region in (clause, sentence):
            for date in self.dates:
                if date.start is not None and self.token_at(date.start).i in region:
                    return date
            if self.published:
                for i in sorted(region):
                    if self.doc[i].lower_ == "today":
                        tok = self.doc[i]
                        return DateRef(text=tok.text, value=self.published, start=tok.idx)
        return None

    def on_line(self, found: tuple[Token, speech.Phrase] | None, anchor: int) -> tuple[Token, speech.Phrase] | None:
        """Cut a speaker phrase to the speech verb's line (the parser may join a heading to it).

        None when the phrase is inside quote marks: a parse that ran across a quote.
        """
        if found is None or self.in_quote(found[0]):
            return None     # a speaker is never inside quote marks: a parse across a quote
        name, phrase = found
        line_start, _ = layout.line_bounds(self.text, anchor)
        if phrase.end <= line_start:
            # the subject the parser found is on a heading above: the speaker is what opens
            # the verb's line, up to the verb ("A spokeswoman for the minister said ...")
            span = self.doc.char_span(line_start, anchor, alignment_mode="contract")
            if span is None or not 0 < len(span) <= 8 or not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in span):
                return None
            start, end = layout.strip_edges(self.text, span.start_char, span.end_char)
            return span.root, speech.Phrase(self.text[start:end], start, end)
        start, end = layout.strip_edges(self.text, *layout.clip_to_line(self.text, phrase.start, phrase.end, anchor))
        if (start, end) == (phrase.start, phrase.end):
            return found
        span = self.doc.char_span(start, end, alignment_mode="contract")
        if span is None or not len(span):
            return None
        if not start <= name.idx < end:
            name = span.root
        return name, speech.Phrase(self.text[start:end], start, end)

    def said_by_verb(self, verb: Token, content: speech.Phrase | None) -> _Said:
        """Build the attribution of a speech verb: speaker, lemma, channel, date."""
        found = self.on_line(speech.speaker_phrase(verb), verb.idx)
        speaker = self.speaker_actor(*found) if found else None
        channel = speech.channel_of(verb)
        return _Said(speaker, verb.lemma_.lower(), channel.text if channel else None,
                     self.date_for(verb, content), cue=(verb.idx, verb.idx + len(verb.text)),
                     source=(found[1].start, found[1].end) if found else None)

    def said_by_according(self, obj: Token) -> _Said:
        """Attribution of a clause that has only "according to X": X is the speaker."""
        phrase = speech.noun_phrase(obj)
        speaker = self.speaker_actor(obj, phrase) if phrase else None
        according, to = obj.head.head, obj.head
        return _Said(speaker, "according to", None, self.date_for(according, None),
                     cue=(according.idx, to.idx + len(to.text)),
                     source=(phrase.start, phrase.end) if phrase else None)


def _is_subject(tok: Token) -> bool:
    while tok.dep_ in ("compound", "flat", "appos") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass")


def _is_partial(ctx: _Context, m: QuoteMarks) -> bool:
    inner = ctx.text[m.start:m.end]
    before = ctx.text[:m.open].rstrip(" \t")
    prev = before[-1:] if before and not before.endswith("\n") else ""
    short = len(_WORD.findall(inner)) < PARTIAL_MAX_WORDS
    if prev in _CLOSING and short and inner[:1].islower():
        return True     # a list of quoted words: "grapple," "optics" and "eschew"
    if prev in _CLAUSE_BEFORE:
        return False
    if prev in (",", ":") and _before_window_verb(ctx, m) is not None:
        return False
    return len(_WORD.findall(inner)) < PARTIAL_MAX_WORDS or inner[:1].islower()


def _is_title(inner: str) -> bool:
    """Tell whether quoted text is a title ("The Kid Who Would Be King"), not someone's words.

    A title is a few words, every one of more than three letters capitalised, and it does
    not end like a sentence.
    """
    words = _WORD.findall(inner)
    if not 2 <= len(words) <= TITLE_MAX_WORDS or inner.rstrip()[-1:] in ".!?…":
        return False
    return all(w[0].isupper() for w in words if len(w) > 3) and words[0][0].isupper()


def _after_window_verb(ctx: _Context, m: QuoteMarks) -> Token | None:
    """Find the speech verb (or "according") right after a quote's closing mark."""
    inner = ctx.text[m.start:m.end].rstrip("”\"' ")
    if not m.terminated or inner.endswith("."):
        return None
    first = ctx.token_at(m.close).i + 1
    according = None
    for k in range(first, min(len(ctx.doc), first + _WINDOW)):
        tok = ctx.doc[k]
        if "\n" in tok.text or ctx.in_quote(tok):
            break
        if k - first < _AFTER_VERB_REACH and speech.is_speech_verb(tok, direct=True):
            return tok
        if tok.lower_ == "according" and according is None:
            according = tok
        if tok.text in _TERMINAL:
            break
    return according


def _before_window_verb(ctx: _Context, m: QuoteMarks) -> Token | None:
    """Find the speech verb before an opening mark, in the same sentence: X said: “…”."""
    k = ctx.token_at(m.open).i - 1
    while k >= 0:
        tok = ctx.doc[k]
        if "\n" in tok.text or ctx.in_quote(tok) or tok.text in _TERMINAL:
            break
        if speech.is_speech_verb(tok, direct=True):
            return tok
        k -= 1
    return None


def _attribute_verb(ctx: _Context, tok: Token) -> _Said | None:
    if tok.lower_ == "according":
        objs = speech.according_to(tok.head)
        return ctx.said_by_according(objs[0]) if objs else None
    return ctx.said_by_verb(tok, None)


def _direct(ctx: _Context, m: QuoteMarks, done: list[_Found]) -> _Said | None:
    verbs = [v for v in (_after_window_verb(ctx, m), _before_window_verb(ctx, m)) if v is not None]
    for verb in verbs:
        said = _attribute_verb(ctx, verb)
        if said and said.speaker:
            return said
    if not verbs and _is_title(ctx.text[m.start:m.end]):
        return None
    para = ctx.paragraph(m.open)
    earlier = [f for f in done if f.kind == "direct" and f.said and f.said.speaker]
    same = [f for f in earlier if ctx.paragraph(f.start) == para]
    if same:
        return same[-1].said
    here = ctx.antecedent(m.open, ctx.paragraph_starts[para])
    if here:
        return _Said(here, None, None, None)
    previous = [f for f in earlier if ctx.paragraph(f.start) == para - 1]
    if previous:
        return previous[-1].said
    person = ctx.antecedent(m.open, ctx.paragraph_starts[max(0, para - 1)])
    return _Said(person, None, None, None) if person else None


def _indirect(ctx: _Context) -> list[_Found]:
    """Find reported clauses of speech verbs and "according to X" clauses.

    A clause is cut at a line break (the parser joins a heading to the next sentence),
    and speech verbs on a heading, link or photo caption line are skipped.
    """
    found: list[_Found] = []
    seen: set[tuple[int, int]] = set()
    for tok in ctx.doc:
        if ctx.in_quote(tok) or ctx.off_body(tok.idx):
            continue
        if speech.is_speech_verb(tok) or clauses.is_directive(tok):
            if clauses.is_unmade(tok):
                continue    # "did not say whether", "declined to say why", "will argue that"
            pieces, source = clauses.reported_pieces(tok), None
        elif tok.lower_ == "according" and tok.dep_ == "prep":
            head = tok.head
            objs = speech.according_to(head)
            if not objs or speech.is_speech_verb(head, direct=True) or ctx.in_quote(head):
                continue
            pieces, source = _clause_without(head, tok), objs[0]
        else:
            continue
        kept = [_body_piece(ctx, p, tok.idx) for p in pieces]
        if len(kept) > 1 and kept[0] is None and ctx.quote_share(pieces[0].start, pieces[0].end) >= 0.5:
            continue    # “…,” he said, eyes welling up: what follows a direct quote is not speech
        kept = [p for p in kept if p and (p.start, p.end) not in seen]
        if not kept:
            continue
        said = ctx.said_by_according(source) if source is not None else ctx.said_by_verb(tok, kept[0])
        for piece in kept:
            seen.add((piece.start, piece.end))
            found.append(_Found("indirect", piece.start, piece.end, said))
    return found


def _body_piece(ctx: _Context, piece: speech.Phrase, anchor: int) -> speech.Phrase | None:
    """Cut a reported clause to the speech verb's line; None if too little clause is left."""
    start, end = layout.strip_edges(ctx.text, *layout.clip_to_line(ctx.text, piece.start, piece.end, anchor))
    if end - start < 2 or ctx.quote_share(start, end) >= 0.5 or ctx.off_body(start):
        return None
    if (start, end) == (piece.start, piece.end):
        return piece
    # what is left on the verb's side of a line break must still be a clause
    if not any(t.pos_ in ("VERB", "AUX") for t in ctx.doc.char_span(start, end, alignment_mode="expand") or ()):
        return None
    return speech.Phrase(ctx.text[start:end], start, end)


def _clause_without(head: Token, according: Token) -> list[speech.Phrase]:
    """Return ``head``'s clause minus the "according to X" phrase that hangs from it.

    A phrase inside the clause ("The truth, according to experts, is ...") splits it in
    two pieces, as a parenthetical "X said" does.
    """
    drop = {t.i for t in according.subtree}
    keep = [t.i for t in head.subtree if t.i not in drop]
    before = [i for i in keep if i < min(drop)]
    after = [i for i in keep if i > max(drop)]
    pieces = [speech.span_phrase(head.doc, min(side), max(side)) for side in (before, after) if len(side) > 1]
    return [p for p in pieces if p is not None]


def _partial(ctx: _Context, m: QuoteMarks, indirect: list[_Found]) -> _Said | None:
    around = [f for f in indirect if f.start <= m.open and m.close < f.end]
    if around:
        return min(around, key=lambda f: f.end - f.start).said
    tok = ctx.token_at(m.start)
    for _ in range(12):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if (speech.is_speech_verb(tok, direct=True) or tok.lemma_.lower() in cues.NAMING_VERBS) \
                and not ctx.in_quote(tok):
            if clauses.is_unmade(tok) or modality_of(tok)["hedged"]:
                return None
            said = ctx.said_by_verb(tok, None)
            return said if said.speaker else None
    return None


def _signed(ctx: _Context) -> list[_Found]:
    """Embedded posts and signed pull quotes: a line of someone's words with their name after."""
    found = []
    for (start, end), (n_start, n_end) in layout.signed_lines(ctx.text):
        name = ctx.doc.char_span(n_start, n_end, alignment_mode="expand")
        if name is None or end - start < 2 or any(t.pos_ in ("VERB", "AUX") for t in name):
            continue
        if not (name[0].ent_type_ in ("PERSON", "ORG") or (len(name) > 1 and all(t.pos_ == "PROPN" for t in name))):
            continue
        on_name = [a for a in ctx.actors if a.start < n_end and n_start < a.end]
        speaker = max(on_name, key=lambda a: a.end - a.start) if on_name else \
            Actor(text=ctx.text[n_start:n_end], start=n_start, end=n_end)
        found.append(_Found("direct", start, end, _Said(speaker, None, None, None, source=(n_start, n_end))))
    return found


def find_quotes(doc: Doc, actors: Sequence[Actor], published: dt.date | None = None,
                dates: Sequence[DateRef] = ()) -> list[Quote]:
    """Return the article's quotes in document order, ids q1, q2, ... (see attribute_quotes)."""
    return [found.quote for found in attribute_quotes(doc, actors, published, dates)]


def attribute_quotes(doc: Doc, actors: Sequence[Actor], published: dt.date | None = None,
                     dates: Sequence[DateRef] = ()) -> list[QuoteAttribution]:
    """Return the article's quotes in document order, each with its cue and source offsets.

    ``actors`` are the resolved actor mentions (speakers are taken from them where they
    overlap the subject of the speech verb); ``dates`` the resolved temporal expressions
    (a quote's date is the one in its attribution clause, else in its sentence, else
    None: the caller stamps the publication date). ``published`` only dates "said today".
    """
    if not len(doc):
        return []
    text = doc.text     # spaCy rebuilds Doc.text on every access: read it once
    marks = find_quote_marks(text)
    ctx = _Context(doc, actors, dates, published, marks, text)
    indirect = _indirect(ctx)
    # whoever speaks in reported speech ("Laurin said she was fortunate") is the first
    # candidate for a later "she said", like the speaker of a direct quote
    ctx.speakers.extend(f.said.speaker for f in indirect if f.said and f.said.speaker)
    done: list[_Found] = []
    for m in marks:
        if _is_partial(ctx, m):
            said = _partial(ctx, m, indirect)
            if said is None:
                log.debug("skipping unattributed scare quote %r", text[m.start:m.end])
                continue
            done.append(_Found("partial", m.start, m.end, said))
            continue
        said = _direct(ctx, m, done)
        if said is None and _is_title(text[m.start:m.end]):
            log.debug("skipping a quoted title %r", text[m.start:m.end])
            continue
        done.append(_Found("direct", m.start, m.end, said))
        if said and said.speaker:
            ctx.speakers.append(said.speaker)
    done.extend(_signed(ctx))
    quotes = []
    for n, f in enumerate(sorted(done + indirect, key=lambda f: (f.start, -f.end)), start=1):
        said = f.said or _Said(None, None, None, None)
        quote = Quote(quote_id=f"q{n}", text=text[f.start:f.end], kind=f.kind, start=f.start, end=f.end,
                      speaker=said.speaker, verb=said.verb, channel=said.channel, date=said.date)
        quotes.append(QuoteAttribution(quote, said.cue, said.source))
    return quotes


__all__ = ["QuoteAttribution", "QuoteMarks", "attribute_quotes", "find_quote_marks", "find_quotes",
           "PARTIAL_MAX_WORDS"]
