"""attribute_quotes: cue and source offsets as written; speakers from surnames and reported speech."""
from __future__ import annotations

from forewarn.attribute import attribute_quotes, find_quotes


def test_cue_and_source_are_the_words_as_written(nlp):
    text = "The minister said that the talks would resume."
    found = attribute_quotes(nlp(text), [])
    assert len(found) == 1
    assert text[slice(*found[0].cue)] == "said"
    assert text[slice(*found[0].source)] == "The minister"


def test_according_to_is_the_cue(nlp):
    text = "Troops crossed the border overnight, according to Belta."
    found = attribute_quotes(nlp(text), [])
    assert text[slice(*found[0].cue)] == "according to"
    assert text[slice(*found[0].source)] == "Belta"


def test_a_later_she_said_goes_to_the_surname_of_the_last_speaker(nlp):
    text = ("Dr. Allan Garland led the study of stroke patients in Winnipeg.\n\n"
            "For Carole Laurin, a series of strokes meant she had to leave her job.\n\n"
            "Laurin said she was fortunate because her pension covered therapy.\n\n"
            "\u201cI think I'm lucky,\u201d she said.")
    quotes = [q for q in find_quotes(nlp(text), []) if q.kind == "direct"]
    assert quotes[0].speaker is not None and "Laurin" in quotes[0].speaker.text
