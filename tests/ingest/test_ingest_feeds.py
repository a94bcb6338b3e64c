"""RSS and Atom feeds, from files and URLs."""
from __future__ import annotations

import datetime as dt

import httpx
import pytest

from forewarn.errors import FetchError, InputError
from forewarn.ingest import fetch_feed, parse_feed, read_sources

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Andes Wire</title><language>en-us</language>
<item><title>Peru recalls envoy</title><link>https://andes.example/1</link>
<pubDate>Tue, 14 May 2024 09:00:00 GMT</pubDate>
<description>&lt;p&gt;Peru recalled its ambassador from Mexico on Tuesday, the ministry said.&lt;/p&gt;</description></item>
<item><title>Undated</title><link>https://andes.example/2</link><description>Second item.</description></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Nordic Desk</title>
<entry><title>Talks</title><link href="https://nordic.example/a"/><updated>2024-03-07T10:00:00Z</updated>
<content type="html">&lt;p&gt;Finland and Sweden held talks on Thursday.&lt;/p&gt;</content></entry></feed>"""


def test_rss_items_become_articles_with_link_date_title_and_outlet():
    first = next(iter(parse_feed(RSS, "andes.rss")))
    got = (first.url, first.published, first.title, first.outlet, first.language, first.content_type, first.origin)
    assert got == ("https://andes.example/1", dt.date(2024, 5, 14), "Peru recalls envoy", "Andes Wire", "en", "html",
                   "andes.rss#0")


def test_rss_item_content_is_its_html_summary():
    first = next(iter(parse_feed(RSS, "andes.rss")))
    assert "Peru recalled its ambassador" in first.content


def test_atom_entries_use_their_content():
    [entry] = parse_feed(ATOM, "nordic.atom")
    assert (entry.url, entry.published, entry.outlet) == (
        "https://nordic.example/a", dt.date(2024, 3, 7), "Nordic Desk")


def test_feed_file_flags_fill_missing_dates_but_not_urls(tmp_path):
    path = tmp_path / "andes.rss"
    path.write_text(RSS, encoding="utf-8")
    raws = list(read_sources([str(path)], published="2024-05-15", url="https://flag.example/"))
    assert [(r.published, r.url) for r in raws] == [(dt.date(2024, 5, 14), "https://andes.example/1"),
                                                    (dt.date(2024, 5, 15), "https://andes.example/2")]


@pytest.mark.parametrize("name, content", [("broken.rss", "this is not a feed at all"),
                                           ("broken.xml", "<?xml version='1.0'?><rss><chan")])
def test_malformed_feed_file_is_an_input_error_naming_it(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=f"{name}.* not a valid RSS or Atom feed"):
        list(read_sources([str(path)]))


def test_fetch_feed_reads_entries_over_http():
    client = httpx.Client(transport=httpx.MockTransport(
        lambda request: httpx.Response(200, text=ATOM, headers={"content-type": "application/atom+xml"})))
    [entry] = fetch_feed("https://nordic.example/feed", client=client, outlet="Flag Outlet")
    assert (entry.outlet, entry.origin) == ("Nordic Desk", "https://nordic.example/feed#0")


def test_fetch_feed_of_a_malformed_feed_is_a_fetch_error():
    client = httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(200, text="<rss><oops")))
    with pytest.raises(FetchError, match="https://bad.example/feed"):
        fetch_feed("https://bad.example/feed", client=client)
