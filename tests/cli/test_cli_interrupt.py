"""A killed ingest loses nothing and duplicates nothing: re-running it completes the store."""
from __future__ import annotations

import json
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from forewarn.store import EventFilter, Store

N_ARTICLES = 12


@pytest.fixture
def voa12(shared, tmp_path) -> Path:
    """The first twelve VOA stories, read in place from the shared corpus into a tmp JSON Lines file."""
    corpus = shared / "corpus" / "voa" / "voa_stories.jsonl"
    if not corpus.is_file():
        pytest.skip(f"{corpus} is absent")
    with corpus.open(encoding="utf-8") as f:
        lines = [line for line, _ in zip(f, range(N_ARTICLES))]
    assert len(lines) == N_ARTICLES
    path = tmp_path / "voa12.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _stored_articles(db: Path) -> int:
    """Count stored articles read-only, while another process writes (WAL); 0 before the schema exists."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _contents(db: Path) -> dict[str, list[str]]:
    """Map each stored article id to its event ids, in stored order."""
    with Store(db) as store:
        contents = {a.article_id: [] for a in store.list_articles(limit=100_000)}
        for row in store.query_events(EventFilter(limit=None)):
            contents[row.event.article_id].append(row.event.event_id)
    return contents


def _kill_after_two_articles(start_cli, source: Path, db: Path) -> int:
    # one article per spaCy batch, so articles are committed one by one while we watch
    proc = start_cli("ingest", source, "--db", db, env={"FOREWARN_BATCH_SIZE": "1"})
    try:
        deadline = time.monotonic() + 180
        while proc.poll() is None and _stored_articles(db) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None, f"ingest ended (exit {proc.returncode}) before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return _stored_articles(db)


def test_rerun_after_sigkill_completes_the_store_exactly(cli, start_cli, voa12, tmp_path):
    db = tmp_path / "killed.db"
    stored_when_killed = _kill_after_two_articles(start_cli, voa12, db)
    assert 2 <= stored_when_killed < N_ARTICLES, "the kill should land in the middle of the run"

    rerun = cli("ingest", voa12, "--db", db)
    assert rerun.exit_code == 0, rerun.output
    assert (f"{N_ARTICLES} articles read: {N_ARTICLES - stored_when_killed} added, "
            f"{stored_when_killed} already stored") in rerun.stderr

    clean_db = tmp_path / "clean.db"
    clean = cli("ingest", voa12, "--db", clean_db)
    assert clean.exit_code == 0, clean.output

    urls = {json.loads(line)["url"] for line in voa12.read_text(encoding="utf-8").splitlines()}
    killed, reference = _contents(db), _contents(clean_db)
    assert len(killed) == len(urls) == N_ARTICLES
    every_event = [e for events in killed.values() for e in events]
    assert len(every_event) == len(set(every_event)), "no event is stored twice"
    assert killed == reference, "every article has exactly the events a clean run gives it"

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
