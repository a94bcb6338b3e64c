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
