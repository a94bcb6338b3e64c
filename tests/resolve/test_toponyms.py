"""Tests of forewarn.resolve.toponyms: what counts as a toponym and how it was found."""
from __future__ import annotations

import pytest

from forewarn.resolve.places import find_places, find_toponyms


def found(nlp, text):
    return {t.text: (t.source, best) for t, best, _ in find_toponyms(nlp(text))}


@pytest.mark.parametrize("text, word, country", [
    ("Ukrainian drones struck a depot overnight.", "Ukrainian", "UKR"),
    ("Danish engineers arrived later that week.", "Danish", "DNK"),
    ("Texans queued for water after the storm.", "Texans", "USA"),
])
def test_demonyms_are_toponyms_of_their_place(nlp, text, word, country):
    source, best = found(nlp, text)[word]
    assert source == "demonym" and best.country == country


def test_a_continent_adjective_names_the_continent(nlp):
    source, best = found(nlp, "European officials met on Tuesday.")["European"]
    assert best.kind == "continent" and best.name == "Europe"


def test_a_place_inside_an_organisation_name_is_embedded(nlp):
    result = found(nlp, "A spokesman for the Toronto Police Service said the road was closed.")
    source, best = result["Toronto"]
    assert source == "embedded" and best.country == "CAN"


def test_a_place_inside_a_name_ends_at_the_place(nlp):
    result = found(nlp, "The Oregon Department of Transportation closed the road.")
    assert "Oregon" in result and "Oregon Department" not in result


def test_an_ordinary_word_inside_a_name_is_not_a_place(nlp):
    result = found(nlp, "The Centre for Policy Studies published a report in London.")
    assert set(result) == {"London"}


def test_a_named_street_is_a_toponym_placed_in_the_article_town(nlp):
    result = found(nlp, "The parade moved down Bourbon Street toward the river in New Orleans.")
    source, best = result["Bourbon Street"]
    assert source == "facility" and best.geonames_id is None
    assert abs(best.lat - result["New Orleans"][1].lat) < 0.01


def test_a_building_after_a_locative_preposition_is_a_place(nlp):
    result = found(nlp, "Protesters gathered outside the Royal Victoria Hospital on Sunday.")
    assert result["Royal Victoria Hospital"][0] == "coercion"


def test_an_organisation_that_is_a_place_is_a_toponym(nlp):
    source, best = found(nlp, "The EU imposed new sanctions on Monday.")["EU"]
    assert best.kind == "region"


def test_demonyms_and_embedded_places_are_not_event_places(nlp):
    doc = nlp("Danish engineers from the Toronto Police Service arrived in Kharkiv.")
    assert [p.text for p in find_places(doc, [])] == ["Kharkiv"]


def test_an_organisation_named_like_a_place_is_not_an_event_place(nlp):
    doc = nlp("The EU imposed new sanctions on Monday.")
    assert find_places(doc, []) == []


def test_a_numbered_road_is_a_site(nlp):
    result = found(nlp, "Police closed the A417 after a crash near Gloucester.")
    assert result["A417"][0] == "facility"
