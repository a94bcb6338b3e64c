"""Detect escalation and de-escalation per dyad from the dyad-day aggregates.

For each directed dyad active near ``as_of`` and each day t of the last ``lookback_days``:

* x_d: the dyad's conflict (or cooperation) weight on day d, scaled by the day's volume
  against the mean daily volume of the baseline period (the factor clamped to
  ``volume_clamp``, so a thin news day cannot blow a value up);
* r_t: the sum of x over the ``window_days`` ending on t;
* baseline: r over the ``baseline_days`` before the window (only days whose whole window lies
  inside the store's history; at least ``min_baseline_days`` of them, else no verdict);
  median m and scale s = max(1.4826 * MAD, ``count_noise`` * sqrt(mean r * w), ``min_scale``),
  where w is the baseline's mean weight per cluster. The second term is the spread a window
  sum of independent events has (a compound Poisson count: its variance grows with its
  level times the weight of one event). The MAD of a short baseline understates it for
  busy dyads whose events weigh a lot each (a few air strikes more or less is the ordinary
  day-to-day variation of a war's coverage, not a change), so dense streams would warn on
  noise. sqrt(mean * w) is the spread when every event weighs the same; a mix of light
  (verbal, 2 to 4) and heavy (material, 7 to 10) events spreads more, by
  sqrt(E[w^2]) / E[w], about 1.1 to 1.35 for such mixes: hence the default weight 1.25;
* persistence: r_{t - window}, the no-change forecast for this window.

Day t fires when r_t > m + k * s, r_t - m >= ``min_excess``, r_t beats the persistence
forecast by at least k * s (the rise is new, not a level already there), with
``tail_alpha`` set r_t is improbable as a count (below), and it is
confirmed: the window's clusters that at least ``min_sources`` distinct outlets report
break out on their own (above the threshold and ``min_excess`` over the median). A warning
is the latest episode of firing days no more than a window apart, current when its last
day is within the lookback (onset = its first day, traced up to ``episode_days`` back);
severity grows with
(r_t - m) / s: moderate below 2k, high below 4k, severe above.

The count test (off by default; bench/README.md has its replays): m + k * s reads the
window sum as if it were normal, but a quiet dyad's window holds one or two events, and a Poisson count that small is skewed: four or five
events where one is usual clear 1 + 3 * 1 yet happen once in 50 to 300 windows, so quiet
dyads warn on chance bursts of ordinary visits and accords. Counted in units of
phi = count_noise^2 * w (the quasi-Poisson count whose variance the count-noise term
assumes), r_t / phi must have a Poisson upper tail below ``tail_alpha`` (0.01: a one-sided
1 % test) under the baseline mean / phi. For busy dyads the normal threshold is the stricter
of the two (its Poisson tail is about 0.2 %); the count test only bites where counts are
small.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..aggregate import COOPERATION_QUADS, CONFLICT_QUADS, conflict_weight, cooperation_weight
from ..errors import InputError
from ..models import DyadDay, DyadWarning
from ..store import Store

KINDS = {"escalation": ("conflict", CONFLICT_QUADS), "de-escalation": ("cooperation", COOPERATION_QUADS)}


@dataclass(frozen=True)
class WarnSettings:
    """Parameters of the detector (see the module docstring)."""

    window_days: int = 3
    baseline_days: int = 60
    min_baseline_days: int = 28
    k: float = 3.0
    min_scale: float = 3.0
    count_noise: float = 1.25           # weight of the count-noise scale (0: MAD alone)
    min_excess: float = 20.0
    min_sources: int = 2
    tail_alpha: float = 0.0             # quasi-Poisson upper tail a window must get below (0: off)
    lookback_days: int = 7
    episode_days: int = 21              # how far back an ongoing warning's onset is traced
    volume_clamp: tuple[float, float] = (0.5, 2.0)
    max_clusters: int = 10              # clusters listed per warning (strongest first)
    kinds: tuple[str, ...] = ("escalation", "de-escalation")

    def __post_init__(self) -> None:
        if self.window_days < 1 or self.lookback_days < 1:
            raise InputError("window_days and lookback_days must be at least 1")
        if not 28 <= self.min_baseline_days <= self.baseline_days:
            raise InputError("the baseline must cover at least 28 days and min_baseline_days "
                             f"({self.min_baseline_days}) must not exceed baseline_days "
                             f"({self.baseline_days})")
        unknown = set(self.kinds) - set(KINDS)
        if unknown:
            raise InputError(f"unknown warning kind(s) {sorted(unknown)}: use escalation, de-escalation")


@dataclass(frozen=True)
class _Verdict:
    day: dt.date
    value: float
    baseline: float
    threshold: float
    persistence: float
    score: float


def _verdicts(x: np.ndarray, counts: np.ndarray, start: dt.date, first_index: int, eval_from: int,
              s: WarnSettings) -> list[list[_Verdict]]:
    """For each row of ``x`` (one series per dyad and kind; column i is day start + i;
    ``counts`` the clusters behind each value), the days (index >= eval_from) whose window
    sum breaks out.

    Vectorised with numpy (a dependency of spaCy): every evaluated day takes the medians of
    all rows at once; the baseline range is the same for every row (the store's history).
    """
    w, b = s.window_days, s.baseline_days
    rows, n = x.shape
    csum = np.concatenate((np.zeros((rows, 1)), np.cumsum(x, axis=1)), axis=1)
    ccum = np.concatenate((np.zeros((rows, 1)), np.cumsum(counts, axis=1)), axis=1)
    idx = np.arange(n)
    r = csum[:, idx + 1] - csum[:, np.maximum(idx + 1 - w, 0)]          # window sums ending on each day
    out: list[list[_Verdict]] = [[] for _ in range(rows)]
    for t in range(eval_from, n):
        lo = max(t - w - b + 1, first_index + w - 1, 0)
        hi = t - w + 1
        if hi - lo < s.min_baseline_days:
            continue
        value = r[:, t]
        live = np.nonzero(value > 0)[0]
        if live.size == 0:
            continue
        base = r[live, lo:hi]
        med = np.median(base, axis=1)
        mad = np.median(np.abs(base - med[:, None]), axis=1)
        scale = np.maximum(1.4826 * mad, s.min_scale)
        # weight per cluster on the days the baseline windows end on (never the recent ones)
        b_weight = csum[live, hi] - csum[live, lo]
        b_count = ccum[live, hi] - ccum[live, lo]
        per_cluster = np.divide(b_weight, b_count, out=np.zeros(live.size), where=b_count > 0)
        mean_r = base.mean(axis=1)
        if s.count_noise:
            scale = np.maximum(scale, s.count_noise * np.sqrt(mean_r * per_cluster))
        threshold = med + s.k * scale
        persistence = r[live, t - w] if t - w >= 0 else np.zeros(live.size)
        v = value[live]
        fire = (v > threshold) & (v - med >= s.min_excess) & (v - persistence >= s.k * scale)
        if s.tail_alpha and fire.any():
            # small counts are skewed (see the module docstring): the window in units of
            # phi = count_noise^2 * weight per cluster must be improbable as a Poisson count
            phi = np.maximum(max(s.count_noise, 1.0) ** 2 * per_cluster, 1e-9)
            for j in np.nonzero(fire)[0]:
                if _poisson_tail(float(v[j] / phi[j]), float(mean_r[j] / phi[j])) >= s.tail_alpha:
                    fire[j] = False
        for j in np.nonzero(fire)[0]:
            out[int(live[j])].append(_Verdict(start + dt.timedelta(days=t), float(v[j]), float(med[j]),
                                              float(threshold[j]), float(persistence[j]),
                                              float((v[j] - med[j]) / scale[j])))
    return out


def _poisson_tail(n: float, mu: float) -> float:
    """P(X >= n) for X ~ Poisson(mu), continuous in n (the regularized lower incomplete
    gamma function P(n, mu), the Poisson tail for whole n), summed as its series
    sum_k mu^(n+k) e^-mu / Gamma(n+k+1). Only the upper tail is needed: for n <= mu (a tail
    of about a half or more) it returns 1.0."""
    if n <= mu:
        return 1.0
    term = math.exp(n * math.log(mu) - mu - math.lgamma(n + 1)) if mu > 0 else 0.0
    total, k = term, 0
    while term > total * 1e-12:
        k += 1
        term *= mu / (n + k)
        total += term
    return min(1.0, total)


def _severity(score: float, k: float) -> str:
    return "severe" if score >= 4 * k else "high" if score >= 2 * k else "moderate"


def compute_warnings(store: Store, as_of: dt.date | None = None,
                     settings: WarnSettings | None = None, *, evidence: bool = True) -> list[DyadWarning]:
    """Return the warnings current on ``as_of`` (default: the newest article's date).

    Reads only the dyad-day aggregates of dyads active in the last lookback and window
    days, plus the clusters of the dyads that fire. ``evidence=False`` skips the cluster
    sentences (faster, for replays). Sorted by score, strongest first.
    """
    s = settings or WarnSettings()
    span = store.aggregate_span()
    published = store.published_span()
    as_of = as_of or (published[1] if published else None) or (span[1] if span else None)
    if span is None or as_of is None:
        return []
    # the store's history begins when its reporting begins: historical events dated long
    # before do not make the years before that a quiet baseline
    history = published[0] if published else span[0]
    if as_of < history:
        return []
    span = (history, span[1])
    w = s.window_days
    eval_start = as_of - dt.timedelta(days=s.lookback_days - 1)
    trace_start = eval_start - dt.timedelta(days=s.episode_days)
    start = max(span[0], trace_start - dt.timedelta(days=w + s.baseline_days))
    n = (as_of - start).days + 1
    totals = store.day_totals(start, as_of)
    vol = [totals.get(start + dt.timedelta(days=i), 0) for i in range(n)]
    base_vol = [v for v in vol[:max(1, n - s.lookback_days)] if v] or [v for v in vol if v] or [1]
    mean_vol = sum(base_vol) / len(base_vol)
    lo_c, hi_c = s.volume_clamp
    factor = [min(hi_c, max(lo_c, mean_vol / v)) if v else 1.0 for v in vol]
    first_index = max(0, (span[0] - start).days)
    eval_from = max(0, (trace_start - start).days)
    rows = store.dyad_days(start, as_of, active_since=eval_start - dt.timedelta(days=w - 1))
    by_dyad: dict[tuple[str, str], list[DyadDay]] = {}
    for row in rows:
        by_dyad.setdefault((row.source_country, row.target_country), []).append(row)
    keys = [(dyad, kind) for dyad in by_dyad for kind in s.kinds]
    x = np.zeros((len(keys), n))
    counts = np.zeros((len(keys), n))
    for i, (dyad, kind) in enumerate(keys):
        attr, quads = KINDS[kind]
        for row in by_dyad[dyad]:
            j = (row.day - start).days
            x[i, j] = getattr(row, attr) * factor[j]
            counts[i, j] = sum(row.quad[q - 1] for q in quads)
    warnings: list[DyadWarning] = []
    for (dyad, kind), verdicts in zip(keys, _verdicts(x, counts, start, first_index, eval_from, s) if keys else []):
        confirmed: list[tuple[_Verdict, tuple[str, ...]]] = []
        for v in verdicts:
            outlets = _confirmed(store, dyad, kind, v, s)
            if outlets:
                confirmed.append((v, outlets))
        if confirmed and confirmed[-1][0].day >= eval_start:
            warnings.append(_warning(store, kind, dyad, confirmed, s, evidence))
    warnings.sort(key=lambda x: (-x.score, x.source_country, x.target_country, x.kind))
    return warnings


def _confirmed(store: Store, dyad: tuple[str, str], kind: str, v: _Verdict,
               s: WarnSettings) -> tuple[str, ...]:
    """The outlets confirming a breakout, or () when the clusters that at least
    ``min_sources`` outlets report do not break out on their own (single-source rumours
    never make a warning)."""
    attr, quads = KINDS[kind]
    weigh = conflict_weight if attr == "conflict" else cooperation_weight
    clusters = store.list_clusters(dyad=dyad, since=v.day - dt.timedelta(days=s.window_days - 1),
                                   until=v.day, quads=quads, counted_only=True)
    sure = [c for c in clusters if c.sources >= s.min_sources]
    weight = sum(weigh(c.quad_class, c.goldstein) for c in sure)
    if weight <= v.threshold or weight - v.baseline < s.min_excess:
        return ()
    return tuple(sorted(store.dyad_outlets(dyad, v.day - dt.timedelta(days=s.window_days - 1),
                                           v.day, quads)))


def _warning(store: Store, kind: str, dyad: tuple[str, str],
             confirmed: list[tuple[_Verdict, tuple[str, ...]]], s: WarnSettings,
             evidence: bool) -> DyadWarning:
    # the latest episode: firing days no more than a window apart
    run = [confirmed[-1]]
    for item in reversed(confirmed[:-1]):
        if (run[0][0].day - item[0].day).days <= s.window_days:
            run.insert(0, item)
        else:
            break
    onset, last = run[0][0], run[-1][0]
    peak = max(run, key=lambda it: it[0].score)[0]
    outlets = tuple(sorted({o for _, os in run for o in os}))
    quads = KINDS[kind][1]
    clusters = ()
    if evidence:
        found = store.list_clusters(dyad=dyad, since=onset.day - dt.timedelta(days=s.window_days - 1),
                                    until=last.day, quads=quads, counted_only=True)
        weight = (lambda c: -(c.goldstein or 0.0)) if kind == "escalation" else (lambda c: c.goldstein or 0.0)
        found.sort(key=lambda c: (-c.sources, -weight(c), c.day, c.cluster_id))
        clusters = tuple(store.cluster_evidence(c) for c in found[:s.max_clusters])
    wid = hashlib.sha1(f"{kind}:{dyad[0]}:{dyad[1]}:{onset.day}".encode()).hexdigest()[:12]
    return DyadWarning(
        warning_id=wid, kind=kind, source_country=dyad[0], target_country=dyad[1],
        onset=onset.day, day=last.day, severity=_severity(peak.score, s.k), score=round(peak.score, 2),
        value=round(last.value, 2), baseline=round(last.baseline, 2),
        threshold=round(last.threshold, 2), persistence=round(last.persistence, 2),
        sources=outlets, clusters=clusters)
