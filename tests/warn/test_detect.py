"""Warnings: a replayed synthetic stream with a known onset, confirmation, evidence."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from forewarn.cluster import update_clusters
from forewarn.errors import InputError
from forewarn.warn import WarnSettings, compute_warnings
from forewarn.warn.report import warning_dict
from forewarn.warn.scenario import Onset, Scenario, default_scenario, generate


def replay(store, scenario, settings=None):
    """Ingest day by day; return {(kind, src, tgt): first day a warning was current}."""
    by_day = {}
    for d in generate(scenario):
        by_day.setdefault(d.article.published, []).append(d)
    first = {}
    for day in sorted(by_day):
        for d in by_day[day]:
            store.add_document(d)
        update_clusters(store)
        for w in compute_warnings(store, day, settings, evidence=False):
            first.setdefault((w.kind, w.source_country, w.target_country), (day, w.onset))
    return first


@pytest.fixture(scope="module")
def replayed():
    from forewarn.store import Store
    scenario = default_scenario(days=100, seed=11)
    with Store(":memory:") as store:
        yield scenario, replay(store, scenario)


def test_the_escalation_fires_after_its_onset_not_before(replayed):
    scenario, first = replayed
    [onset] = scenario.onsets
    day, warned_onset = first[("escalation", onset.source, onset.target)]
    assert onset.day <= warned_onset <= day <= onset.day + dt.timedelta(days=5)


def test_quiet_dyads_raise_at_most_one_false_alarm(replayed):
    scenario, first = replayed
    false = [k for k in first if k != ("escalation", "RUS", "UKR")]
    assert len(false) <= 1, false


def test_single_source_reports_never_warn(mem):
    scenario = Scenario(start=dt.date(2024, 1, 1), days=70, dyads=(("RUS", "UKR"), ("ARM", "AZE")),
                        onsets=(Onset("RUS", "UKR", dt.date(2024, 3, 1)),), outlets=("Only Wire",))
    assert replay(mem, scenario) == {}


def test_de_escalation_is_reported(mem):
    scenario = Scenario(start=dt.date(2024, 1, 1), days=75, dyads=(("ARM", "AZE"), ("IND", "PAK")), seed=5, coop_rate=0.3,
                        onsets=(Onset("ARM", "AZE", dt.date(2024, 3, 1), kind="de-escalation", daily_rate=8),))
    first = replay(mem, scenario)
    day, _ = first[("de-escalation", "ARM", "AZE")]
    assert dt.date(2024, 3, 1) <= day <= dt.date(2024, 3, 6)


def test_a_warning_lists_its_clusters_with_sentences_and_sources(mem):
    scenario = Scenario(start=dt.date(2024, 1, 1), days=65, dyads=(("RUS", "UKR"),), seed=3,
                        onsets=(Onset("RUS", "UKR", dt.date(2024, 2, 27)),))
    for d in generate(scenario):
        mem.add_document(d)
    update_clusters(mem)
    [w] = [w for w in compute_warnings(mem) if w.kind == "escalation"]
    assert w.severity in ("moderate", "high", "severe") and len(w.sources) >= 2
    assert w.clusters and all(c.sentences and c.outlets for c in w.clusters)
    assert w.value > w.threshold > w.baseline
    body = json.loads(json.dumps(warning_dict(w)))
    assert body["dyad"] == {"source": "RUS", "target": "UKR"} and body["clusters"][0]["sentences"]


def test_an_empty_store_has_no_warnings(mem):
    assert compute_warnings(mem) == []


def test_a_baseline_shorter_than_28_days_is_refused():
    with pytest.raises(InputError, match="28 days"):
        WarnSettings(baseline_days=20, min_baseline_days=20)


def _busy_series(extra: dict[int, int], days: int = 90, per_day: int = 2, weight: float = 10.0):
    """A dyad with ``per_day`` heavy events (``weight`` each) every day, ``extra`` more on some."""
    import numpy as np

    counts = np.array([[per_day + extra.get(i, 0) for i in range(days)]], dtype=float)
    return counts * weight, counts


@pytest.mark.parametrize("noise, fires", [(0.0, True), (1.25, False)])
def test_a_couple_more_heavy_events_on_a_busy_dyad_is_noise(noise, fires):
    from forewarn.warn.detect import _verdicts

    x, counts = _busy_series({87: 1, 88: 1, 89: 1})          # six a day, now seven
    found = _verdicts(x, counts, dt.date(2024, 1, 1), 0, 85, WarnSettings(count_noise=noise, tail_alpha=0.0))
    assert bool(found[0]) is fires


def test_a_busy_dyad_still_warns_when_its_level_triples():
    from forewarn.warn.detect import _verdicts

    x, counts = _busy_series({87: 5, 88: 5, 89: 5})          # six a day, now twenty-one
    [days] = _verdicts(x, counts, dt.date(2024, 1, 1), 0, 85, WarnSettings())
    assert days and days[-1].day == dt.date(2024, 1, 1) + dt.timedelta(days=89)


def test_the_poisson_tail_matches_the_sum_of_the_probabilities():
    import math

    from forewarn.warn.detect import _poisson_tail

    for n, mu in ((3, 2.0), (6, 1.5), (10, 3.0), (4, 0.5), (140, 100.0)):
        exact = 1 - math.fsum(math.exp(i * math.log(mu) - mu - math.lgamma(i + 1)) for i in range(n))
        assert _poisson_tail(n, mu) == pytest.approx(exact, rel=1e-6)
    assert _poisson_tail(1, 2.0) == 1.0 and _poisson_tail(3, 0.0) == 0.0


def _sparse_series(extra: dict[int, int], days: int = 90, weight: float = 6.0):
    """A quiet dyad: one event (``weight``) every third day, ``extra`` more on some days."""
    import numpy as np

    counts = np.array([[(1 if i % 3 == 0 else 0) + extra.get(i, 0) for i in range(days)]], dtype=float)
    return counts * weight, counts


@pytest.mark.parametrize("alpha, fires", [(0.0, True), (0.01, False)])
def test_a_few_extra_events_on_a_quiet_dyad_are_noise_under_the_poisson_tail(alpha, fires):
    from forewarn.warn.detect import _verdicts

    x, counts = _sparse_series({88: 2, 89: 2})                # one a window, now five
    found = _verdicts(x, counts, dt.date(2024, 1, 1), 0, 85, WarnSettings(tail_alpha=alpha))
    assert bool(found[0]) is fires


def test_a_quiet_dyad_still_warns_when_events_pile_up():
    from forewarn.warn.detect import _verdicts

    x, counts = _sparse_series({87: 3, 88: 3, 89: 3})         # one a window, now ten
    [days] = _verdicts(x, counts, dt.date(2024, 1, 1), 0, 85, WarnSettings(tail_alpha=0.01))
    assert days and days[-1].day == dt.date(2024, 1, 1) + dt.timedelta(days=89)
