"""The synthetic stream's reports of different deeds differ as real ones do: place and detail."""
from __future__ import annotations

import datetime as dt

from forewarn.warn.scenario import TOWNS, Onset, Scenario, generate


def _stream():
    start = dt.date(2024, 1, 1)
    sc = Scenario(start=start, days=20, dyads=(("RUS", "UKR"), ("ISR", "LBN")), seed=5,
                  onsets=(Onset("RUS", "UKR", start + dt.timedelta(days=10)),))
    return [e for d in generate(sc) for e in d.events]


def test_strikes_happen_in_towns_of_the_target_country_with_points():
    events = [e for e in _stream() if e.cameo.code in ("190", "195") and not e.modality.negated
              and not e.modality.hypothetical]
    assert events
    for e in events:
        towns = {name: (lat, lon) for name, lat, lon in TOWNS[e.target[0].country]}
        assert e.place is not None and e.place.text in towns
        assert (e.place.lat, e.place.lon) == towns[e.place.text]
        assert e.place.text in e.evidence.sentence
    ukr = {e.place.text for e in events if e.target[0].country == "UKR"}
    assert len(ukr) >= 6                    # an escalation is fought over many towns


def test_talks_name_no_place():
    assert all(e.place is None for e in _stream() if e.cameo.code in ("042", "057"))
