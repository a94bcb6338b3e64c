"""Bad input on the command line: one clear error (exit 1, no traceback) and nothing stored is lost."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from forewarn.store import Store

FEED = Path(__file__).resolve().parents[2] / "examples" / "feed.jsonl"

NEWS = ("Protesters marched on the parliament in Tbilisi on Monday.\n\n"
        "The interior minister said police would not use force against them.\n")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _fifty_megabytes(path: Path) -> Path:
    line = b"The minister said the talks on the border would continue next week.\n"
    with path.open("wb") as f:
        for _ in range(50_000_000 // len(line) + 1):
            f.write(line)
    assert path.stat().st_size > 50_000_000
    return path


# name -> (make the input in tmp_path, what the error must say)
BAD_FILES = {
    "empty": (lambda d: _write(d / "empty.txt", b""), "is empty"),
    "whitespace only": (lambda d: _write(d / "blank.txt", b"  \n\t \r\n"), "is empty"),
    "binary": (lambda d: _write(d / "image.bin", bytes(range(256)) * 40), "looks like a binary file"),
    "binary named .txt": (lambda d: _write(d / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(4000)),
                          "looks like a binary file"),
    # 0x81 and 0x8d are undefined in Windows-1252, so neither UTF-8 nor the cp1252 fallback reads it.
    "not UTF-8 nor cp1252": (lambda d: _write(d / "latin.txt", b"The minister \x81\x8d said no.\n" * 3),
                             "is not UTF-8 text"),
    # valid cp1252, but it decodes to a control character (too few to count as binary)
    "cp1252 with a control char": (
        lambda d: _write(d / "ctrl.txt", ("Caf\xe9 talks ended \x01 on Monday in the capital city. " * 2)
                         .encode("cp1252")), "is not UTF-8 text"),
    "50 MB": (lambda d: _fifty_megabytes(d / "huge.txt"), "over the limit of 20000000"),
    "broken RSS": (lambda d: _write(d / "broken.rss", b"<?xml version='1.0'?><rss><channel><title>W</titl"),
                   "is not a valid RSS or Atom feed"),
    "broken XML": (lambda d: _write(d / "broken.xml", b"this is <rss not a feed </channel>"),
                   "is not a valid RSS or Atom feed"),
    "malformed JSON line": (
        lambda d: _write(d / "articles.jsonl", FEED.read_bytes().splitlines(keepends=True)[0]
                         + b'{"text": "The minister said\n'), "articles.jsonl:2: not valid JSON"),
    "JSON line without text": (
        lambda d: _write(d / "notext.jsonl", b'{"title": "No body"}\n'), 'notext.jsonl:1: missing or empty "text"'),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_bad_file_is_one_clean_error_and_keeps_the_store(case, cli, seeded_db, tmp_path, snapshot,
                                                         counts, assert_clean_error):
    make, message = BAD_FILES[case]
    path = make(tmp_path)
    before, before_counts = snapshot(seeded_db), counts(seeded_db)
    result = cli("ingest", path, "--db", seeded_db)
    assert_clean_error(result, message, path.name)
    assert snapshot(seeded_db) == before
    assert counts(seeded_db) == before_counts
    path.unlink()   # do not keep 50 MB in pytest's retained tmp dirs


def test_unreachable_url_is_a_clean_error(cli, seeded_db, snapshot, assert_clean_error):
    before = snapshot(seeded_db)
    # port 9 (discard) on loopback: connection refused at once, no network involved
    result = cli("ingest", "http://127.0.0.1:9/", "--db", seeded_db, env={"FOREWARN_FETCH_TIMEOUT": "2"})
    assert_clean_error(result, "could not fetch", "127.0.0.1:9")
    assert snapshot(seeded_db) == before


@pytest.mark.parametrize("value", ["2023-13-45", "yesterday-ish"])
def test_invalid_published_date_is_a_clean_error(value, cli, seeded_db, tmp_path, snapshot, assert_clean_error):
    article = tmp_path / "article.txt"
    article.write_text(NEWS, encoding="utf-8")
    before = snapshot(seeded_db)
    result = cli("ingest", article, "--db", seeded_db, "--published", value)
    assert_clean_error(result, f"invalid publication date {value!r}")
    assert snapshot(seeded_db) == before


def test_code_on_an_empty_file_is_a_clean_error(cli, tmp_path, assert_clean_error):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert_clean_error(cli("code", empty), "is empty", "empty.txt")


def test_cp1252_text_is_accepted_with_a_warning(cli, seeded_db, tmp_path, snapshot, caplog):
    data = (b"Caf\xe9 owners protest\n\n\x93We will not close,\x94 the union leader said on Monday "
            b"in Tbilisi, where protesters marched on the parliament.\n")    # Windows-1252 bytes
    path = tmp_path / "windows.txt"
    path.write_bytes(data)
    articles_before, events_before = snapshot(seeded_db)
    with caplog.at_level(logging.WARNING, logger="forewarn.ingest.text"):
        result = cli("ingest", path, "--db", seeded_db, "--published", "2024-06-03")
    assert result.exit_code == 0, result.output
    assert "1 added" in result.stderr
    assert any("Windows-1252" in r.getMessage() and "windows.txt" in r.getMessage() for r in caplog.records)
    articles_after, events_after = snapshot(seeded_db)
    assert articles_before < articles_after and events_before <= events_after
    (new_id,) = articles_after - articles_before
    with Store(seeded_db) as store:
        stored = store.get_article(new_id)
    assert "\u201cWe will not close,\u201d" in stored.text       # cp1252 0x93/0x94 became curly quotes
    assert stored.title == "Caf\u00e9 owners protest"


def test_html_without_an_article_is_a_normal_no_events_result(cli, seeded_db, tmp_path, snapshot):
    page = tmp_path / "menu.html"
    page.write_text("<!doctype html><html><head><title></title></head>"
                    "<body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav></body></html>",
                    encoding="utf-8")
    articles_before, events_before = snapshot(seeded_db)
    result = cli("ingest", page, "--db", seeded_db)
    # extract_article documents "no article text" as an Article with empty text, not an error
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and result.stdout == ""
    assert "0 events stored" in result.stderr
    articles_after, events_after = snapshot(seeded_db)
    assert articles_before <= articles_after and events_after == events_before


def test_missing_store_is_a_clean_error_and_is_not_created(cli, tmp_path, monkeypatch, assert_clean_error):
    monkeypatch.chdir(tmp_path)
    result = cli("events", "--db", "missing.db")
    assert_clean_error(result, "no store at 'missing.db'")
    assert not (tmp_path / "missing.db").exists()


@pytest.mark.parametrize("args, message", [
    (["show", "nonexistent"], "no stored article has id 'nonexistent'"),
    (["show", ""], "article id prefix is empty"),
    (["events", "--dyad", "BLR"], "--dyad 'BLR' must name two countries"),
    (["events", "--dyad", "BLR,UK"], "ISO 3166-1 alpha-3"),
    (["events", "--format", "xml"], "--format 'xml' is not known"),
    (["events", "--root", "21"], "CAMEO root must be a number from 01 to 20"),
    (["events", "--since", "2024-02-30"], "--since '2024-02-30' is not a date"),
    (["events", "--since", "2024-06-02", "--until", "2024-06-01"], "is after until"),
], ids=["show unknown id", "show empty id", "dyad of one", "dyad bad code", "format xml",
        "root 21", "since bad date", "since after until"])
def test_bad_query_is_a_clean_error(args, message, cli, seeded_db, snapshot, assert_clean_error):
    before = snapshot(seeded_db)
    assert_clean_error(cli(*args, "--db", seeded_db), message)
    assert snapshot(seeded_db) == before


def test_long_error_stays_on_one_line(cli, tmp_path):
    empty = tmp_path / ("a-rather-long-file-name-for-an-article-" * 2 + ".txt")
    empty.write_bytes(b"")
    result = cli("ingest", empty, "--db", tmp_path / "store.db", env={"COLUMNS": "80"})
    assert result.exit_code == 1
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert line.endswith("pass a file with article text"), result.stderr


def test_real_process_bad_input_has_no_traceback(run_cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc = run_cli("ingest", empty, "--db", tmp_path / "store.db")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stdout == ""
    assert "error:" in proc.stderr and "is empty" in proc.stderr


def test_real_process_states_the_error_once(run_cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc = run_cli("ingest", empty, "--db", tmp_path / "store.db", env={"COLUMNS": "200"})
    assert proc.returncode == 1
    assert sum("is empty" in line for line in proc.stderr.splitlines()) == 1, proc.stderr


@pytest.mark.parametrize("args, shown", [
    (["show", "[/x]"], "'[/x]'"),
    (["events", "--dyad", "[red]BLR"], "'[red]BLR'"),
], ids=["closing tag raises", "opening tag is eaten"])
def test_error_with_square_brackets_is_shown_verbatim(args, shown, cli, seeded_db, assert_clean_error):
    assert_clean_error(cli(*args, "--db", seeded_db), shown)
