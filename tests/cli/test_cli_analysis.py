"""The dyads, series, warnings, watch and export commands, through the CLI runner."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from forewarn.cluster import update_clusters
from forewarn.store import Store
from forewarn.warn.scenario import Onset, Scenario, generate


@pytest.fixture(scope="module")
def scenario_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("scenario") / "scenario.db"
    sc = Scenario(start=dt.date(2024, 1, 1), days=65, dyads=(("RUS", "UKR"), ("ARM", "AZE")), seed=3,
                  onsets=(Onset("RUS", "UKR", dt.date(2024, 2, 27)),))
    with Store(db) as store:
        for d in generate(sc):
            store.add_document(d)
        update_clusters(store)
    return db


@pytest.fixture
def empty_db(tmp_path):
    db = tmp_path / "empty.db"
    Store(db).close()
    return db


def test_dyads_ranks_by_recent_change(cli, scenario_db):
    result = cli("dyads", "--db", scenario_db, "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert (rows[0]["source"], rows[0]["target"]) == ("RUS", "UKR") and rows[0]["change"] > 0


def test_dyads_table(cli, scenario_db):
    result = cli("dyads", "--db", scenario_db)
    assert result.exit_code == 0 and "RUS" in result.stdout and "change" in result.stdout


def test_series_prints_a_chart(cli, scenario_db):
    result = cli("series", "RUS", "UKR", "--db", scenario_db, "--since", "2024-02-20")
    assert result.exit_code == 0, result.output
    assert "█" in result.stdout and "2024-02-27" in result.stdout and "RUS -> UKR" in result.stdout


def test_series_json_and_weekly(cli, scenario_db):
    daily = json.loads(cli("series", "rus", "ukr", "--db", scenario_db, "--format", "json").stdout)
    weeks = json.loads(cli("series", "RUS", "UKR", "--db", scenario_db, "--format", "json", "--weekly").stdout)
    assert sum(d["clusters"] for d in daily) == sum(w["clusters"] for w in weeks) > 0
    assert {"conflict", "goldstein_mean", "conflict_share", "material_conflict"} <= set(daily[0])


def test_warnings_with_evidence(cli, scenario_db):
    result = cli("warnings", "--db", scenario_db)
    assert result.exit_code == 0, result.output
    assert "escalation: RUS -> UKR" in result.stdout and "sources:" in result.stdout and "“" in result.stdout


def test_warnings_json(cli, scenario_db):
    result = cli("warnings", "--db", scenario_db, "--json")
    found = json.loads(result.stdout)
    assert found[0]["kind"] == "escalation" and found[0]["clusters"][0]["sentences"]


def test_no_warnings_on_a_quiet_day(cli, scenario_db):
    result = cli("warnings", "--db", scenario_db, "--as-of", "2024-02-10")
    assert result.exit_code == 0 and result.stdout == "" and "no warnings as of 2024-02-10" in result.stderr


def test_unknown_dyad_gets_a_clear_message(cli, scenario_db, assert_clean_error):
    assert_clean_error(cli("series", "FRA", "DEU", "--db", scenario_db),
                       "no counted events for the dyad FRA -> DEU", "forewarn dyads")


def test_bad_country_code(cli, scenario_db, assert_clean_error):
    assert_clean_error(cli("series", "France", "DEU", "--db", scenario_db), "ISO 3166-1 alpha-3")


@pytest.mark.parametrize("command", [["dyads"], ["warnings"], ["series", "RUS", "UKR"], ["export", "--format", "csv"]])
def test_empty_store_gets_a_clear_message(cli, empty_db, assert_clean_error, command):
    assert_clean_error(cli(*command, "--db", empty_db), "holds no events yet", "forewarn ingest")


def test_missing_store(cli, tmp_path, assert_clean_error):
    assert_clean_error(cli("warnings", "--db", tmp_path / "nope.db"), "no store at")


def test_malformed_feed_gets_a_clear_message(cli, tmp_path):
    feed = tmp_path / "broken.xml"
    feed.write_text("<?xml version='1.0'?><rss><chan", encoding="utf-8")
    result = cli("watch", feed, "--db", tmp_path / "w.db", "--iterations", "1", "--interval", "0")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "error:" in result.stderr and "not a valid RSS or Atom feed" in " ".join(result.stderr.split())


def test_export_gdelt_to_a_file(cli, scenario_db, tmp_path):
    target = tmp_path / "events.tsv"
    result = cli("export", "--format", "gdelt", "--db", scenario_db, "--output", target)
    assert result.exit_code == 0, result.output
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines and all(len(line.split("\t")) == 61 for line in lines)
    assert "rows exported as gdelt" in result.stderr


def test_export_plover_to_stdout(cli, scenario_db):
    result = cli("export", "--format", "plover", "--db", scenario_db, "--dyad", "RUS,UKR")
    assert result.exit_code == 0
    assert {json.loads(line)["actor"]["country"] for line in result.stdout.splitlines()} == {"RUS"}


def test_export_parquet_needs_a_file(cli, scenario_db, assert_clean_error):
    assert_clean_error(cli("export", "--format", "parquet", "--db", scenario_db), "--output")
