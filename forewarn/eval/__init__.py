"""Evaluation: score each stage against the development gold sets under ../shared/eval.

Tasks register themselves in ``forewarn.eval.base.TASKS`` when their modules are imported
(see ``base.py`` for the protocol).
"""
from __future__ import annotations

from .base import TASKS, Task, TaskResult, gold_path, prf, task

__all__ = ["TASKS", "Task", "TaskResult", "gold_path", "prf", "task"]
