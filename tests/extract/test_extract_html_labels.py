"""HTML bodies: tables kept, trailing short lines kept, related-content labels dropped."""
from __future__ import annotations

import pytest

from forewarn.extract import extract_article
from forewarn.extract.noise import is_noise
from forewarn.models import RawArticle

PARAGRAPH = ("<p>The council voted on Tuesday to close the old bridge to traffic after engineers found "
             "deep cracks in two of its piers, the mayor's office said in a statement.</p>")


@pytest.mark.parametrize("line", ["Auch interessant:", "Das könnte Sie auch interessieren", "Mehr zum Thema",
                                  "PC Gamer Newsletter", "Beitragsbild: Titelseite der Zeitung", "Foto: dpa"])
def test_related_content_labels_and_credits_are_noise(line):
    assert is_noise(line)


@pytest.mark.parametrize("line", ["The newsletter was sent to 3,000 members.", "Auch interessanter ist das Ende."])
def test_sentences_mentioning_such_words_are_kept(line):
    assert not is_noise(line)


def test_a_short_closing_line_of_the_body_is_kept():
    html = (f"<html><body><article><h1>Bridge closed</h1>{PARAGRAPH * 3}"
            "<p>Verlag Dr. Otto Schmidt</p></article></body></html>")
    article = extract_article(RawArticle(content=html, content_type="html"))
    assert article.text.endswith("Verlag Dr. Otto Schmidt")
