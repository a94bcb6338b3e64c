"""Scoring helpers of the quotes task: gold speaker mentions and GGT's own overlap rule."""
from __future__ import annotations

from forewarn.eval.quotes import gold_share_matches, locate_speaker


def test_speaker_mention_is_the_occurrence_nearest_its_shifted_index():
    text = "She arrived. “We are done,” she said. Later she left."
    quote_at = (text.index("“"), text.index("”") + 1)
    # offsets from a text two characters longer before the quote: both shifted alike
    quote = {"speaker": "she", "speaker_index": f"({text.index('she s') + 2},{text.index('she s') + 5})",
             "quote_index": f"({quote_at[0] + 2},{quote_at[1] + 2})"}
    assert locate_speaker(text, quote, quote_at) == (text.index("she s"), text.index("she s") + 3)


def test_floating_quote_has_no_speaker_mention():
    assert locate_speaker("“Yes.”", {"speaker": "", "speaker_index": ""}, (0, 6)) is None


def test_speaker_mention_is_matched_as_a_whole_word():
    text = "Hearing the news, he smiled. “Fine,” he said."
    quote = {"speaker": "he", "speaker_index": "", "quote_index": ""}
    assert locate_speaker(text, quote, (29, 36)) == (37, 39)


def test_ggt_share_is_measured_against_the_gold_span_only():
    gold = [(10, 20)]
    assert gold_share_matches(gold, [(0, 100)], 0.8) == 1      # a long prediction covers it all
    assert gold_share_matches(gold, [(15, 40)], 0.3) == 1
    assert gold_share_matches(gold, [(15, 40)], 0.8) == 0


def test_ggt_matching_is_one_to_one():
    assert gold_share_matches([(0, 10), (0, 10)], [(0, 10)], 0.3) == 1
