"""Clustering: the same real event across articles, outlets and within one article."""
from __future__ import annotations

import datetime as dt

import pytest

from forewarn.cluster import ClusterSettings, evidence_tokens, outlet_key, similarity, update_clusters
from forewarn.models import Modality
from forewarn.store import EventFilter
from forewarn.warn.scenario import synthetic_document as doc

D = dt.date(2024, 5, 13)
SHELL = "Azerbaijani forces opened fire on Armenian positions near Sotk late on Monday"
SHELL2 = "Azerbaijani forces fired on Armenian positions near the village of Sotk on Monday, Yerevan said"


def add(store, *docs):
    for d in docs:
        assert store.add_document(d)
    return update_clusters(store)


def test_same_story_from_two_outlets_is_one_cluster_with_two_articles_and_sources(mem):
    add(mem, doc("https://a.example/1", "Outlet A", D, [(SHELL, "190", "AZE", "ARM", D)]),
        doc("https://b.example/1", "Outlet B", D, [(SHELL, "190", "AZE", "ARM", D)]))
    [cluster] = mem.list_clusters()
    assert (cluster.mentions, cluster.articles, cluster.sources) == (2, 2, 2)


def test_paraphrase_within_the_date_window_joins(mem):
    add(mem, doc("https://a.example/1", "A", D, [(SHELL, "190", "AZE", "ARM", D)]),
        doc("https://b.example/1", "B", D + dt.timedelta(days=1),
            [(SHELL2, "190", "AZE", "ARM", D + dt.timedelta(days=1))]))
    assert mem.count_clusters() == 1


def test_same_outlet_twice_is_two_articles_but_one_source(mem):
    add(mem, doc("https://a.example/1", "Outlet A", D, [(SHELL, "190", "AZE", "ARM", D)]),
        doc("https://a.example/2", "outlet  a", D, [(SHELL, "190", "AZE", "ARM", D)]))
    [cluster] = mem.list_clusters()
    assert (cluster.articles, cluster.sources) == (2, 1)


@pytest.mark.parametrize("change", [
    {"days": 5},                       # dates too far apart
    {"target": "GEO"},                 # another dyad
    {"code": "112"},                   # another category
    {"sentence": "Talks on trade resumed in Baku with ministers from both sides"},  # other evidence
])
def test_different_events_stay_apart(mem, change):
    day = D + dt.timedelta(days=change.get("days", 0))
    add(mem, doc("https://a.example/1", "A", D, [(SHELL, "190", "AZE", "ARM", D)]),
        doc("https://b.example/1", "B", day, [(change.get("sentence", SHELL), change.get("code", "190"),
                                               "AZE", change.get("target", "ARM"), day)]))
    assert mem.count_clusters() == 2


def test_a_denial_never_joins_the_deed(mem):
    add(mem, doc("https://a.example/1", "A", D, [(SHELL, "190", "AZE", "ARM", D)]),
        doc("https://b.example/1", "B", D, [(SHELL, "190", "AZE", "ARM", D, Modality(negated=True))]))
    counted = {c.key.counted for c in mem.list_clusters()}
    assert counted == {True, False}


def test_repetition_within_one_article_is_one_cluster(mem):
    add(mem, doc("https://a.example/1", "A", D, [
        (SHELL, "190", "AZE", "ARM", D),
        ("The attack drew condemnation; Baku's troops had attacked the posts overnight", "190", "AZE", "ARM", D)]))
    [cluster] = mem.list_clusters()
    assert (cluster.mentions, cluster.articles) == (2, 1)


def test_a_new_article_joins_existing_clusters_without_recomputing(mem):
    add(mem, doc("https://a.example/1", "A", D, [(SHELL, "190", "AZE", "ARM", D)]))
    [before] = mem.list_clusters()
    run = add(mem, doc("https://b.example/1", "B", D, [(SHELL, "190", "AZE", "ARM", D)]))
    [after] = mem.list_clusters()
    assert run.events == 1 and run.joined == 1 and run.new_clusters == 0
    assert after.cluster_id == before.cluster_id and after.articles == 2
    assert after.first_seen == D and after.last_seen == D


def test_events_carry_their_cluster_id_in_column_and_record(mem):
    add(mem, doc("https://a.example/1", "A", D, [(SHELL, "190", "AZE", "ARM", D)]))
    [row] = mem.query_events(EventFilter())
    assert row.event.cluster_id == mem.list_clusters()[0].cluster_id


def test_clustering_twice_changes_nothing(mem):
    add(mem, doc("https://a.example/1", "A", D, [(SHELL, "190", "AZE", "ARM", D)]))
    assert update_clusters(mem).events == 0


def test_wider_window_merges_what_the_default_keeps_apart(mem):
    later = D + dt.timedelta(days=4)
    mem.add_document(doc("https://a.example/1", "A", D, [(SHELL, "190", "AZE", "ARM", D)]))
    mem.add_document(doc("https://b.example/1", "B", later, [(SHELL, "190", "AZE", "ARM", later)]))
    update_clusters(mem, ClusterSettings(window_days=5))
    assert mem.count_clusters() == 1


def test_tokens_and_similarity():
    a, b = evidence_tokens(SHELL), evidence_tokens(SHELL2)
    assert "azerba" in a and "the" not in a
    assert 0.3 < similarity(a, b) < 1.0 and similarity(a, a) == 1.0 and similarity(frozenset(), a) == 0.0


@pytest.mark.parametrize("outlet, url, expected", [
    ("  The  Daily Beast ", None, "the daily beast"),
    (None, "https://www.voanews.com/a/1", "voanews.com"),
    (None, None, "article:x1"),
])
def test_outlet_key(outlet, url, expected):
    assert outlet_key(outlet, url, "x1") == expected
