"""``forewarn eval`` through typer's runner."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from forewarn.cli import app

runner = CliRunner()


def test_list_names_every_task():
    result = runner.invoke(app, ["eval", "--list"])
    assert result.exit_code == 0
    for name in ("cameo-class", "cameo-spans", "boilerplate", "quotes", "attribution"):
        assert name in result.stdout


def test_one_small_task_prints_tables_and_writes_json(shared, tmp_path):
    path = tmp_path / "report.json"
    result = runner.invoke(app, ["eval", "cameo-class", "--limit", "12", "--json", str(path),
                                 "--shared", str(shared)])
    assert result.exit_code == 0, result.output
    assert "macro_f1" in result.stdout and "confusion" in result.stdout
    report = json.loads(path.read_text(encoding="utf-8"))
    task = report["tasks"]["cameo-class"]
    assert task["items"] == 12 and 0 <= task["metrics"]["macro_f1"] <= 1
    assert report["versions"]["coder"] and report["versions"]["data"]


def test_missing_gold_is_one_error_line(tmp_path):
    result = runner.invoke(app, ["eval", "quotes", "--shared", str(tmp_path)])
    assert result.exit_code == 1
    assert "gold data not found at" in result.output and "Traceback" not in result.output


def test_floors_are_checked_on_their_fast_subset(shared):
    result = runner.invoke(app, ["eval", "cameo-spans", "--floors", "--shared", str(shared)])
    assert result.exit_code == 0, result.output
    assert "300 items" in result.stdout


def test_every_task_renders_its_tables(shared):
    """Each task's tables print, whether they are mappings or lists of rows."""
    result = runner.invoke(app, ["eval", "time", "actors-voa", "--limit", "5", "--shared", str(shared)])
    assert result.exit_code == 0, result.output
    assert "time: errors" in result.stdout or "time — 5 items" in result.stdout
