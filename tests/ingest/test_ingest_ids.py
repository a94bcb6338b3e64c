"""Article ids: stable for one article, distinct across outlets."""
from __future__ import annotations

import re

import pytest

from forewarn.ingest import make_article_id, normalize_url


@pytest.mark.parametrize("variant", [
    "https://news.example.com/world/story-1",
    "HTTPS://News.Example.COM/world/story-1",
    "https://news.example.com/world/story-1/",
    "https://news.example.com/world/story-1#comments",
    "https://news.example.com/world/story-1?utm_source=twitter&utm_medium=social",
    "https://news.example.com:443/world/story-1",
])
def test_url_variants_share_one_id(variant):
    assert make_article_id(variant, "a", None) == make_article_id("https://news.example.com/world/story-1", "b", "X")


def test_id_is_sixteen_hex_digits():
    assert re.fullmatch(r"[0-9a-f]{16}", make_article_id(None, "Some text.", "Outlet"))


def test_different_urls_give_different_ids():
    assert make_article_id("https://a.example/1", "t", None) != make_article_id("https://a.example/2", "t", None)


def test_normalize_url_keeps_other_query_parameters():
    assert normalize_url("https://a.example/p/?id=7&utm_campaign=x&page=2#top") == "https://a.example/p?id=7&page=2"


def test_same_text_same_outlet_gives_same_id_whatever_the_whitespace():
    spaced = make_article_id(None, "Troops  moved\n\nnorth.", "Outlet")
    assert spaced == make_article_id(None, " Troops moved north. ", "Outlet")


def test_same_text_from_two_outlets_gives_two_ids():
    assert make_article_id(None, "Wire story.", "Outlet A") != make_article_id(None, "Wire story.", "Outlet B")
