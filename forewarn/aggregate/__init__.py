"""Aggregate: counted clusters per directed dyad (source country, target country) and day.

A cluster counts once (not once per mention) on its own anchor day (a historical event on
the day it happened), and only when its mentions are neither negated nor hypothetical.
Each counted cluster adds to its dyad-day: one cluster, one to its quad class, its
Goldstein and PLOVER scores, and a conflict weight ``max(1, -goldstein)`` (quad classes 3
and 4) or a cooperation weight ``max(1, goldstein)`` (quad classes 1 and 2). The aggregate
rows are maintained at ingest (see ``forewarn.cluster``); the functions here read them back
as complete daily or weekly series, and rank dyads by their recent change. ``DyadDay``'s
``*_share`` properties normalise by the day's total volume of clusters.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import InputError
from ..models import Cluster, DyadDay
from ..store import Store

__all__ = ["DyadChange", "cluster_contribution", "conflict_weight", "cooperation_weight",
           "dyad_series", "list_dyads", "weekly"]

CONFLICT_QUADS = (3, 4)
COOPERATION_QUADS = (1, 2)


def conflict_weight(quad_class: int, goldstein: float | None) -> float:
    return max(1.0, -(goldstein or 0.0)) if quad_class in CONFLICT_QUADS else 0.0


def cooperation_weight(quad_class: int, goldstein: float | None) -> float:
    return max(1.0, goldstein or 0.0) if quad_class in COOPERATION_QUADS else 0.0


def cluster_contribution(cluster: Cluster) -> DyadDay | None:
    """What one new cluster adds to its dyad-day (None: uncounted, undated or no actors)."""
    k = cluster.key
    if not k.counted or cluster.day is None or not (k.source_country or k.target_country):
        return None
    quad = tuple(int(cluster.quad_class == q) for q in (1, 2, 3, 4))
    return DyadDay(source_country=k.source_country, target_country=k.target_country,
                   day=cluster.day, clusters=1, quad=quad,  # type: ignore[arg-type]
                   goldstein_sum=cluster.goldstein or 0.0, plover_sum=cluster.plover_score or 0.0,
                   conflict=conflict_weight(cluster.quad_class, cluster.goldstein),
                   cooperation=cooperation_weight(cluster.quad_class, cluster.goldstein))


def _days(since: dt.date, until: dt.date) -> Iterable[dt.date]:
    for i in range((until - since).days + 1):
        yield since + dt.timedelta(days=i)


def fill_days(rows: Sequence[DyadDay], dyad: tuple[str, str], since: dt.date, until: dt.date,
              totals: dict[dt.date, int]) -> list[DyadDay]:
    """One row per day of [since, until], zeros where the dyad had no cluster."""
    have = {r.day: r for r in rows}
    return [have.get(d) or DyadDay(dyad[0], dyad[1], d, day_total=totals.get(d, 0))
            for d in _days(since, until)]


def dyad_series(store: Store, source: str, target: str, since: dt.date | None = None,
                until: dt.date | None = None) -> list[DyadDay]:
    """A directed dyad's daily series, one row per day from its first to its last cluster
    (or the given bounds). ``target`` "" means events without a target.

    Raises InputError when the dyad has no counted cluster in the store.
    """
    dyad = (source, target)
    span = store.dyad_span(dyad)
    if span is None:
        label = f"{source or '-'} -> {target or '-'}"
        raise InputError(f"no counted events for the dyad {label} in this store: list the known "
                         "dyads with 'forewarn dyads'")
    since = since or span[0]
    until = until or span[1]
    if since > until:
        raise InputError(f"since ({since}) is after until ({until}); swap them")
    rows = store.dyad_days(since, until, dyad=dyad)
    return fill_days(rows, dyad, since, until, store.day_totals(since, until))


def weekly(series: Sequence[DyadDay]) -> list[DyadDay]:
    """Sum a daily series into ISO weeks (each row dated by its Monday)."""
    weeks: dict[dt.date, DyadDay] = {}
    for r in series:
        monday = r.day - dt.timedelta(days=r.day.weekday())
        w = weeks.get(monday)
        if w is None:
            weeks[monday] = DyadDay(r.source_country, r.target_country, monday, r.clusters, r.quad,
                                    r.goldstein_sum, r.plover_sum, r.conflict, r.cooperation,
                                    r.day_total)
        else:
            weeks[monday] = DyadDay(
                w.source_country, w.target_country, monday, w.clusters + r.clusters,
                tuple(a + b for a, b in zip(w.quad, r.quad)),  # type: ignore[arg-type]
                w.goldstein_sum + r.goldstein_sum, w.plover_sum + r.plover_sum,
                w.conflict + r.conflict, w.cooperation + r.cooperation, w.day_total + r.day_total)
    return [weeks[k] for k in sorted(weeks)]


@dataclass(frozen=True)
class DyadChange:
    """A dyad's recent activity against its own previous level (per ``recent_days``)."""

    source_country: str
    target_country: str
    clusters: int                   # counted clusters in the recent window
    conflict: float                 # conflict weight in the recent window
    cooperation: float
    prior_conflict: float           # mean conflict weight per window over the prior period
    prior_cooperation: float
    goldstein_mean: float | None    # over the recent window's clusters

    @property
    def conflict_change(self) -> float:
        return self.conflict - self.prior_conflict

    @property
    def cooperation_change(self) -> float:
        return self.cooperation - self.prior_cooperation

    @property
    def change(self) -> float:
        """The larger move of the two, signed by escalation (+) or cooperation (-)."""
        c, k = self.conflict_change, self.cooperation_change
        return c if abs(c) >= abs(k) else -k


def list_dyads(store: Store, as_of: dt.date | None = None, recent_days: int = 7,
               prior_days: int = 28, limit: int | None = None) -> list[DyadChange]:
    """Dyads active in the last ``recent_days`` (to ``as_of``, default the newest article's
    date) ranked by the size of their change against the ``prior_days`` before."""
    if recent_days < 1 or prior_days < 1:
        raise InputError("recent and prior periods must be at least one day")
    as_of = as_of or store.latest_published() or (store.aggregate_span() or (None, None))[1]
    if as_of is None:
        return []
    recent_start = as_of - dt.timedelta(days=recent_days - 1)
    prior_start = recent_start - dt.timedelta(days=prior_days)
    rows = store.dyad_days(prior_start, as_of, active_since=recent_start)
    acc: dict[tuple[str, str], list[float]] = {}
    for r in rows:
        a = acc.setdefault((r.source_country, r.target_country), [0, 0.0, 0.0, 0.0, 0.0, 0.0])
        if r.day >= recent_start:
            a[0] += r.clusters
            a[1] += r.conflict
            a[2] += r.cooperation
            a[5] += r.goldstein_sum
        else:
            a[3] += r.conflict
            a[4] += r.cooperation
    scale = recent_days / prior_days
    out = [DyadChange(s, t, int(a[0]), a[1], a[2], a[3] * scale, a[4] * scale,
                      a[5] / a[0] if a[0] else None) for (s, t), a in acc.items()]
    out.sort(key=lambda d: (-abs(d.change), -d.clusters, d.source_country, d.target_country))
    return out[:limit] if limit else out
