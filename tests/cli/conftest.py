"""Fixtures for the CLI tests: an isolated runner, a real-process runner, and seeded stores.

Every invocation ignores the user's config file and FOREWARN_* variables, so a developer's
settings cannot change what the tests see. The spaCy model is loaded once per process
(the pipeline caches it), so CliRunner tests share one load.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from forewarn.cli import app
from forewarn.settings import Settings
from forewarn.store import Store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
FEED = EXAMPLES / "feed.jsonl"

# Each setting's FOREWARN_* variable, unset for every invocation (None unsets in CliRunner).
_SETTING_VARS = {f"FOREWARN_{name.upper()}": None for name in Settings.__dataclass_fields__}


def _env(tmp: Path, extra: dict[str, str] | None) -> dict[str, str | None]:
    return {**_SETTING_VARS, "FOREWARN_CONFIG": str(tmp / "no-config.toml"), **(extra or {})}


@pytest.fixture(scope="session")
def cli(tmp_path_factory) -> Callable[..., Result]:
    """Run the CLI in process: cli("ingest", path, "--db", db, env={...})."""
    home = tmp_path_factory.mktemp("cli-home")
    runner = CliRunner()

    def invoke(*args: object, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, [str(a) for a in args], env=_env(home, env))
    return invoke


@pytest.fixture(scope="session")
def run_cli(tmp_path_factory) -> Callable[..., subprocess.CompletedProcess]:
    """Run ``python -m forewarn`` in a real process (working tree first on sys.path)."""
    home = tmp_path_factory.mktemp("cli-proc")

    def run(*args: object, env: dict[str, str] | None = None, timeout: float = 120,
            **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "forewarn", *map(str, args)],
                              capture_output=True, text=True, timeout=timeout, cwd=home,
                              env=process_env(home, env), **kwargs)
    return run


def process_env(home: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a real ``python -m forewarn`` process."""
    env = {k: v for k, v in os.environ.items() if k not in _SETTING_VARS}
    env.update({k: v for k, v in _env(home, extra).items() if v is not None})
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    return env


@pytest.fixture(scope="session")
def counts() -> Callable[[Path], tuple[int, int]]:
    """Return (articles, events) of an existing store."""
    def count(db: Path) -> tuple[int, int]:
        assert Path(db).exists(), f"{db} should exist"
        with Store(db) as store:
            return store.count_articles(), store.count_events()
    return count


@pytest.fixture(scope="session")
def _seeded_template(cli, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("seed-store") / "seed.db"
    result = cli("ingest", FEED, "--db", db)
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def seeded_db(_seeded_template, tmp_path, counts) -> Path:
    """A store holding the three articles of examples/feed.jsonl (with their events)."""
    db = tmp_path / "store.db"
    for suffix in ("", "-wal", "-shm"):
        src = Path(str(_seeded_template) + suffix)
        if src.exists():
            shutil.copy(src, str(db) + suffix)
    articles, events = counts(db)
    assert articles == 3 and events > 0
    return db


@pytest.fixture(scope="session")
def examples_db(cli, tmp_path_factory) -> Path:
    """A store holding everything under examples/ (the .txt files dated 2024-06-01). Read only."""
    db = tmp_path_factory.mktemp("examples-store") / "examples.db"
    result = cli("ingest", EXAMPLES, "--db", db, "--published", "2024-06-01")
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="session")
def assert_clean_error() -> Callable[..., None]:
    """Check a CliRunner result is a clean failure: exit 1, no traceback, 'error:' naming each needle."""
    def check(result: Result, *needles: str) -> str:
        assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.output
        assert result.stdout == "", "errors go to stderr; stdout is for data"
        flat = " ".join(result.stderr.split())     # rich may wrap long lines; see test_cli_errors
        assert "error:" in flat, result.stderr
        for needle in needles:
            assert needle in flat, f"{needle!r} not in {result.stderr!r}"
        return flat
    return check


@pytest.fixture(scope="session")
def snapshot() -> Callable[[Path], tuple[frozenset[str], frozenset[str]]]:
    """Return (article ids, event ids) of an existing store."""
    from forewarn.store import EventFilter

    def take(db: Path) -> tuple[frozenset[str], frozenset[str]]:
        assert Path(db).exists(), f"{db} should exist"
        with Store(db) as store:
            articles = frozenset(a.article_id for a in store.list_articles(limit=100_000))
            events = frozenset(r.event.event_id for r in store.query_events(EventFilter(limit=None)))
        return articles, events
    return take


@pytest.fixture(scope="session")
def start_cli(tmp_path_factory) -> Callable[..., subprocess.Popen]:
    """Start ``python -m forewarn`` in the background (output discarded); the caller waits or kills."""
    home = tmp_path_factory.mktemp("cli-bg")

    def start(*args: object, env: dict[str, str] | None = None) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "forewarn", *map(str, args)], cwd=home,
                                env=process_env(home, env), stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return start
