"""Dashboard pages in-process: what they show, their JSON twins, escaping, empty states."""
from __future__ import annotations

import re

import pytest

HTML = {"accept": "text/html"}


@pytest.mark.parametrize("path,twin", [
    ("/", "/index.json"), ("/articles", "/articles.json"), ("/search?country=ARM", "/search.json?country=ARM"),
    ("/map", "/map.json"), ("/dyads/AZE/ARM", "/dyads/AZE/ARM.json"),
])
def test_every_page_has_a_json_twin(client, path, twin):
    page = client.get(path, headers=HTML)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert f'href="{twin}"'.replace("&", "&amp;") in page.text
    assert client.get(twin).headers["content-type"] == "application/json"


def test_overview_shows_dyads_volume_and_warnings_section(client):
    text = client.get("/", headers=HTML).text
    assert "Most active dyads" in text and 'href="/dyads/' in text
    assert "Current warnings" in text and "articles today" in text


def test_dyad_page_has_chart_events_and_statements(client):
    text = client.get("/dyads/AZE/ARM", headers=HTML).text
    assert '<svg class="chart"' in text and "What each side said" in text
    assert "Azerbaijani forces" in text and 'class="event-link"' in text


def test_event_and_article_pages_link_each_other(client):
    e = client.get("/api/events", params={"dyad": "AZE,ARM"}).json()["events"][0]
    page = client.get(e["links"]["event"], headers=HTML).text
    assert 'class="hl-trigger' in page and 'class="hl-source' in page
    assert f'href="/articles/{e["article_id"]}"' in page
    article = client.get(f"/articles/{e['article_id']}", headers=HTML).text
    assert 'class="hl-actor' in article and 'class="hl-quote' in article
    assert e["links"]["event"].replace("&", "&amp;") in article


def test_hostile_article_text_renders_as_text(hostile_client):
    for path in ("/articles/evil0000000000aa", "/events/evilevent0000001", "/", "/search?country=BLR",
                 "/dyads/BLR/UKR", "/articles"):
        html = hostile_client.get(path, headers=HTML).text
        assert "<script>alert" not in html, path
        assert "<img src=x" not in html and "<b>Evil" not in html and "<i>The ministry" not in html, path
        assert 'href="javascript:' not in html, path
    article = hostile_client.get("/articles/evil0000000000aa", headers=HTML).text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in article
    assert " onerror=&#34;alert(1)&#34;&gt;" in article
    assert re.search(r'<mark class="hl-place"[^>]*>&lt;img src=x', article)
    event = hostile_client.get("/events/evilevent0000001", headers=HTML).text
    assert "&lt;b&gt;ministry&lt;/b&gt;" in event


def test_empty_store_pages_say_what_to_do(empty_client):
    assert "forewarn ingest" in empty_client.get("/", headers=HTML).text
    assert "forewarn ingest" in empty_client.get("/articles", headers=HTML).text
    assert "No located events" in empty_client.get("/map", headers=HTML).text
    assert "forewarn ingest" in empty_client.get("/search", headers=HTML).text


def test_page_errors_are_pages_and_twin_errors_json(client):
    page = client.get("/articles/zzzz", headers=HTML)
    assert page.status_code == 404 and "Error 404" in page.text and "/articles" in page.text
    assert client.get("/articles/zzzz.json").json()["error"]["code"] == 404


def test_search_page_shows_a_bad_filter_next_to_the_form(client):
    page = client.get("/search?country=Armenia", headers=HTML)
    assert page.status_code == 200 and "ISO 3166-1 alpha-3" in page.text


def test_no_asset_comes_from_elsewhere(client):
    for path in ("/", "/dyads/AZE/ARM", "/map"):
        text = client.get(path, headers=HTML).text
        assert not re.search(r'(src|href)="(https?:)?//', text), path
