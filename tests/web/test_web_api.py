"""The JSON API: filters, the one error shape, and article submission."""
from __future__ import annotations

import pytest

ERROR_KEYS = {"code", "message", "detail"}


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS
    assert body["error"]["code"] == status and body["error"]["message"]
    return body["error"]


def test_events_filter_by_country(client):
    events = client.get("/api/events", params={"country": "ARM"}).json()["events"]
    assert events
    assert all("ARM" in {a["country"] for a in e["source"] + e["target"]} for e in events)


@pytest.mark.parametrize("params", [
    {"dyad": "AZE,ARM"}, {"category": "ASSAULT"}, {"quad": 4}, {"since": "2024-05-13", "until": "2024-05-14"},
    {"q": "fire"}, {"actor": "armenian"}, {"counted": True}, {"root": "19"},
])
def test_events_filters_answer(client, params):
    body = client.get("/api/events", params=params).json()
    assert body["events"], params
    for e in body["events"]:
        if "quad" in params:
            assert e["quad_class"] == params["quad"]
        if "q" in params:
            assert "fire" in e["evidence"]["sentence"].lower()
        assert e["links"]["event"].startswith(f"/events/{e['event_id']}")


def test_events_paginate_with_more(client):
    first = client.get("/api/events", params={"limit": 2}).json()
    second = client.get("/api/events", params={"limit": 2, "offset": 2}).json()
    assert first["more"] and len(first["events"]) == 2
    assert {e["event_id"] for e in first["events"]}.isdisjoint(e["event_id"] for e in second["events"])


def test_event_by_id_without_article_hint(client):
    some = client.get("/api/events", params={"limit": 1}).json()["events"][0]
    body = client.get(f"/api/events/{some['event_id']}").json()
    assert body["event"]["event_id"] == some["event_id"]
    assert body["reported_in"][0]["article_id"] == some["article_id"]


def test_articles_and_article(client):
    listed = client.get("/api/articles").json()
    assert listed["total"] >= 5
    aid = listed["articles"][0]["article_id"]
    body = client.get(f"/api/articles/{aid[:8]}").json()
    assert body["article"]["article_id"] == aid and body["article"]["text"]


def test_dyads_series_warnings_clusters_quotes(client):
    assert client.get("/api/dyads").json()["dyads"]
    series = client.get("/api/dyads/AZE/ARM/series").json()
    assert series["points"] and series["source"] == "AZE"
    assert "warnings" in client.get("/api/warnings").json()
    assert "clusters" in client.get("/api/clusters").json()
    quotes = client.get("/api/quotes", params={"country": "ARM"}).json()["quotes"]
    assert quotes and all(q["speaker"]["country"] == "ARM" for q in quotes)


def test_openapi_documents_the_api(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/articles", "/articles", "/api/warnings", "/api/quotes",
                 "/api/clusters", "/api/dyads/{source}/{target}/series", "/dyads/{source}/{target}.json"):
        assert path in paths
    assert client.get("/docs").status_code == 200


@pytest.mark.parametrize("path,status", [
    ("/api/events?country=XX", 400),          # ForewarnError -> 400 with its message
    ("/api/events?since=yesterday", 400),
    ("/api/events?quad=7", 422),
    ("/api/events?limit=0", 422),
    ("/api/events/nope0000", 404),
    ("/api/articles/ffffffffffff", 404),
    ("/no/such/page", 404),
    ("/dyads/ARM/AZE1.json", 400),
])
def test_errors_have_one_shape(client, path, status):
    error_of(client.get(path), status)


def test_wrong_method_has_the_error_shape(client):
    error_of(client.delete("/api/events"), 405)


def test_unexpected_error_is_500_with_the_shape(example_db, monkeypatch):
    from fastapi.testclient import TestClient

    from forewarn.web import create_app, views

    def boom(*a, **k):
        raise RuntimeError("kaput")

    monkeypatch.setattr(views, "articles", boom)
    with TestClient(create_app(example_db), raise_server_exceptions=False) as c:
        err = error_of(c.get("/api/articles"), 500)
    assert "kaput" not in err["message"]


# -- submission ------------------------------------------------------------------------

def test_submit_needs_the_token(client):
    error_of(client.post("/articles", json={"text": "Russia warned Ukraine."}), 401)
    error_of(client.post("/articles", json={"text": "Russia warned Ukraine."},
                         headers={"Authorization": "Bearer wrong"}), 401)


def test_submit_is_off_without_a_configured_token(empty_client):
    err = error_of(empty_client.post("/articles", json={"text": "x"},
                                     headers={"Authorization": "Bearer anything"}), 403)
    assert "FOREWARN_API_TOKEN" in err["message"]


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "ftp://example.org/a", "http://127.0.0.1/", "http://localhost:8000/",
    "http://10.0.0.7/x", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/", "gopher://example.org/",
])
def test_submit_refuses_unsafe_urls(client, url):
    err = error_of(client.post("/articles", json={"url": url}, headers={"X-Forewarn-Token": "s3cret"}), 400)
    assert "refusing" in err["message"]


def test_submit_without_text_or_url_is_400(client):
    error_of(client.post("/articles", json={}, headers={"X-Forewarn-Token": "s3cret"}), 400)


def test_submit_text_codes_and_stores(tmp_path):
    from fastapi.testclient import TestClient

    from forewarn.web import create_app

    text = ("MINSK, March 4 (Wire) - Belarus on Monday threatened to close its border with "
            "Lithuania, the foreign ministry said.")
    with TestClient(create_app(tmp_path / "t.db", token="tok")) as c:
        r = c.post("/articles", json={"text": text, "published": "2024-03-05", "outlet": "Wire"},
                   headers={"Authorization": "Bearer tok"})
        assert r.status_code == 201, r.text
        stored = r.json()["articles"][0]
        assert stored["added"] and stored["links"]["article"].startswith("/articles/")
        again = c.post("/articles", json={"text": text, "published": "2024-03-05", "outlet": "Wire"},
                       headers={"Authorization": "Bearer tok"}).json()["articles"][0]
        assert not again["added"] and again["article_id"] == stored["article_id"]
        assert c.get(stored["links"]["article"]).status_code == 200


# -- event queries from the indexes ------------------------------------------------------

def test_events_text_search_combines_with_other_filters(client):
    everything = client.get("/api/events", params={"q": "fire", "limit": 1000}).json()["events"]
    armenian = client.get("/api/events", params={"q": "fire", "country": "ARM"}).json()["events"]
    assert armenian and len(armenian) <= len(everything)
    assert all("ARM" in {a["country"] for a in e["source"] + e["target"]} for e in armenian)
    assert {e["event_id"] for e in armenian} <= {e["event_id"] for e in everything}


def test_events_json_is_compact_utf8_with_a_length(client):
    r = client.get("/api/events", params={"limit": 3})
    assert r.headers["content-type"] == "application/json"
    assert int(r.headers["content-length"]) == len(r.content)
    assert r.json()["events"][0]["links"]["article"].startswith("/articles/")


def test_listed_event_is_the_event_page_record(client):
    listed = client.get("/api/events", params={"actor": "armenian", "limit": 1}).json()["events"][0]
    page = client.get(listed["links"]["event"].replace("/events/", "/api/events/", 1)).json()
    assert page["event"] == listed
