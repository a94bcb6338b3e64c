"""The founding article passes its acceptance case, through the real CLI."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from forewarn.cli import app


@pytest.fixture(scope="module")
def seed_json(shared, tmp_path_factory):
    seed = shared / "seed" / "000_b035b91ddda7a8e5.txt"
    result = CliRunner().invoke(app, ["code", str(seed), "--published", "2023-01-24",
                                      "--outlet", "The Daily Beast", "--json"])
    assert result.exit_code == 0, result.output
    path = tmp_path_factory.mktemp("seed") / "out.json"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def test_seed_output_is_one_json_document(seed_json):
    document = json.loads(seed_json.read_text(encoding="utf-8"))
    assert set(document) >= {"article", "events", "quotes", "actors", "places", "dates"}


def test_seed_article_passes_every_acceptance_check(shared, seed_json):
    pytest.importorskip("yaml")
    check = shared / "acceptance" / "check.py"
    case = shared / "acceptance" / "seed-article.yaml"
    result = subprocess.run([sys.executable, str(check), str(case), str(seed_json)],
                            capture_output=True, text=True)
    failures = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert result.returncode == 0 and not failures, "\n".join(failures) or result.stdout + result.stderr
