"""Who did it and to whom: map a trigger's syntactic arguments to resolved actors.

The rules are syntactic (spaCy's dependency labels), not lexical: the subject is the
source (the agent of a passive), objects and the objects of a few prepositions are
targets, controlled clauses ("began removing", "working to pressure") inherit the
subject of the verb that controls them, pronouns take the nearest fitting antecedent,
and first-person pronouns inside a quote are its speaker.
"""
from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Container, Sequence

from ..models import Actor, Quote

# verbs of transfer: what moves is the object, whom it goes to is the target ("returned the
# painting to its owner", "extradited X to the United States"); not expulsion, whose target is
# the one expelled (CAMEO 174)
TRANSFER_VERBS = frozenset({"return", "send", "hand", "deliver", "extradite", "transfer", "give", "provide",
                            "supply", "donate", "ship", "grant", "allocate", "contribute", "pledge", "repatriate",
                            "airlift", "dispatch"})
TARGET_PREPS = frozenset({"to", "against", "on", "upon", "with", "into", "toward", "towards", "at", "over"})
OBJECT_CONTROL = frozenset({"ask", "urge", "tell", "order", "force", "allow", "pressure", "persuade",
                            "push", "call", "invite", "encourage", "help", "compel", "press", "prompt", "cause",
                            "spur", "lead", "drive", "enable", "permit", "authorize", "authorise", "instruct",
                            "direct", "advise", "convince", "require", "want"})
FIRST_PERSON = frozenset({"we", "us", "our", "ours", "i", "me", "my"})
THIRD_PLURAL = frozenset({"they", "them", "their", "theirs"})
THIRD_NEUTER = frozenset({"it", "its"})
PERSONAL = frozenset({"he", "him", "his", "she", "her"})
REFLEXIVE = frozenset({"themselves", "himself", "herself", "itself", "ourselves", "myself"})
GROUP_SECTORS = {
    **dict.fromkeys(("position", "unit", "troop", "force", "soldier", "jet", "warplane", "drone", "artillery",
                     "tank", "army", "navy", "ship", "warship", "post", "base", "battalion", "brigade",
                     "fighter", "aircraft", "helicopter", "submarine", "vessel", "patrol", "border guard",
                     "guard", "military", "sniper", "gunboat"), "MIL"),
    **dict.fromkeys(("civilian", "villager", "resident", "citizen", "national", "village", "town", "city",
                     "farmer", "fisherman", "worker", "student", "people", "family", "child", "woman",
                     "pilgrim", "tourist", "hospital", "school", "home", "house"), "CVL"),
    **dict.fromkeys(("journalist", "reporter", "newspaper", "broadcaster"), "MED"),
    **dict.fromkeys(("police", "policeman", "officer"), "COP"),
    **dict.fromkeys(("diplomat", "embassy", "consulate", "official", "minister", "envoy", "delegation"), "GOV"),
    **dict.fromkeys(("company", "firm", "bank", "exporter", "business"), "BUS"),
    # a country's goods stand for its exporters: "tariffs on Chinese goods", "U.S. exports"
    **dict.fromkeys(("good", "goods", "export", "import", "product", "steel", "aluminum", "aluminium", "car",
                     "vehicle", "wine", "whiskey", "soybean", "shipment", "chip", "oil", "gas", "grain"), "BUS"),
    **dict.fromkeys(("refugee", "migrant", "asylum-seeker"), "REF"),
}
LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "from", "across", "throughout"})
# prepositions naming a thing's parties or topic, not its owner: "an agreement among A and B",
# "a plan for C", "talks with D"
# whom an act is aimed at: inside a speech act's object ("condemned violence against
# civilians") they are the act's victims, not whom the speech is about
AIMED = frozenset({"against", "on", "upon", "toward", "towards"})
PARTIES = frozenset({"among", "amongst", "between", "with", "for", "on", "about", "over", "to", "against"})
CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "parataxis"})


