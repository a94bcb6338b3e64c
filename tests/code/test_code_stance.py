"""Intent, refusal and demand frames: what a source says it will, won't, or another must do.

Every sentence here is written for these tests.
"""
from __future__ import annotations

import functools

import pytest

from forewarn.annotate import load_model
from forewarn.code import sentence_code
from forewarn.pipeline import code_article
from forewarn.settings import load_settings


@functools.cache
def events(text: str):
    return code_article(text).events


def codes(text: str, counted: bool = True) -> list[str]:
    return [e.cameo.code for e in events(text)
            if not counted or not (e.modality.negated or e.modality.hypothetical)]


@pytest.mark.parametrize("text, code", [
    ("Norway agreed to lift its ban on Chilean salmon imports.", "0354"),
    ("Peru is willing to withdraw its troops from the border zone.", "0356"),
    ("Ecuador said it will release the detained Colombian fishermen.", "0353"),
    ("Brazil offered to send troops to Haiti.", "0312"),
])
def test_an_intended_cooperative_act_is_an_expression_of_intent(text, code):
    assert code in codes(text)


@pytest.mark.parametrize("text, code", [
    ("Hungary will not lift the embargo on Serbian steel.", "1244"),
    ("Slovenia says it will not accept Croatian refugees.", "122"),
])
def test_a_cooperative_act_the_source_will_not_do_is_a_refusal(text, code):
    assert code in codes(text)


def test_a_past_negation_is_no_refusal_but_a_negated_act():
    text = "Hungary did not lift the embargo on Serbian steel."
    assert codes(text) == [] and codes(text, counted=False) == ["085"]


def test_what_a_speaker_says_another_must_do_is_the_speakers_demand():
    [event] = [e for e in events("Turkey said Greece must release the detained Turkish soldiers.")
               if e.cameo.root == "10"]
    assert event.cameo.code == "1053"
    assert [a.country for a in event.source] == ["TUR"] and [a.country for a in event.target] == ["GRC"]


def test_an_act_under_consideration_is_not_done_the_deliberation_is_the_event():
    text = "Poland is considering sending aid to Moldova."
    assert codes(text) == ["014"] and "073" in codes(text, counted=False)


@pytest.mark.parametrize("text, code", [
    ("The Chilean government said Bolivia must ensure security at the border.", "100"),
    ("The Chilean government said Bolivia ensured security at the border.", "010"),
    ("Hungary will not lift the embargo on Serbian steel.", "1244"),
])
def test_sentence_code_reads_the_same_frames(text, code):
    nlp = load_model(load_settings().model)
    assert sentence_code(next(nlp(text).sents)) == code


def test_a_group_claiming_its_own_attack_claims_responsibility():
    text = "The Syrian rebels claimed that they had attacked the airport."
    assert "015" in codes(text) and not [c for c in codes(text) if c.startswith("19")]


@pytest.mark.parametrize("text", [
    "The Kenyan army carried out a medical evacuation operation in Garissa.",
    "The Nigerian air force launched a rescue operation after the floods.",
])
def test_a_medical_or_rescue_operation_is_no_attack(text):
    assert not [c for c in codes(text, counted=False) if c.startswith("19")]
