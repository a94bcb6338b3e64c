"""Publication dates given by users or found in inputs."""
from __future__ import annotations

import datetime as dt

import pytest

from forewarn.errors import InputError
from forewarn.ingest import parse_published, read_sources


@pytest.mark.parametrize("value, expected", [
    ("2025-03-14", dt.date(2025, 3, 14)),
    ("2025-03-14 20:30:26Z", dt.date(2025, 3, 14)),
    ("2025-03-14T20:30:26+02:00", dt.date(2025, 3, 14)),
    ("2025-03-14T23:59:59.123-05:00", dt.date(2025, 3, 14)),
    (" 2025-03-14 ", dt.date(2025, 3, 14)),
    ("Tue, 24 Jan 2023 10:00:00 GMT", dt.date(2023, 1, 24)),
    (dt.date(2023, 1, 24), dt.date(2023, 1, 24)),
    (dt.datetime(2023, 1, 24, 8, 0), dt.date(2023, 1, 24)),
])
def test_accepts_iso_dates_and_datetimes(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["14/03/2025", "yesterday", "2025-13-01", "", "2025-02-30"])
def test_rejects_other_strings_naming_value_and_format(value):
    with pytest.raises(InputError, match=r"invalid publication date .*expected an ISO date") as info:
        parse_published(value)
    assert repr(value) in str(info.value)


def test_read_sources_rejects_an_invalid_published_flag(tmp_path):
    (tmp_path / "a.txt").write_text("Troops moved north on Monday, officials said.", encoding="utf-8")
    with pytest.raises(InputError, match="31/12/2024"):
        list(read_sources([str(tmp_path / "a.txt")], published="31/12/2024"))