class Roles:
    """Actor look-ups over one parsed article."""

    def __init__(self, doc, actors: Sequence[Actor], quotes: Sequence[Quote],
                 adjectives: dict[str, str] | None = None):
        self.doc = doc
        self.adjectives = adjectives or {}
        self.actors = sorted(actors, key=lambda a: a.start)
        self.starts = [a.start for a in self.actors]
        self.quotes = [q for q in quotes if q.kind in ("direct", "partial")]
        self.persons = {(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"}
        self.by_token: dict[int, Actor] = {}
        for actor in self.actors:
            span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.by_token.setdefault(tok.i, actor)

    def is_person(self, actor: Actor) -> bool:
        if actor.kb_id and not actor.kb_id.startswith("person/"):
            return False    # a known organisation the tagger took for a name ("#PNH")
        return any(s < actor.end and actor.start < e for s, e in self.persons)

    def is_plural(self, actor: Actor) -> bool:
        span = self.doc.char_span(actor.start, actor.end, alignment_mode="expand")
        return span is not None and (span[-1].tag_ in ("NNS", "NNPS") or len(self.coordinated(actor)) > 1)

    def _one_person(self, actor: Actor) -> bool:
        """Whether an actor is one person named by a singular noun ("a Somali lawmaker")."""
        span = self.doc.char_span(actor.start, actor.end, alignment_mode="expand")
        return span is not None and span.root.tag_ == "NN" and len(self.coordinated(actor)) == 1 \
            and not actor.kb_id

    def coordinated(self, actor: Actor) -> list[Actor]:
        """The actors coordinated with ``actor`` ("Mexico, Canada and China"), itself included."""
        span = self.doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is None:
            return [actor]
        head = span.root
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        out = [self.by_token[t.i] for t in [head, *head.conjuncts] if t.i in self.by_token]
        return list(dict.fromkeys(out)) if actor in out else [actor]

    def quote_at(self, char: int) -> Quote | None:
        for q in self.quotes:
            if q.start <= char < q.end:
                return q
        return None

    # --- antecedents ---------------------------------------------------------------
    def _before(self, char: int, window: int = 1500):
        i = bisect.bisect_left(self.starts, char)
        for actor in reversed(self.actors[:i]):
            if actor.end > char:
                continue
            if char - actor.end > window:
                break
            yield actor

    def resolve_pronoun(self, tok) -> Actor | None:
        """The actor a pronoun stands for, with the pronoun's text and offsets."""
        found = self._antecedent(tok)
        return _as_pronoun(found, tok) if found is not None else None

    def _antecedent(self, tok) -> Actor | None:
        """The actor mention (or quote speaker) a pronoun refers back to."""
        word = tok.lower_
        quote = self.quote_at(tok.idx)
        speaker = quote.speaker if quote else None
        found: Actor | None = None
        if tok.tag_ == "PRP$" and word not in FIRST_PERSON:
            found = self._possessor(tok)
        elif word not in FIRST_PERSON and (owner := self._content_owner(tok)) is not None:
            found = owner
        elif speaker is None and word not in FIRST_PERSON:
            found = self._reporter(tok)
        if found is not None:
            pass
        elif word in FIRST_PERSON:
            # "grant me access", said the U.N. rapporteur: an international official has no country
            found = speaker if speaker and (speaker.country or speaker.sector in ("IGO", "NGO")) else None
        elif word in THIRD_PLURAL or word in THIRD_NEUTER:
            plural = word in THIRD_PLURAL and speaker is None
            for actor in self._before(tok.idx, window=600):
                if not (actor.country or actor.kb_id) or self.is_person(actor) or _relative_head(tok, actor):
                    continue
                if speaker and actor.country == speaker.country:
                    continue
                if speaker and actor.sector == "EDU":
                    continue    # an analyst's "they may impose sanctions" is not the analyst's university
                if word in THIRD_PLURAL and self._one_person(actor):
                    continue    # "they" is never "a Somali lawmaker"
                if plural and not self.is_plural(actor):
                    continue    # outside quotes "they" is a group ("the rebels"), not a state
                found = actor
                break
        elif word in PERSONAL:
            # the nearest person; one the text gives no country is still the nearest, so "he"
            # never skips back past them to an earlier name
            found = next((a for a in self._before(tok.idx, window=600)
                          if self.is_person(a) and not _relative_head(tok, a)), None)
            found = found if found is not None and found.country else None
        return found

    def pronoun_group(self, tok) -> list[Actor]:
        """The actors a plural pronoun stands for: "to pressure them", after "Mexico, Canada and
        China", is all three (each with the pronoun's offsets)."""
        found = self._antecedent(tok)
        if found is None:
            return []
        group = self.coordinated(found) if tok.lower_ in THIRD_PLURAL else [found]
        return [_as_pronoun(a, tok) for a in group]

    def _reporter(self, tok) -> Actor | None:
        """"The UNHCR said it was ready": a pronoun subject of a reported clause is the reporter."""
        clause = tok.head
        if tok.dep_ in ("nsubj", "nsubjpass") and clause.dep_ in ("ccomp", "advcl") \
                and any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in clause.children):
            # "asked the minister whether he agreed": the one asked, never the one asking
            asked = next((c for c in clause.head.children if c.dep_ in ("dobj", "dative")), None)
            if asked is not None and clause.head.lemma_.lower() in ("ask", "question", "press", "query"):
                actor = self.actor_of(asked)
                return actor if actor is not None and (actor.country or actor.kb_id) else None
        if tok.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ccomp" or clause.head.pos_ not in ("VERB", "AUX"):
            return None
        subj = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.tag_ in ("PRP", "PRP$"):
            return None
        actor = self.actor_of(subj)
        if actor is None or self.is_person(actor) != (tok.lower_ in PERSONAL):
            return None
        return actor if actor.country or actor.kb_id else None

    def _content_owner(self, tok) -> Actor | None:
        """"The Taliban's announcement that they will ...": a pronoun subject of a noun's
        content clause is whoever the noun belongs to (announcement, decision, claim)."""
        clause = tok.head
        if tok.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ not in ("acl", "ccomp") or clause.head.pos_ != "NOUN":
            return None
        owner = next((c for c in clause.head.children if c.dep_ == "poss" and c.tag_ != "PRP$"), None)
        actor = self.actor_of(owner) if owner is not None else None
        if actor is None or self.is_person(actor) != (tok.lower_ in PERSONAL):
            return None
        return actor if actor.country or actor.kb_id else None

    def _possessor(self, tok) -> Actor | None:
        """A possessive pronoun ("its offensive") most often refers to its clause's subject."""
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subj, _ = subject_of(verb)
        if subj is None or subj.tag_ in ("PRP", "PRP$") or subj.i == tok.i:
            return None
        actor = self.actor_of(subj)
        return actor if actor and actor.country else None

    # --- arguments -----------------------------------------------------------------
    def actor_of(self, tok, skip_preps: frozenset[str] = frozenset()) -> Actor | None:
        """The actor a noun-phrase head stands for: its apposition, itself, or inside it
        (leaving out locative phrases and ``skip_preps``)."""
        for appos in (c for c in tok.children if c.dep_ == "appos"):
            if appos.i in self.by_token:
                return self.by_token[appos.i]
        if tok.i in self.by_token:
            return self.by_token[tok.i]
        if tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$"):
            return self.resolve_pronoun(tok)
        ranked = [c for c in tok.children if c.dep_ == "appos"] + [tok]
        for head in ranked:
            # the actor nearest the head stands for the phrase: "an agreement with Turkey's
            # rival Greece" is with Greece, whose possessor Turkey sits one step deeper
            # (at equal depth a name beats a possessor: "Afghanistan's Taliban insurgency")
            for sub in sorted(self._phrase(head, skip_preps=LOCATIVE | skip_preps),
                              key=lambda t: (_depth(t, head), t.dep_ == "poss", t.i)):
                if sub.i in self.by_token:
                    return self.by_token[sub.i]
        # "Armenian positions", or one inside the phrase: "tariffs on $20 billion worth of U.S. exports"
        for sub in sorted(self._phrase(tok, skip_preps=LOCATIVE | skip_preps), key=lambda t: (_depth(t, tok), t.i)):
            group = self._demonym_group(sub)
            if group is not None:
                return group
        return None

    def _demonym_group(self, tok) -> Actor | None:
        """"Armenian positions", "Israeli jets", "Sudanese villagers": a country's forces or people."""
        sector = GROUP_SECTORS.get(tok.lemma_.lower())
        if sector is None:
            return None
        for c in tok.children:
            country = self.adjectives.get(c.lower_) if c.dep_ in ("amod", "compound") and c.text[:1].isupper() \
                else None
            if country:
                first = min(c.i, *(t.i for t in c.subtree))
                span = self.doc[first:tok.i + 1]
                return Actor(text=span.text, start=span.start_char, end=span.end_char, country=country,
                             sector=sector)
        return None

    def holders_of(self, tok) -> list[Actor]:
        """Like ``actors_of``, but an actor nested in the phrase counts only as its owner
        ("Kenya's plan", "a plan of Kenya"), never as one of its parties or its topic: "an
        agreement among Kenya and Somalia supporting refugees" is not Kenya supporting them."""
        out = []
        for t in [tok, *tok.conjuncts]:
            actor = next((self.by_token[c.i] for c in t.children if c.dep_ == "appos" and c.i in self.by_token),
                         None)
            if actor is None and (t.i in self.by_token or t.pos_ == "PRON" or t.tag_ in ("PRP", "PRP$")):
                actor = self.actor_of(t)
            if actor is None:
                actor = next((self.by_token[s.i] for s in self._phrase(t, skip_preps=LOCATIVE | PARTIES)
                              if s.i in self.by_token), None) or self._demonym_group(t)
            if actor and actor not in out:
                out.append(actor)
        return out

    def actors_of(self, tok, skip_preps: frozenset[str] = frozenset()) -> list[Actor]:
        """The actor of ``tok`` and of each conjunct ("Belarus or Russia"); all the actors a
        plural pronoun stands for ("them": "Mexico, Canada and China")."""
        out = []
        for t in [tok, *tok.conjuncts]:
            found = self.pronoun_group(t) if t.lower_ in THIRD_PLURAL and t.i not in self.by_token \
                else [self.actor_of(t, skip_preps)]
            for actor in found:
                if actor and actor not in out:
                    out.append(actor)
        return out

    def heads_of(self, tok) -> list[Actor]:
        """Actors that ``tok`` (and its conjuncts) itself names, not ones nested in its phrase."""
        out = []
        for t in [tok, *tok.conjuncts]:
            actor = self.by_token.get(t.i)
            if actor is None and t.tag_ in ("PRP", "PRP$"):
                actor = self.resolve_pronoun(t)
            if actor is None:
                actor = next((self.by_token[c.i] for c in t.children if c.dep_ == "appos" and c.i in self.by_token), None)
            if actor and actor not in out:
                out.append(actor)
        return out

    def actors_within(self, tok) -> list[Actor]:
        """Every actor in the phrase headed by ``tok``, in text order (pronouns resolved),
        leaving out locative phrases ("the insurgents in Qatar's capital")."""
        out = []
        for sub in self._phrase(tok, skip_preps=LOCATIVE):
            actor = self.by_token.get(sub.i)
            if actor is None and sub.tag_ in ("PRP", "PRP$"):
                actor = self.resolve_pronoun(sub)
            if actor and actor not in out:
                out.append(actor)
        return out

    @staticmethod
    def _phrase(tok, skip_preps: frozenset[str] = frozenset()):
        """Tokens of the phrase headed by ``tok``, without embedded clauses."""
        stack, out = [tok], []
        while stack:
            t = stack.pop()
            out.append(t)
            stack.extend(c for c in t.children if c.dep_ not in CLAUSES
                         and not (c.dep_ == "prep" and c.lower_ in skip_preps))
        return sorted(out, key=lambda t: t.i)


def _as_pronoun(actor: Actor, tok) -> Actor:
    """``actor`` as mentioned by the pronoun ``tok``: its identity, the pronoun's text and offsets."""
    return dataclasses.replace(actor, text=tok.text, start=tok.idx, end=tok.idx + len(tok.text))


def _relative_head(pronoun, actor: Actor) -> bool:
    """Whether ``actor`` is the noun a relative clause modifies while ``pronoun`` is that
    clause's subject: in "a diplomat it arrested", "it" is not the diplomat."""
    verb = pronoun.head
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "relcl":
        return False
    noun = verb.head
    return actor.start <= noun.idx < actor.end


def _depth(tok, head) -> int:
    """Arcs from ``tok`` up to ``head`` (``tok`` lies in ``head``'s subtree)."""
    steps = 0
    while tok.i != head.i and tok.head.i != tok.i:
        tok, steps = tok.head, steps + 1
    return steps


def subject_of(verb, depth: int = 0):
    """Return (subject token, is_passive) of a verb, climbing through controlling verbs."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj", "expl"):
            return (c, False) if c.dep_ != "expl" else (None, False)
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            agent = next((g for g in verb.children if g.dep_ == "agent"), None)
            pobj = next((p for p in agent.children if p.dep_ == "pobj"), None) if agent else None
            return pobj, True
    if any(c.dep_ == "auxpass" for c in verb.children) and verb.dep_ != "xcomp":
        return None, True       # a passive with no subject of its own: its agent is unknown
    if depth > 4 or verb.head is verb:
        return None, False
    if verb.tag_ == "VBN" and verb.dep_ == "advcl":
        return None, False      # "if convicted, he could face": the participle is passive
    if verb.dep_ == "relcl":
        return verb.head, False
    if verb.dep_ == "xcomp" and verb.head.lemma_ in OBJECT_CONTROL:
        obj = next((c for c in verb.head.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None:
            return obj, False
    if verb.dep_ == "xcomp":
        # "X is expected to visit Y": a raising passive lends its subject to the verb it controls
        raised = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)
        if raised is not None:
            return raised, False
    if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp") \
            or (verb.dep_ == "ccomp" and verb.head.lemma_.lower() in ("let", "set")):
        return subject_of(verb.head, depth + 1)     # "Ethiopia let free 74 leaders": Ethiopia frees them
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head, False
    return None, False


_NAMED = frozenset({"ORG", "GPE", "NORP", "PERSON"})


def misparsed_subject(verb, known: Container[int] = ()):
    """A subject the parse hung elsewhere: on an auxiliary ("X however have opposed"), or a
    name left of a verb that has no subject, tagged as a modifier ("USAID provided ..."); a
    name is a named entity or a token of a resolved actor (``known`` token indices)."""
    for aux in (c for c in verb.children if c.dep_ == "aux"):
        found = next((c for c in aux.children if c.dep_ == "nsubj"), None)
        if found is not None:
            return found
    return next((c for c in verb.children if c.i < verb.i and (c.ent_type_ in _NAMED or c.i in known)
                 and c.dep_ in ("advmod", "npadvmod", "dep", "nmod")), None)


def misparsed_visitor(tok):
    """The visitor of "met visiting President X", parsed as a verb "visiting" whose object is
    X; None for any other token. The participle describes X: X is the visitor and the verb
    before it ("met", "welcomed", "assured") is what the host did to X."""
    if tok.lower_ != "visiting" or tok.tag_ != "VBG" or tok.dep_ not in ("xcomp", "advcl", "ccomp", "dep") \
            or tok.head.pos_ != "VERB" or tok.i != tok.head.i + 1:
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    return obj if obj is not None and obj.left_edge.i == tok.i + 1 else None


def object_heads(verb) -> list:
    """Candidate target heads of a verb: objects, passive subjects, prepositional objects."""
    out = []
    for c in verb.children:
        visitor = misparsed_visitor(c)
        if visitor is not None:
            out.append(visitor)     # "met visiting President X": X is whom the verb acts on
        if c.dep_ in ("dobj", "dative", "iobj", "nsubjpass", "oprd"):
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
            out.extend(p for p in c.children if p.dep_ == "pobj")
        elif c.dep_ == "prt":
            for p in c.children:
                if p.dep_ == "pobj":
                    out.append(p)
    # "sent troops into Belarus": the prepositional phrase may hang on the object
    for obj in [c for c in verb.children if c.dep_ == "dobj"]:
        for c in obj.children:
            if c.dep_ == "prep" and c.lower_ in TARGET_PREPS - {"with", "over"}:
                out.extend(p for p in c.children if p.dep_ == "pobj")
    return out
