"""Exports: GDELT 2.0 TSV (61 columns, FIPS geo codes), PLOVER JSON, CSV and Parquet."""
from __future__ import annotations

import builtins
import csv
import datetime as dt
import io
import json

import pytest

from forewarn.cluster import update_clusters
from forewarn.errors import InputError
from forewarn.export import GDELT_COLUMNS, export
from forewarn.export.gdelt import iso3_to_fips
from forewarn.models import Modality
from forewarn.warn.scenario import synthetic_document as doc

D = dt.date(2024, 5, 13)
SHELL = "Azerbaijani forces opened fire on Armenian positions near Sotk late on Monday"


@pytest.fixture
def store(mem):
    for outlet in ("A", "B"):
        mem.add_document(doc(f"https://{outlet.lower()}.example/1", outlet, D, [
            (SHELL, "190", "AZE", "ARM", D),
            ("Baku denied that it had attacked", "190", "AZE", "ARM", D, Modality(negated=True))]))
    update_clusters(mem)
    return mem


def test_gdelt_columns_are_the_61_of_the_codebook_in_order():
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:5] == ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    assert GDELT_COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    assert GDELT_COLUMNS[35:43] == tuple(f"Actor1Geo_{c}" for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"))
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_gdelt_row_is_one_counted_cluster_with_deduplicated_counts(store):
    buf = io.StringIO()
    assert export(store, "gdelt", buf) == 1
    [line] = buf.getvalue().splitlines()
    row = dict(zip(GDELT_COLUMNS, line.split("\t")))
    assert len(line.split("\t")) == 61
    assert (row["Day"], row["Actor1Code"], row["Actor1CountryCode"], row["Actor2CountryCode"]) == (
        "20240513", "AZEGOV", "AZE", "ARM")
    assert (row["EventCode"], row["EventRootCode"], row["QuadClass"], row["GoldsteinScale"]) == ("190", "19", "4", "-10")
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("2", "2", "2")
    assert (row["Actor1Geo_CountryCode"], row["Actor2Geo_CountryCode"]) == ("AJ", "AM")   # FIPS, not ISO
    assert row["DATEADDED"] == "20240513000000" and row["SOURCEURL"] == "https://a.example/1"


@pytest.mark.parametrize("iso3, fips", [("UKR", "UP"), ("DEU", "GM"), ("RUS", "RS"), ("GBR", "UK"),
                                        ("BLR", "BO"), ("IRQ", "IZ"), ("USA", "US")])
def test_fips_codes(iso3, fips):
    assert iso3_to_fips()[iso3] == fips


def test_plover_json_records(store):
    buf = io.StringIO()
    assert export(store, "plover", buf) == 2
    records = [json.loads(line) for line in buf.getvalue().splitlines()]
    counted = next(r for r in records if r["modality"]["counted"])
    assert counted["event_type"] == "ASSAULT" and counted["actor"]["country"] == "AZE"
    assert counted["recipient"]["country"] == "ARM" and counted["source"]["num_sources"] == 2
    assert counted["date"] == "2024-05-13" and counted["text"] == SHELL


def test_csv_rows_are_events_with_their_cluster_counts(store):
    buf = io.StringIO()
    assert export(store, "csv", buf) == 4
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert {r["cluster_sources"] for r in rows} == {"2"} and {r["counted"] for r in rows} == {"True", "False"}


def test_parquet(store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"
    assert export(store, "parquet", path=str(path)) == 4
    table = pq.read_table(path)
    assert table.num_rows == 4 and "cluster_id" in table.column_names


def test_parquet_without_pyarrow_says_how_to_install_it(store, tmp_path, monkeypatch):
    real = builtins.__import__

    def fake(name, *args, **kwargs):
        if name.startswith("pyarrow"):
            raise ImportError("no pyarrow")
        return real(name, *args, **kwargs)
    monkeypatch.setattr(builtins, "__import__", fake)
    with pytest.raises(InputError, match=r"forewarn\[parquet\]"):
        export(store, "parquet", path=str(tmp_path / "x.parquet"))


def test_unknown_format(store):
    with pytest.raises(InputError, match="gdelt, plover, csv, parquet"):
        export(store, "xml", io.StringIO())
