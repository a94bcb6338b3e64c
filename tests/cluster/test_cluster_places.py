"""Clustering tells apart events that happened in different places or with other figures."""
from __future__ import annotations

import dataclasses
import datetime as dt

from forewarn.cluster import place_marker, similarity, update_clusters
from forewarn.models import Place
from forewarn.warn.scenario import synthetic_document

D = dt.date(2024, 5, 13)
# one wording, as wire copy reuses it for every strike of a day
STRIKE = "Russian forces shelled Ukrainian positions near {p}, officials said on Monday"
TOWNS = {"Kharkiv": (49.99, 36.23), "Kupiansk": (49.71, 37.62), "Dergachi": (50.11, 36.12),
         "Ukraine": (49.0, 32.0)}


def doc(url, outlet, mentions):
    """An article whose mentions are (sentence, town or None)."""
    d = synthetic_document(url, outlet, D, [(s, "190", "RUS", "UKR", D) for s, _ in mentions])
    events = []
    for e, (s, town) in zip(d.events, mentions):
        if town:
            lat, lon = TOWNS[town]
            at = s.index(town)
            e = dataclasses.replace(e, place=Place(town, at, at + len(town), None, lat, lon, "UA", 0.9))
        events.append(e)
    return dataclasses.replace(d, events=tuple(events))


def add(store, *docs):
    for d in docs:
        assert store.add_document(d)
    return update_clusters(store)


def test_the_same_words_about_towns_100_km_apart_are_two_events(mem):
    add(mem, doc("https://a.example/1", "A", [(STRIKE.format(p="Kharkiv"), "Kharkiv")]),
        doc("https://b.example/1", "B", [(STRIKE.format(p="Kupiansk"), "Kupiansk")]))
    assert mem.count_clusters() == 2


def test_a_nearby_town_or_an_unplaced_report_still_joins(mem):
    add(mem, doc("https://a.example/1", "A", [(STRIKE.format(p="Kharkiv"), "Kharkiv")]),
        doc("https://b.example/1", "B", [(STRIKE.format(p="Dergachi"), "Dergachi")]),
        doc("https://c.example/1", "C", [(STRIKE.format(p="the city"), None)]))
    [cluster] = mem.list_clusters()
    assert cluster.sources == 3


def test_a_country_is_too_coarse_to_tell_events_apart(mem):
    assert place_marker(Place("Ukraine", 0, 7, None, 49.0, 32.0)) is None
    add(mem, doc("https://a.example/1", "A", [(STRIKE.format(p="Kharkiv"), "Kharkiv")]),
        doc("https://b.example/1", "B", [(STRIKE.format(p="Ukraine"), "Ukraine")]))
    assert mem.count_clusters() == 1


def test_the_place_marker_is_not_a_word():
    a = frozenset({"shelle", "positi", "@49.99,36.23"})
    assert similarity(a, frozenset({"shelle", "positi"})) == 1.0


def test_one_article_telling_of_two_strikes_with_other_tolls_keeps_them_apart(mem):
    add(mem, doc("https://a.example/1", "A", [
        ("Russian shelling killed 4 people in the city on Monday", None),
        ("Later, a missile hit a depot, wounding 11 workers", None)]))
    assert mem.count_clusters() == 2


def test_one_article_repeating_a_deed_in_other_words_is_one_event(mem):
    add(mem, doc("https://a.example/1", "A", [
        ("Russian shelling killed 4 people in the city on Monday", None),
        ("The attack, which killed 4, drew condemnation", None)]))
    assert mem.count_clusters() == 1


WIRE = "Russian forces shelled Ukrainian positions near the front, {d}, officials said on Monday"


def test_stock_words_weigh_less_than_the_details_that_set_strikes_apart():
    from forewarn.cluster import _idf, evidence_tokens
    from forewarn.models import Cluster, ClusterKey
    key = ClusterKey("RUS", "MIL", "UKR", "GOV", "ASSAULT", True)
    details = ("killing 7 people with glide bombs", "wounding 23 civilians with mortars",
               "damaging 40 buildings with drones", "killing 2 soldiers with howitzers")
    pool = [Cluster(f"c{i}", key, "190", "19", 4, -10.0, None, D, D, D, D,
                    signatures=(evidence_tokens(WIRE.format(d=d)),)) for i, d in enumerate(details)]
    other = evidence_tokens(WIRE.format(d="wounding 9 children with cruise missiles"))
    same = evidence_tokens(WIRE.format(d=details[0]).replace("shelled", "pounded"))
    first = pool[0].signatures[0]
    drop = {}
    for name, mention in (("other", other), ("same", same)):
        weighted = similarity(mention, first, _idf(mention, pool))
        drop[name] = similarity(mention, first) - weighted
    assert drop["other"] > drop["same"]             # another deed loses more than the same one
    assert similarity(same, first, _idf(same, pool)) > 0.6
