"""Tests for reported-by provenance, sentence attribution and modality cues."""
from __future__ import annotations

import pytest

from forewarn.attribute import explain_modality, find_reported_by, modality_of, sentence_attribution
from forewarn.models import Modality


def _sent(nlp, text):
    return next(iter(nlp(text).sents))


def _token(doc, word):
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(("text", "expected"), [
    ("The rebels seized the airport, according to the Interfax news agency.", ["Interfax news agency"]),
    ("According to Xinhua, the two leaders signed a trade deal in Beijing.", ["Xinhua"]),
    ("The army has probably moved artillery closer to the border, analysts say.", ["analysts"]),
    ("The blockade is likely to continue for weeks, the defence ministry assesses.", ["defence ministry"]),
    ("Xinhua reported that the two leaders had signed a trade deal.", ["Xinhua"]),
    ("“We will not retreat from the hills,” the commander told Radio Sahel.", ["Radio Sahel"]),
    ("Defence Minister Piotr Nowak told reporters the drills were routine.", ["Defence Minister Piotr Nowak"]),
    ("The minister was quoted by the Tribune as saying the deal was dead.", ["Tribune"]),
    ("“The bridge will reopen,” the mayor said on Sunday, according to the Daily Courier.", ["Daily Courier"]),
    ("Rebel fighters shelled the town on Sunday.", []),
    ("He said the talks would resume in May.", []),
])
def test_find_reported_by(nlp, text, expected):
    assert find_reported_by(_sent(nlp, text)) == expected


def test_attribution_separates_speech_from_content(nlp):
    text = "General Omar Sall said on Monday that rebels had attacked the convoy near Gao."
    attribution = sentence_attribution(_sent(nlp, text))
    assert attribution.verb == "say"
    assert text[slice(*attribution.speaker_span)] == "General Omar Sall"
    content = text[attribution.content_start:attribution.content_end]
    assert content == "rebels had attacked the convoy near Gao"
    assert attribution.contains(text.index("attacked"))
    assert not attribution.contains(text.index("said"))


def test_attribution_of_according_to_clause(nlp):
    text = "The rebels shelled two villages overnight, according to the army."
    attribution = sentence_attribution(_sent(nlp, text))
    assert (attribution.verb, attribution.speaker) == ("according to", "the army")
    assert text[attribution.content_start:attribution.content_end] == \
        "The rebels shelled two villages overnight"


def test_attribution_channel(nlp):
    text = "The ministry said in a statement that the exercises would end on Sunday."
    attribution = sentence_attribution(_sent(nlp, text))
    assert (attribution.speaker, attribution.channel) == ("The ministry", "statement")


def test_attribution_empty_without_speech(nlp):
    attribution = sentence_attribution(_sent(nlp, "Rebel fighters shelled the town on Sunday."))
    assert attribution.verb is None and attribution.content_start is None


MODALITY_CASES = [
    # negation
    ("The army did not cross the border.", "cross", "negated", True),
    ("Kyiv does not intend to attack Minsk.", "attack", "negated", True),
    ("Moscow denied attacking the convoy.", "attacking", "negated", True),
    ("The envoy confirmed the absence of any hostile plans.", "plans", "negated", True),
    ("The army no longer patrols the border.", "patrols", "negated", True),
    ("The troops never entered the town.", "entered", "negated", True),
    ("There was no attack on the town.", "attack", "negated", True),
    ("The army crossed the border.", "crossed", "negated", False),
    # conditionals
    ("If Russia attacks Belarus, Minsk will respond.", "attacks", "hypothetical", True),
    ("If Russia attacks Belarus, Minsk will respond.", "respond", "hypothetical", True),
    ("Minsk would retaliate if its airspace were violated.", "retaliate", "hypothetical", True),
    ("Belarus will join the war unless Kyiv withdraws.", "join", "hypothetical", True),
    ("Russia attacked Belarus on Monday.", "attacked", "hypothetical", False),
    ("It was not clear if Kyiv had proposed a pact.", "proposed", "hypothetical", False),
    # future intent
    ("Belarus will join the exercises.", "join", "future", True),
    ("Moscow plans to send more troops.", "send", "future", True),
    ("Kyiv is going to close the crossing.", "close", "future", True),
    ("The summit is set to open in June.", "open", "future", True),
    ("Minsk threatened to cut gas supplies.", "cut", "future", True),
    ("Belarus joined the exercises.", "joined", "future", False),
    # hedges
    ("The Kremlin is likely working to pressure Minsk.", "pressure", "hedged", True),
    ("Rebels reportedly seized the airport.", "seized", "hedged", True),
    ("The army may have crossed the border.", "crossed", "hedged", True),
    ("The rebels appear to have seized the town.", "seized", "hedged", True),
    ("The minister is said to have resigned.", "resigned", "hedged", True),
    ("It was not immediately clear whether Russia had attacked.", "attacked", "hedged", True),
    ("It was not clear if Kyiv had proposed a pact.", "proposed", "hedged", True),
    ("The alleged strike killed ten people.", "strike", "hedged", True),
    ("The rebels seized the town.", "seized", "hedged", False),
]


@pytest.mark.parametrize(("text", "trigger", "flag", "expected"), MODALITY_CASES)
def test_modality_of(nlp, text, trigger, flag, expected):
    assert modality_of(_token(nlp(text), trigger))[flag] is expected


def test_modality_of_fits_the_model(nlp):
    doc = nlp("Kyiv does not intend to attack Minsk.")
    assert Modality(**modality_of(_token(doc, "attack"))) == Modality(negated=True, future=True)


def test_explain_modality_names_the_cue(nlp):
    doc = nlp("Rebels reportedly seized the airport.")
    assert explain_modality(_token(doc, "seized"))["hedged"] == ["reportedly"]
