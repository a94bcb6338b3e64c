"""Warn: escalation and de-escalation warnings per dyad, with the clusters behind them.

``compute_warnings`` reads the dyad-day aggregates (never raw events) and returns
``DyadWarning`` records; ``watch`` polls feeds, ingests new items and reports new
warnings, optionally to a webhook. ``scenario`` builds synthetic streams for replays.
"""
from __future__ import annotations

from .detect import WarnSettings, compute_warnings

__all__ = ["WarnSettings", "compute_warnings"]
