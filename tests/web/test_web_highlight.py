"""Highlighting: spans from offsets, nested and overlapping, every piece escaped."""
from __future__ import annotations

from forewarn.web.highlight import Span, find_all, highlight


def test_spans_are_wrapped_and_text_escaped():
    html = highlight("A <b> met B.", [Span(0, 1, "actor", "A <x>"), Span(6, 9, "trigger")])
    assert str(html) == ('<mark class="hl-actor" title="A &lt;x&gt;">A</mark> &lt;b&gt; '
                         '<mark class="hl-trigger">met</mark> B.')


def test_nested_spans_split_into_pieces():
    html = str(highlight('"Russia attacked"', [Span(0, 17, "quote"), Span(1, 7, "actor")]))
    assert html == ('<mark class="hl-quote">&#34;</mark><mark class="hl-actor hl-quote">Russia</mark>'
                    '<mark class="hl-quote"> attacked&#34;</mark>')


def test_offset_and_clipping():
    html = str(highlight("met him", [Span(10, 13, "trigger"), Span(0, 50, "quote")], offset=10))
    assert html == '<mark class="hl-quote hl-trigger">met</mark><mark class="hl-quote"> him</mark>'


def test_find_all_is_case_insensitive():
    assert find_all("Reuters said, reuters", "REUTERS", base=5) == [(5, 12), (19, 26)]
