"""HTML pages and fragments through trafilatura, and the Article they make."""
from __future__ import annotations

import datetime as dt

from forewarn.extract import extract_article, extract_html
from forewarn.ingest import make_article_id
from forewarn.models import RawArticle

PAGE = """<!DOCTYPE html><html lang="en-GB"><head><title>Border clash | Caspian Times</title>
<meta property="og:site_name" content="Caspian Times"><meta property="og:title" content="Border clash erupts">
<meta name="date" content="2024-05-14"><link rel="canonical" href="https://caspian.example/clash"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Border clash erupts</h1>
<p>Armenian and Azerbaijani troops exchanged fire on Tuesday near the village of Sotk, the Armenian defence
ministry said in a statement, adding that two soldiers were wounded in the shooting.</p>
<p>ADVERTISEMENT</p>
<p>Azerbaijan denied the claim and said its positions had come under fire first, according to a statement from
the ministry in Baku. Officials said talks would continue next week in Brussels.</p></article>
<footer>Copyright 2024 Caspian Times. All rights reserved.</footer></body></html>"""


def test_extracts_body_paragraphs_without_navigation_or_ads():
    article = extract_article(RawArticle(PAGE, "html"))
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 2 and paragraphs[0].startswith("Armenian and Azerbaijani troops")
    assert "ADVERTISEMENT" not in article.text and "Home" not in article.text


def test_page_metadata_fills_the_gaps():
    article = extract_article(RawArticle(PAGE, "html"))
    assert (article.title, article.outlet, article.published, article.language) == (
        "Border clash erupts", "Caspian Times", dt.date(2024, 5, 14), "en")


def test_raw_article_values_win_over_page_metadata():
    raw = RawArticle(PAGE, "html", url="https://mirror.example/a", outlet="Mirror", published=dt.date(2024, 5, 15),
                     title="Own title", language="hy")
    article = extract_article(raw)
    assert (article.url, article.outlet, article.published, article.title, article.language) == (
        "https://mirror.example/a", "Mirror", dt.date(2024, 5, 15), "Own title", "hy")


def test_language_comes_from_the_html_lang_attribute():
    assert extract_html(PAGE.replace('lang="en-GB"', 'lang="fr"')).language == "fr"


def test_page_without_an_article_gives_empty_text_not_an_error():
    article = extract_article(RawArticle("<html><body><nav><a href='/'>Home</a></nav></body></html>", "html"))
    assert article.text == ""


def test_html_fragment_such_as_a_feed_summary_keeps_its_text():
    fragment = "<p>Peru recalled its ambassador from Mexico on Tuesday, the ministry said.</p><p>Mexico regretted it.</p>"
    assert extract_article(RawArticle(fragment, "html")).text == (
        "Peru recalled its ambassador from Mexico on Tuesday, the ministry said.\n\nMexico regretted it.")


def test_article_id_comes_from_the_url_when_there_is_one():
    article = extract_article(RawArticle(PAGE, "html", url="https://caspian.example/clash?utm_source=rss"))
    assert article.article_id == make_article_id("https://caspian.example/clash", "", None)
