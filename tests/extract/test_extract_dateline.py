"""Pasted pages carry their publication date in a dateline near the top."""
from __future__ import annotations

import datetime as dt

import pytest

from forewarn.extract import extract_article
from forewarn.extract.pasted import find_dateline_date
from forewarn.models import RawArticle

PAGE = """World

Ministers Meet in Nairobi Over Grain Corridor

{dateline}

Kenya's foreign minister met his Ethiopian counterpart in Nairobi on Tuesday to discuss the grain corridor.
"""


@pytest.mark.parametrize("dateline, expected", [
    ("Updated May 14, 2024 9:12 AM ET", dt.date(2024, 5, 14)),
    ("Published October 14, 2024", dt.date(2024, 10, 14)),
    ("December 2, 2024", dt.date(2024, 12, 2)),
    ("Posted 20 June 2024 11:05 GMT", dt.date(2024, 6, 20)),
    ("2024-03-07", dt.date(2024, 3, 7)),
])
def test_dateline_gives_the_date(dateline, expected):
    assert find_dateline_date(PAGE.format(dateline=dateline)) == expected


def test_prose_with_a_date_is_not_a_dateline():
    assert find_dateline_date("Talks resumed on May 14, 2024 after a long pause in the capital.") is None


def test_flag_wins_over_dateline():
    raw = RawArticle(PAGE.format(dateline="May 14, 2024"), published=dt.date(2024, 6, 1))
    assert extract_article(raw).published == dt.date(2024, 6, 1)


def test_dateline_fills_a_missing_date():
    assert extract_article(RawArticle(PAGE.format(dateline="May 14, 2024"))).published == dt.date(2024, 5, 14)
