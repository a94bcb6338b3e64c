"""Dyad-day aggregates: clusters not mentions, counted only, on their own dates, normalised."""
from __future__ import annotations

import datetime as dt

import pytest

from forewarn.aggregate import dyad_series, list_dyads, weekly
from forewarn.cluster import update_clusters
from forewarn.errors import InputError
from forewarn.models import Modality
from forewarn.warn.scenario import synthetic_document as doc

D = dt.date(2024, 5, 13)
SHELL = "Azerbaijani forces opened fire on Armenian positions near Sotk late on Monday"


def add(store, *docs):
    for d in docs:
        store.add_document(d)
    update_clusters(store)


def test_counts_clusters_not_mentions(mem):
    add(mem, *(doc(f"https://o{i}.example/1", f"O{i}", D, [(SHELL, "190", "AZE", "ARM", D)]) for i in range(3)))
    [row] = dyad_series(mem, "AZE", "ARM")
    assert (row.clusters, row.quad, row.goldstein_sum, row.conflict) == (1, (0, 0, 0, 1), -10.0, 10.0)


@pytest.mark.parametrize("modality", [Modality(negated=True), Modality(hypothetical=True)])
def test_negated_and_hypothetical_are_not_counted(mem, modality):
    add(mem, doc("https://a.example/1", "A", D, [(SHELL, "190", "AZE", "ARM", D, modality),
                                                 ("Baku praised Yerevan for the talks", "051", "AZE", "ARM", D)]))
    [row] = dyad_series(mem, "AZE", "ARM")
    assert row.clusters == 1 and row.quad == (1, 0, 0, 0)


def test_historical_events_sit_on_their_own_dates(mem):
    past = dt.date(2020, 9, 27)
    add(mem, doc("https://a.example/1", "A", D, [(SHELL, "190", "AZE", "ARM", past, Modality(historical=True)),
                                                 (SHELL + " again", "190", "AZE", "ARM", D)]))
    rows = dyad_series(mem, "AZE", "ARM")
    assert rows[0].day == past and rows[-1].day == D and sum(r.clusters for r in rows) == 2


def test_series_fills_empty_days_and_normalises_by_the_days_volume(mem):
    later = D + dt.timedelta(days=2)
    add(mem, doc("https://a.example/1", "A", D, [(SHELL, "190", "AZE", "ARM", D),
                                                 ("Paris hosted talks with Berlin on energy", "042", "FRA", "DEU", D)]),
        doc("https://a.example/2", "A", later, [("Baku praised Yerevan for the talks", "051", "AZE", "ARM", later)]))
    rows = dyad_series(mem, "AZE", "ARM")
    assert [r.clusters for r in rows] == [1, 0, 1]
    assert rows[0].day_total == 2 and rows[0].conflict_share == pytest.approx(5.0)
    assert rows[1].conflict_share is None


def test_weekly_sums_days_into_iso_weeks(mem):
    words = ("mortars hit Sotk", "drones struck Jermuk", "snipers fired at Tegh", "rockets landed in Goris",
             "artillery pounded Kapan", "tanks shelled Ijevan", "howitzers targeted Berd", "jets bombed Meghri")
    add(mem, *(doc(f"https://a.example/{i}", "A", D + dt.timedelta(days=i),
                   [(w, "190", "AZE", "ARM", D + dt.timedelta(days=i))]) for i, w in enumerate(words)))
    weeks = weekly(dyad_series(mem, "AZE", "ARM"))
    assert [(w.day, w.clusters) for w in weeks] == [(D, 7), (D + dt.timedelta(days=7), 1)]


def test_unknown_dyad_is_a_clear_error(mem):
    add(mem, doc("https://a.example/1", "A", D, [(SHELL, "190", "AZE", "ARM", D)]))
    with pytest.raises(InputError, match="no counted events for the dyad ARM -> AZE.*forewarn dyads"):
        dyad_series(mem, "ARM", "AZE")


def test_dyads_rank_by_recent_change(mem):
    add(mem, doc("https://a.example/1", "A", D, [(SHELL, "190", "AZE", "ARM", D),
                                                 ("Paris criticised Berlin over tariffs", "111", "FRA", "DEU", D)]))
    ranked = list_dyads(mem, as_of=D)
    assert [(d.source_country, d.target_country) for d in ranked] == [("AZE", "ARM"), ("FRA", "DEU")]
    assert ranked[0].change == pytest.approx(10.0)


def test_an_empty_store_has_no_dyads(mem):
    assert list_dyads(mem) == []
