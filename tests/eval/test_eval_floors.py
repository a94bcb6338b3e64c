"""Every registered task on its fast subset scores at or above its pinned floor.

Floors live in forewarn/eval/floors.toml and only go up. Skipped where ../shared is absent.
"""
from __future__ import annotations

import pytest

from forewarn.eval.runner import check_floors, floor_limit, load_floors, load_tasks, run_eval
from forewarn.settings import Settings

FLOORS = load_floors()


@pytest.mark.parametrize("name", sorted(load_tasks()))
def test_task_scores_stay_above_their_floors(name, shared):
    report = run_eval([name], shared=shared, limit=floor_limit(FLOORS, name), settings=Settings())
    assert report["tasks"][name]["items"] > 0
    assert check_floors(report, FLOORS) == []
