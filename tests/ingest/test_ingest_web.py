"""Fetching URLs through a fake transport: limits, redirects, refusals and sniffing."""
from __future__ import annotations

import httpx
import pytest

from forewarn.errors import FetchError
from forewarn.ingest import fetch, read_sources
from forewarn.ingest import web
from forewarn.settings import Settings

PAGE = "<html><body><article><p>The minister said talks would resume.</p></article></body></html>"
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>One</title><link>https://w.example/1</link><description>First item.</description></item>
</channel></rss>"""


def client_for(handler):
    return httpx.Client(transport=httpx.MockTransport(handler))


def serve(body, content_type="text/html; charset=utf-8", status=200):
    return client_for(lambda request: httpx.Response(status, text=body, headers={"content-type": content_type}))


def test_article_page_becomes_one_html_article_with_its_url():
    [raw] = read_sources(["https://n.example/story"], client=serve(PAGE))
    assert (raw.content_type, raw.url, raw.origin, raw.content) == ("html", "https://n.example/story",
                                                                     "https://n.example/story", PAGE)


def test_sends_the_user_agent_from_settings():
    seen = []

    def handler(request):
        seen.append(request.headers["user-agent"])
        return httpx.Response(200, text=PAGE)
    fetch("https://n.example/", settings=Settings(user_agent="TestBot/1"), client=client_for(handler))
    assert seen == ["TestBot/1"]


def test_follows_redirects_and_keeps_the_final_url():
    def handler(request):
        if request.url.path == "/old":
            return httpx.Response(301, headers={"location": "https://n.example/new"})
        return httpx.Response(200, text=PAGE, headers={"content-type": "text/html"})
    [raw] = read_sources(["https://n.example/old"], client=client_for(handler))
    assert raw.url == "https://n.example/new"


@pytest.mark.parametrize("content_type, body, kind, count", [
    ("application/rss+xml", RSS, "html", 1),
    ("text/xml", RSS, "html", 1),
    ("application/octet-stream", RSS, "html", 1),
    ("text/plain", "The minister said talks would resume.", "text", 1),
    ("", PAGE, "html", 1),
])
def test_decides_page_or_feed_by_content_type_and_content(content_type, body, kind, count):
    raws = list(read_sources(["https://n.example/x"], client=serve(body, content_type)))
    assert (len(raws), raws[0].content_type) == (count, kind)


def test_feed_entries_do_not_take_the_url_flag():
    client = serve(RSS, "application/rss+xml")
    [raw] = read_sources(["https://w.example/rss"], url="https://flag.example/", client=client)
    assert raw.url == "https://w.example/1"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://n.example/a.txt", "javascript:alert(1)", "http:///nohost"])
def test_refuses_non_http_schemes(url):
    with pytest.raises(FetchError, match="only http:// and https://"):
        fetch(url, client=serve(PAGE))


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://10.1.2.3/", "http://169.254.169.254/latest",
                                 "http://[::1]:8080/", "http://192.168.0.1/", "http://0.0.0.0/"])
def test_refuse_private_blocks_local_addresses(url):
    with pytest.raises(FetchError, match="private or local address"):
        fetch(url, client=client_for(lambda r: pytest.fail("fetched a private address")), refuse_private=True)


def test_refuse_private_resolves_host_names(monkeypatch):
    monkeypatch.setattr(web, "resolve_host", lambda host: ["10.0.0.5"])
    with pytest.raises(FetchError, match="'intranet.example'"):
        fetch("https://intranet.example/", client=serve(PAGE), refuse_private=True)


def test_refuse_private_allows_public_hosts(monkeypatch):
    monkeypatch.setattr(web, "resolve_host", lambda host: ["93.184.216.34"])
    assert fetch("https://n.example/", client=serve(PAGE), refuse_private=True).data == PAGE.encode()


def test_refuse_private_checks_every_redirect(monkeypatch):
    monkeypatch.setattr(web, "resolve_host", lambda host: ["93.184.216.34"])
    client = client_for(lambda request: httpx.Response(302, headers={"location": "http://127.0.0.1/admin"}))
    with pytest.raises(FetchError, match="127.0.0.1"):
        fetch("https://n.example/", client=client, refuse_private=True)


def test_private_addresses_are_allowed_by_default():
    assert fetch("http://127.0.0.1/", client=serve(PAGE)).data == PAGE.encode()


@pytest.mark.parametrize("error, message", [
    (httpx.ConnectError("connection refused"), "could not fetch"),
    (httpx.ReadTimeout("slow"), "timed out after 20 s"),
])
def test_unreachable_url_is_a_one_line_fetch_error(error, message):
    def handler(request):
        raise error
    with pytest.raises(FetchError, match=message) as info:
        fetch("https://down.example/", client=client_for(handler))
    assert "\n" not in str(info.value)


def test_http_error_status_is_a_fetch_error():
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch("https://n.example/gone", client=serve("missing", status=404))


def test_declared_size_over_max_bytes_is_refused():
    with pytest.raises(FetchError, match="larger than the limit of 100 bytes"):
        fetch("https://n.example/", settings=Settings(max_bytes=100), client=serve("x" * 500))


def test_streamed_size_over_max_bytes_stops_reading():
    chunks = []

    def body():
        for _ in range(50):
            chunks.append(1)
            yield b"x" * 100
    client = client_for(lambda request: httpx.Response(200, content=body()))
    with pytest.raises(FetchError, match="larger than the limit"):
        fetch("https://n.example/", settings=Settings(max_bytes=1000), client=client)
    assert len(chunks) < 50
