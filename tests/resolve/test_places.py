"""Tests of forewarn.resolve.places and the gazetteer: toponyms, GeoNames resolution, event places."""
from __future__ import annotations

import pytest

from forewarn.models import Actor, Place
from forewarn.resolve.place_gazetteer import load_gazetteer, normalize_name
from forewarn.resolve.places import find_places, find_toponyms, place_for_event


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize("raw, folded", [
    ("U.S.", "us"), ("the Middle East", "middle east"), ("Kyïv", "kyiv"), ("St. Petersburg", "saint petersburg"),
])
def test_normalize_name_folds_case_accents_and_articles(raw, folded):
    assert normalize_name(raw) == folded


@pytest.mark.parametrize("name, kind, country", [
    ("Kiev", "city", "UKR"), ("Donetsk Oblast", "admin1", "UKR"), ("Iran", "country", "IRN"),
    ("Chernobyl", "city", "UKR"), ("Atlantic", "ocean", None), ("Dnieper", "river", "UKR"),
])
def test_gazetteer_knows_places_beyond_cities(gaz, name, kind, country):
    assert any(c.kind == kind and c.country == country for c in gaz.lookup(name))


def test_gazetteer_entries_carry_geonames_ids_and_points(gaz):
    kyiv = next(c for c in gaz.lookup("Kyiv") if c.kind == "city")
    assert kyiv.geonames_id == 703448 and abs(kyiv.lat - 50.45) < 0.1 and abs(kyiv.lon - 30.52) < 0.1


def by_text(results):
    return {t.text: c for t, c, _ in results}


def test_find_toponyms_recognises_oblasts_regions_and_features(nlp):
    doc = nlp("Shelling hit Donetsk Oblast near the border with Ukraine, and troops moved near Chernobyl.")
    found = by_text(find_toponyms(doc))
    assert found["Donetsk Oblast"].kind == "admin1"
    assert found["Ukraine"].country == "UKR"
    assert found["Chernobyl"].country == "UKR"


def test_article_countries_disambiguate_a_shared_name(nlp):
    doc = nlp("Floods hit Texas. In Paris, Texas, the river rose overnight.")
    paris = next(c for t, c, _ in find_toponyms(doc) if t.text == "Paris")
    assert paris.country == "USA"


def test_find_places_leaves_out_spans_used_as_actors(nlp):
    doc = nlp("Minsk said the drills near Brest would end.")
    actors = [Actor(text="Minsk", start=0, end=5, country="BLR", sector="GOV")]
    places = find_places(doc, actors)
    assert [p.text for p in places] == ["Brest"]
    assert places[0].country == "BLR" and places[0].geonames_id and places[0].confidence > 0.5


def test_find_places_reads_a_capital_subject_as_an_actor(nlp):
    doc = nlp("Moscow warned that troops in Belgorod were ready.")
    assert [p.text for p in find_places(doc, [])] == ["Belgorod"]


def test_an_unknown_toponym_is_kept_unresolved(nlp):
    doc = nlp("Fighting was reported in Zzyzxqland Province.")
    unresolved = [p for p in find_places(doc, []) if p.geonames_id is None and p.lat is None]
    assert all(p.confidence <= 0.2 for p in unresolved)


def place(text, start, geonames_id=1, confidence=0.9):
    return Place(text=text, start=start, end=start + len(text), geonames_id=geonames_id, confidence=confidence)


def test_place_for_event_takes_its_own_sentence_not_the_first_place():
    text = "Kyiv is calm. Troops shelled positions near Bakhmut on Monday."
    places = [place("Kyiv", 0), place("Bakhmut", text.index("Bakhmut"))]
    chosen = place_for_event(14, len(text), text.index("shelled"), places, text=text)
    assert chosen.text == "Bakhmut"


def test_place_for_event_prefers_a_locative_place():
    text = "Ukraine said Russian troops attacked in Kherson."
    places = [place("Ukraine", 0), place("Kherson", text.index("Kherson"))]
    assert place_for_event(0, len(text), text.index("attacked"), places, text=text).text == "Kherson"


def test_place_for_event_says_none_when_the_sentence_names_no_place():
    text = "Kyiv is calm. The minister resigned."
    assert place_for_event(14, len(text), 27, [place("Kyiv", 0)], text=text) is None


def test_a_national_capital_wins_over_a_namesake_subdivision(nlp):
    best = by_text(find_toponyms(nlp("Officials in Washington said the talks would resume.")))["Washington"]
    assert best.kind == "city" and abs(best.lat - 38.9) < 0.2


def test_a_state_after_a_comma_qualifies_the_town(nlp):
    best = by_text(find_toponyms(nlp("The plant in Paris, Texas, closed on Monday.")))["Paris"]
    assert best.country == "USA" and abs(best.lat - 33.66) < 0.3


def test_an_ap_state_abbreviation_names_the_state(gaz):
    assert [c.name for c in gaz.lookup("Calif.")] == ["California"]


def test_gazetteer_knows_demonyms_of_countries_and_other_places(gaz):
    assert [c.country for c in gaz.demonym("Ukrainians")] == ["UKR"]
    assert [c.kind for c in gaz.demonym("Bavarian")] == ["admin1"]


def test_an_exact_lookup_does_not_strip_type_words(gaz):
    assert gaz.lookup("Oregon Department") and not gaz.lookup("Oregon Department", exact=True)
