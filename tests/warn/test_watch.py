"""The watcher: polls feeds through a mock transport, reports new warnings, survives bad webhooks."""
from __future__ import annotations

import datetime as dt

import httpx
import pytest

from forewarn.cluster import update_clusters
from forewarn.errors import InputError
from forewarn.settings import Settings
from forewarn.warn import compute_warnings
from forewarn.warn.scenario import Onset, Scenario, generate
from forewarn.warn.watch import post_webhook, watch

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Andes Wire</title>
<item><title>Peru recalls envoy</title><link>https://andes.example/1</link>
<pubDate>Tue, 05 Mar 2024 09:00:00 GMT</pubDate>
<description>Peru recalled its ambassador from Mexico on Tuesday, the ministry said.</description></item>
</channel></rss>"""


def escalated(store):
    """A store whose latest day carries an escalation warning, minus its final day's articles."""
    sc = Scenario(start=dt.date(2024, 1, 1), days=65, dyads=(("RUS", "UKR"),), seed=3,
                  onsets=(Onset("RUS", "UKR", dt.date(2024, 2, 27)),))
    for d in generate(sc):
        store.add_document(d)
    update_clusters(store)
    assert compute_warnings(store)


def test_post_webhook_retries_with_backoff_then_succeeds():
    calls, sleeps = [], []

    def handler(request):
        calls.append(request)
        return httpx.Response(503 if len(calls) < 3 else 200)
    client = httpx.Client(transport=httpx.MockTransport(handler))
    assert post_webhook("https://hook.example/x", {"a": 1}, client=client, backoff=0.5,
                        sleep=sleeps.append) is None
    assert len(calls) == 3 and sleeps == [0.5, 1.0] and calls[0].headers["content-type"] == "application/json"


def test_post_webhook_gives_up_with_a_reason():
    def handler(request):
        raise httpx.ConnectError("connection refused")
    client = httpx.Client(transport=httpx.MockTransport(handler))
    sleeps = []
    reason = post_webhook("https://hook.example/x", {}, client=client, attempts=3, sleep=sleeps.append)
    assert "failed after 3 attempts" in reason and "connection refused" in reason and sleeps == [1.0, 2.0]


def test_watch_polls_ingests_and_a_failing_webhook_never_stops_it(mem, monkeypatch):
    import forewarn.warn.watch as watch_module

    escalated(mem)
    # the warning exists before the watch starts: pretend it does not, so it is new at the first poll
    real = watch_module.compute_warnings
    state = {"first": True}

    def fake(store, *args, **kwargs):
        if state.pop("first", False):
            return []
        return real(store, *args, **kwargs)
    monkeypatch.setattr(watch_module, "compute_warnings", fake)
    posted, sleeps = [], []

    def handler(request):
        if request.url.host == "feeds.example":
            return httpx.Response(200, text=RSS, headers={"content-type": "application/rss+xml"})
        posted.append(request)
        return httpx.Response(500)
    client = httpx.Client(transport=httpx.MockTransport(handler))
    reports = list(watch(["https://feeds.example/rss"], Settings(), store=mem, interval=60, iterations=2,
                         client=client, webhook="https://hook.example/in", sleep=sleeps.append, attempts=2))
    assert [r.poll for r in reports] == [1, 2]
    assert reports[0].added == 1 and reports[1].added == 0          # the item is stored once
    assert reports[0].new_warnings and not reports[1].new_warnings
    assert reports[0].webhook_errors and len(posted) == 2 * len(reports[0].new_warnings)
    assert 60 in sleeps


def test_watch_reports_a_malformed_feed_and_goes_on(mem):
    client = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, text="<rss><oops")))
    [report] = watch(["https://feeds.example/bad"], Settings(), store=mem, iterations=1, client=client,
                     sleep=lambda s: None)
    assert report.errors and "not a valid RSS or Atom feed" in report.errors[0]


@pytest.mark.parametrize("kwargs, message", [
    ({"feeds": []}, "at least one feed"),
    ({"webhook": "ftp://x"}, "not an http"),
    ({"interval": -1}, "negative"),
])
def test_watch_refuses_bad_arguments(mem, kwargs, message):
    args = {"feeds": ["https://feeds.example/rss"], **kwargs}
    with pytest.raises(InputError, match=message):
        next(watch(args.pop("feeds"), Settings(), store=mem, iterations=1, sleep=lambda s: None, **args))
