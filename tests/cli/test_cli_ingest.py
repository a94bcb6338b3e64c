"""Ingest through the CLI and query what it stored: idempotence, outlets, directories, formats, filters."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from forewarn.cli.render import CSV_COLUMNS
from forewarn.store import EventFilter, Store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
FEED = EXAMPLES / "feed.jsonl"
SANCTIONS = EXAMPLES / "02_eu_sanctions_iran.txt"

INTERCHANGE = {
    "event_id": None, "article_id": None, "source": None, "target": None,
    "cameo": {"code", "base", "root"}, "plover": {"category", "mode", "context"},
    "goldstein": None, "plover_score": None, "quad_class": None, "date": None, "evidence": None,
    "reported_by": None, "modality": None, "confidence": None,
    "coder": {"name", "version", "data_version"}, "url": None,
}


def _stored_ids(db: Path, **filters) -> list[str]:
    with Store(db) as store:
        return [r.event.event_id for r in store.query_events(EventFilter(limit=None, **filters))]


def _json_events(cli, db: Path, *args: str) -> list[dict]:
    result = cli("events", "--db", db, "--format", "json", "--limit", "100000", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _countries(record: dict, side: str) -> set[str]:
    return {a["country"] for a in record[side] if a["country"]}


# -- ingesting ----------------------------------------------------------------------------

def test_ingesting_the_same_file_twice_changes_nothing(cli, tmp_path, counts, snapshot):
    db = tmp_path / "store.db"
    first = cli("ingest", FEED, "--db", db)
    assert first.exit_code == 0, first.output
    assert "3 articles read: 3 added, 0 already stored" in first.stderr
    stored = snapshot(db), counts(db)
    second = cli("ingest", FEED, "--db", db)
    assert second.exit_code == 0, second.output
    assert "3 articles read: 0 added, 3 already stored, 0 events stored" in second.stderr
    assert (snapshot(db), counts(db)) == stored


def test_same_text_from_two_outlets_is_two_articles(cli, tmp_path, counts):
    db = tmp_path / "store.db"
    for outlet in ("Wire One", "Wire Two"):
        result = cli("ingest", SANCTIONS, "--db", db, "--published", "2024-06-01", "--outlet", outlet)
        assert result.exit_code == 0, result.output
        assert "1 added" in result.stderr
    articles, events = counts(db)
    assert articles == 2
    with Store(db) as store:
        stored = store.list_articles()
        assert {a.outlet for a in stored} == {"Wire One", "Wire Two"}
        per_article = [len(store.query_events(EventFilter(article_id=a.article_id))) for a in stored]
    assert per_article[0] == per_article[1] > 0 and events == sum(per_article)


def test_directory_ingest_stores_every_example(examples_db, counts):
    articles, events = counts(examples_db)
    # five .txt articles and the three lines of feed.jsonl; README.md is not an article
    assert articles == 8 and events > 0
    with Store(examples_db) as store:
        stored = store.list_articles()
    dated_by_flag = [a for a in stored if a.origin.endswith(".txt")]
    assert len(dated_by_flag) == 5
    assert {a.published for a in dated_by_flag} == {dt.date(2024, 6, 1)}
    from_feed = [a for a in stored if a not in dated_by_flag]
    assert all(a.url and a.published and a.published != dt.date(2024, 6, 1) for a in from_feed), \
        "the --published flag fills only what an input lacks"


def test_python_dash_m_help_works(run_cli):
    proc = run_cli("--help", timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "Usage" in proc.stdout
    for command in ("code", "ingest", "events", "show"):
        assert command in proc.stdout


# -- output formats -----------------------------------------------------------------------

def test_events_json_has_the_interchange_fields(cli, examples_db, counts):
    records = _json_events(cli, examples_db)
    assert len(records) == counts(examples_db)[1]
    for record in records:
        missing = set(INTERCHANGE) - set(record)
        assert not missing, f"{record['event_id']} lacks {missing}"
        for name, keys in INTERCHANGE.items():
            if keys:
                assert keys <= set(record[name]), (name, record[name])
    assert len({r["event_id"] for r in records}) == len(records)


def test_events_jsonl_is_one_record_a_line(cli, examples_db):
    result = cli("events", "--db", examples_db, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [json.loads(line)["event_id"] for line in lines] == _stored_ids(examples_db)


def test_events_csv_parses(cli, examples_db):
    result = cli("events", "--db", examples_db, "--format", "csv")
    assert result.exit_code == 0, result.output
    reader = csv.DictReader(io.StringIO(result.stdout))
    rows = list(reader)
    assert reader.fieldnames == CSV_COLUMNS
    assert [r["event_id"] for r in rows] == _stored_ids(examples_db)
    assert all(r["cameo_code"] and r["article_id"] for r in rows)


def test_events_table_lists_every_event(cli, examples_db, counts):
    result = cli("events", "--db", examples_db)
    assert result.exit_code == 0, result.output
    assert f"{counts(examples_db)[1]} events" in result.stdout


# -- filters ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def all_events(cli, examples_db) -> list[dict]:
    records = _json_events(cli, examples_db)
    assert len(records) >= 5, "the examples should give enough events to filter"
    return records


def _most_common(values) -> str:
    (value, _), = Counter(values).most_common(1)
    return value


def _check_filter(cli, db, all_events, args, store_filter, keep) -> None:
    """The CLI filter returns exactly the store's answer, a proper non-empty subset that satisfies `keep`."""
    got = _json_events(cli, db, *args)
    ids = [r["event_id"] for r in got]
    assert ids == _stored_ids(db, **store_filter)
    assert 0 < len(got) < len(all_events), "pick a filter that narrows the examples"
    assert all(keep(r) for r in got)
    assert {r["event_id"] for r in all_events if keep(r)} == set(ids)


