"""Run the registered evaluation tasks and check their scores against the pinned floors.

    run_eval(names=None, shared=None, limit=None, settings=None) -> report (a JSON-able dict)
    check_floors(report, floors)                                 -> failures, in words
    load_floors(path=None)                                       -> the floors file as a dict

Every module in ``forewarn/eval/`` is imported (so its tasks register) before the
registry is read: a task added by a new module appears without touching this one.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import logging
import pkgutil
import time
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError, SettingsError
from ..settings import Settings, load_settings
from .base import TASKS, Task, TaskResult, gold_path

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SHARED = REPO_ROOT.parent / "shared"
FLOORS = Path(__file__).with_name("floors.toml")
_NOT_TASKS = {"base", "runner", "metrics"}


def load_tasks() -> dict[str, Task]:
    """Import every module of this package so that its tasks register; return the registry."""
    package = __name__.rpartition(".")[0]
    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if info.name not in _NOT_TASKS and not info.name.startswith("_"):
            importlib.import_module(f"{package}.{info.name}")
    return dict(sorted(TASKS.items()))


def _versions(settings: Settings) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    from ..annotate import model_version
    from ..code import CODER_NAME, CODER_VERSION, load_patterns
    from ..resolve import knowledge_version

    out = {"coder": f"{CODER_NAME} {CODER_VERSION}+{model_version(settings.model)}",
           "data": f"patterns-{load_patterns(tuple(settings.pattern_files)).version}"
                   f"+actors-{knowledge_version(tuple(settings.actor_files))}"}
    for package in ("forewarn", "spacy", "trafilatura"):
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = "?"
    return out


def run_eval(names: Sequence[str] | None = None, shared: str | Path | None = None, limit: int | None = None,
             settings: Settings | None = None,
             on_task: Callable[[str, TaskResult, float], None] | None = None,
             limits: dict[str, int | None] | None = None) -> dict[str, Any]:
    """Run the named tasks (all when None) against the gold sets under ``shared``.

    ``shared`` defaults to the ``shared`` folder beside the checkout; ``limit`` caps the
    gold items of each task (the fast subset); ``limits`` gives single tasks their own. A task whose gold data is missing raises
    InputError naming the expected path, before any task runs. ``on_task`` is called
    after each task with its name, result and seconds (for progress display).
    """
    tasks = load_tasks()
    unknown = [n for n in names or () if n not in tasks]
    if unknown:
        raise InputError(f"unknown evaluation task {', '.join(map(repr, unknown))}: "
                         f"known tasks are {', '.join(tasks)} (forewarn eval --list)")
    if limit is not None and limit < 1:
        raise InputError(f"limit {limit} is not a positive number of items: give 1 or more, or none for all")
    chosen = [tasks[n] for n in dict.fromkeys(names)] if names else list(tasks.values())
    shared = Path(shared) if shared is not None else DEFAULT_SHARED
    if not shared.is_dir():
        raise InputError(f"gold data folder {str(shared)!r} does not exist: pass --shared pointing at the "
                         f"folder that holds eval/ (in a checkout, ../shared)")
    for t in chosen:
        gold_path(shared, t.gold)
    settings = settings or load_settings()
    report: dict[str, Any] = {
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "shared": str(shared), "limit": limit, "model": settings.model,
        "versions": _versions(settings), "tasks": {},
    }
    for t in chosen:
        began = time.perf_counter()
        log.info("evaluating %s on %s", t.name, t.gold)
        task_limit = (limits or {}).get(t.name, limit)
        result = t.run(shared, limit=task_limit, settings=settings)
        seconds = time.perf_counter() - began
        report["tasks"][t.name] = {"about": t.about, "gold": t.gold, "limit": task_limit,
                                   **dataclasses.asdict(result),
                                   "seconds": round(seconds, 2)}
        if on_task:
            on_task(t.name, result, seconds)
    return report


def load_floors(path: str | Path | None = None) -> dict[str, Any]:
    """Read the floors file: ``[task] metric = value``, a top-level ``limit`` (the fast
    subset's size) and optionally a task's own ``limit``."""
    path = Path(path) if path else FLOORS
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise InputError(f"floors file {str(path)!r} does not exist") from e
    except tomllib.TOMLDecodeError as e:
        raise SettingsError(f"floors file {str(path)!r} is not valid TOML: {e}") from e


def floor_limit(floors: dict[str, Any], name: str) -> int | None:
    """The fast-subset size a task's floors were measured at."""
    table = floors.get(name)
    return table.get("limit", floors.get("limit")) if isinstance(table, dict) else floors.get("limit")


def check_floors(report: dict[str, Any], floors: dict[str, Any]) -> list[str]:
    """Return one line per score below its floor (or missing); tasks not in the report are skipped."""
    failures = []
    for name, table in floors.items():
        if not isinstance(table, dict) or name not in report.get("tasks", {}):
            continue
        metrics = report["tasks"][name]["metrics"]
        for metric, floor in table.items():
            if metric == "limit":
                continue        # the task's own fast-subset size, not a score
            value = metrics.get(metric)
            if value is None:
                failures.append(f"{name}.{metric}: missing from the report (floor {floor})")
            elif value < floor:
                failures.append(f"{name}.{metric} = {value:.4f} is below its floor {floor}")
    return failures


__all__ = ["DEFAULT_SHARED", "FLOORS", "check_floors", "floor_limit", "load_floors", "load_tasks", "run_eval"]
