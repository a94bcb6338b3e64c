"""The runner: registry, clear errors for missing gold data, floors."""
from __future__ import annotations

import pytest

from forewarn.errors import InputError
from forewarn.eval.runner import FLOORS, check_floors, load_floors, load_tasks, run_eval

OWN_TASKS = {"cameo-class", "cameo-spans", "boilerplate", "quotes", "attribution"}


def test_every_module_registers_its_tasks():
    assert OWN_TASKS <= set(load_tasks())


def test_a_missing_gold_folder_names_the_expected_path(tmp_path):
    with pytest.raises(InputError, match=r"gold data not found at .*eval/quotes/ggt"):
        run_eval(["quotes"], shared=tmp_path)


def test_a_missing_shared_folder_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="does not exist: pass --shared"):
        run_eval(["quotes"], shared=tmp_path / "absent")


def test_an_unknown_task_lists_the_known_ones(tmp_path):
    with pytest.raises(InputError, match="known tasks are .*cameo-class"):
        run_eval(["no-such-task"], shared=tmp_path)


def test_check_floors_reports_low_and_missing_scores_only():
    report = {"tasks": {"quotes": {"metrics": {"f1": 0.80, "speaker_accuracy": 0.9}}}}
    floors = {"limit": 20, "quotes": {"limit": 5, "f1": 0.85, "speaker_accuracy": 0.88, "recall": 0.5},
              "not-run": {"f1": 0.99}}
    failures = check_floors(report, floors)
    assert failures == ["quotes.f1 = 0.8000 is below its floor 0.85",
                        "quotes.recall: missing from the report (floor 0.5)"]


def test_floors_file_names_only_registered_tasks():
    floors = load_floors(FLOORS)
    tasks = load_tasks()
    assert {k for k, v in floors.items() if isinstance(v, dict)} <= set(tasks)
