"""Task helpers that need no gold data: PentaCode, main event, detokenising, quote spans."""
from __future__ import annotations

import pytest

from forewarn.eval.events import detokenize, pentacode
from forewarn.eval.extraction import count_segments
from forewarn.eval.quotes import locate_quote, same_speaker, trim_span


@pytest.mark.parametrize("root, penta", [("01", "0"), ("02", "0"), ("03", "1"), ("05", "1"), ("06", "2"),
                                         ("08", "2"), ("09", "3"), ("13", "3"), ("14", "4"), ("20", "4")])
def test_pentacode_follows_the_gold_sets_root_ranges(root, penta):
    assert pentacode(root) == penta


def test_detokenize_gives_token_offsets_into_the_rebuilt_text():
    text, offsets = detokenize(["Russia", "'s", "army", "(", "RUS", ")", "attacked", "."])
    assert text == "Russia's army (RUS) attacked."
    assert [text[s:e] for s, e in offsets] == ["Russia", "'s", "army", "(", "RUS", ")", "attacked", "."]


def test_segments_are_matched_after_collapsing_whitespace():
    item = {"with": ["keep  this\ntext", "missing"], "without": ["Impressum"]}
    assert count_segments(item, "we keep this text here. Impressum") == (1, 1, 1, 0)
    assert count_segments(item, None) == (0, 0, 2, 1)


def test_quote_spans_lose_marks_punctuation_and_that():
    text = 'He said that "we will go," loudly.'
    start = text.index("that")
    assert text[slice(*trim_span(text, start, text.index(" loudly")))] == "we will go"


def test_gold_quotes_are_found_with_other_quote_marks():
    text = "Intro. “We will go,” he said."
    assert locate_quote(text, '"We will go,"', "(0,3)") == (7, 20)


@pytest.mark.parametrize("predicted, gold, same", [
    (["Trevor Nicholson", None], ["Nicholson", "Trevor Nicholson"], True),
    (["the officials", None], ["officials", ""], True),
    (["Lu Kang", "Lu Kang"], ["he", "Lu Kang"], True),
    (["Nicholson", None], ["Sandra Williamson", "Sandra Williamson"], False),
    (["", None], ["", ""], False),
])
def test_speakers_match_as_whole_words(predicted, gold, same):
    assert same_speaker(predicted, gold) is same