def test_country_filter(cli, examples_db, all_events):
    country = _most_common(c for r in all_events for c in _countries(r, "source") | _countries(r, "target"))
    _check_filter(cli, examples_db, all_events, ["--country", country.lower()], {"country": country},
                  lambda r: country in _countries(r, "source") | _countries(r, "target"))


def test_dyad_filter(cli, examples_db, all_events):
    source, target = _most_common((s, t) for r in all_events
                                  for s in _countries(r, "source") for t in _countries(r, "target"))
    _check_filter(cli, examples_db, all_events, ["--dyad", f"{source},{target}"], {"dyad": (source, target)},
                  lambda r: source in _countries(r, "source") and target in _countries(r, "target"))


def test_category_filter(cli, examples_db, all_events):
    category = _most_common(r["plover"]["category"] for r in all_events if r["plover"]["category"])
    _check_filter(cli, examples_db, all_events, ["--category", category.lower()], {"category": category},
                  lambda r: r["plover"]["category"] == category)


def test_root_filter(cli, examples_db, all_events):
    root = _most_common(r["cameo"]["root"] for r in all_events)
    _check_filter(cli, examples_db, all_events, ["--root", str(int(root))], {"root": root},
                  lambda r: r["cameo"]["root"] == root)


def test_since_until_filter(cli, examples_db, all_events):
    dates = sorted({r["date"]["value"] for r in all_events if r["date"]["value"]})
    assert len(dates) >= 3
    since, until = dates[1], dates[-2]
    _check_filter(cli, examples_db, all_events, ["--since", since, "--until", until],
                  {"since": since, "until": until},
                  lambda r: r["date"]["value"] is not None and since <= r["date"]["value"] <= until)


def test_filter_matching_nothing_says_so(cli, examples_db):
    result = cli("events", "--db", examples_db, "--since", "2099-01-01")
    assert result.exit_code == 0, result.output
    assert "no events match" in result.stdout
    assert json.loads(cli("events", "--db", examples_db, "--since", "2099-01-01",
                          "--format", "json").stdout) == []


# -- show ---------------------------------------------------------------------------------

def test_show_by_prefix_prints_title_and_events(cli, examples_db, all_events):
    article_id = _most_common(r["article_id"] for r in all_events)
    with Store(examples_db) as store:
        prefix = next(article_id[:n] for n in range(4, 17) if store.find_articles(article_id[:n]) == [article_id])
        article = store.get_article(article_id)
    n_events = sum(r["article_id"] == article_id for r in all_events)
    result = cli("show", prefix, "--db", examples_db, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert article.title and article.title in result.stdout
    assert article_id in result.stdout
    assert f"{n_events} events" in result.stdout
    triggers = {r["evidence"]["trigger"] for r in all_events if r["article_id"] == article_id}
    assert all(t in result.stdout for t in triggers)


def test_show_ambiguous_prefix_is_a_clean_error(cli, examples_db, assert_clean_error):
    with Store(examples_db) as store:
        ids = [a.article_id for a in store.list_articles()]
    prefix = _most_common(i[0] for i in ids)
    if len([i for i in ids if i.startswith(prefix)]) < 2:
        pytest.skip("no two example ids share a first character")
    assert_clean_error(cli("show", prefix, "--db", examples_db), "is ambiguous")
