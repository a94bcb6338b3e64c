"""What every evaluation task returns, and the registry ``forewarn eval`` runs from.

A task is a function ``evaluate(shared: Path, *, limit: int | None, settings: Settings)
-> TaskResult`` registered with ``@task("name", "gold/path/under/shared", "what it measures")``.
It reads its gold set in place under ``shared`` (the ``../shared`` folder beside a
checkout) and never copies it. ``limit`` caps the number of gold items (the fast subset
the test suite runs against the floors); None runs everything.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError


@dataclass
class TaskResult:
    """Scores of one task: flat named metrics (0..1) plus tables for people to read."""

    task: str
    items: int                                   # gold items scored (sentences, documents, ...)
    metrics: dict[str, float] = field(default_factory=dict)
    tables: dict[str, Any] = field(default_factory=dict)    # per-class F1, confusion matrix, ...
    notes: list[str] = field(default_factory=list)          # how things were scored, in words


@dataclass(frozen=True)
class Task:
    name: str
    gold: str                                     # path under shared/ that must exist
    about: str
    run: Callable[..., TaskResult]


TASKS: dict[str, Task] = {}


def task(name: str, gold: str, about: str):
    """Register an evaluation task under ``name``."""
    def register(fn: Callable[..., TaskResult]) -> Callable[..., TaskResult]:
        TASKS[name] = Task(name, gold, about, fn)
        return fn
    return register


def gold_path(shared: Path, relative: str) -> Path:
    """The gold folder or file under ``shared``; a missing one is an error naming the path."""
    path = Path(shared) / relative
    if not path.exists():
        raise InputError(f"gold data not found at {str(path)!r}: pass --shared pointing at the folder "
                         f"that holds eval/ (in a checkout, ../shared)")
    return path


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
