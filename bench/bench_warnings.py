#!/usr/bin/env python
"""Benchmark clustering, aggregation and warnings.

Usage::

    python bench/bench_warnings.py [--events 1000000] [--db PATH] [--voa PATH] [--skip-voa]

1. **Warnings at scale**: builds (or reuses, with ``--db``) a store of about ``--events``
   generated events (``forewarn.warn.scenario`` streams over many dyads, clustered and
   aggregated as at ingest), then times ``compute_warnings`` (with evidence) and the whole
   ``forewarn warnings --db`` command in a fresh process (target: under 2 s).
2. **Cluster + aggregate share of ingest**: ingests the VOA corpus through
   ``forewarn.pipeline.ingest`` in publication order, timing ``update_clusters`` inside it
   (target: under 10 % of the pipeline's time), and replays it: after each article the
   warnings as of its publication day are computed; every warning is listed (VOA is one
   outlet, so none can be confirmed by two independent sources).
3. **Synthetic replay**: detection delay and false alarms over several seeds.

Not a test: bench/ is outside pytest's testpaths.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import forewarn.cluster as fc  # noqa: E402
from forewarn.cluster import ClusterSettings, update_clusters  # noqa: E402
from forewarn.cluster.bulk import load_documents  # noqa: E402
from forewarn.store import Store  # noqa: E402
from forewarn.warn import WarnSettings, compute_warnings  # noqa: E402
from forewarn.warn.scenario import (  # noqa: E402
    NAMES, Onset, Scenario, default_scenario, expected_events, generate, iter_documents,
)

DEFAULT_VOA = REPO_ROOT.parent / "shared/corpus/voa/voa_stories.jsonl"


def scale_scenario(events: int) -> Scenario:
    """A year over 240 directed dyads whose expected number of events is ``events``, with an
    escalation 20 days and one 5 days before the end (RUS->UKR, CHN->TWN)."""
    codes = sorted(NAMES)
    dyads = tuple((a, b) for a in codes for b in codes if a != b)[:240]
    days = 365
    start = dt.date(2023, 1, 1)
    onsets = (Onset("RUS", "UKR", start + dt.timedelta(days=days - 20)),
              Onset("CHN", "TWN", start + dt.timedelta(days=days - 5)))

    def at(scale: float) -> Scenario:
        return Scenario(start=start, days=days, dyads=dyads, seed=1, coop_rate=1.2 * scale,
                        verbal_rate=0.7 * scale, material_rate=0.16 * scale,
                        rumour_rate=0.05 * scale, uncounted_rate=0.15 * scale, onsets=onsets)
    fixed = expected_events(at(0.0))                     # the onsets' own events
    per_scale = expected_events(at(1.0)) - fixed
    return at(max(0.0, (events - fixed) / per_scale))


def build_store(db: Path, events: int) -> dict:
    """Generate the stream and bulk-load it (the store ingest and clustering would build)."""
    sc = scale_scenario(events)
    t0 = time.perf_counter()
    run = load_documents_counted(db, sc)
    took = time.perf_counter() - t0
    with Store(db) as store:
        result = {"requested_events": events, "expected_events": round(expected_events(sc)),
                  "events": store.count_events(), "articles": store.count_articles(),
                  "clusters": store.count_clusters(), "build_s": round(took, 1),
                  "new_clusters": run.new_clusters}
    print(json.dumps(result), flush=True)
    return result


def load_documents_counted(db: Path, sc: Scenario):
    seen = [0, time.perf_counter()]

    def docs():
        for d in iter_documents(sc):
            seen[0] += 1
            if seen[0] % 50_000 == 0:
                print(f"  {seen[0]} articles in {time.perf_counter() - seen[1]:.0f} s", flush=True)
            yield d
    with Store(db) as store:
        return load_documents(store, docs())


PLANNED = {("escalation", "RUS", "UKR"), ("escalation", "CHN", "TWN")}   # scale_scenario's onsets


def _median(xs: list[float]) -> float:
    return round(statistics.median(xs), 3)


def bench_warnings(db: Path, repeats: int = 5) -> dict:
    """Time compute_warnings (with evidence) in this process and ``forewarn warnings --json``
    in fresh processes: the first run, then the median of ``repeats`` more."""
    with Store(db) as store:
        events = store.count_events()
        api = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            found = compute_warnings(store)
            api.append(time.perf_counter() - t0)
    cli, cpu = [], []
    for _ in range(repeats + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "forewarn", "warnings", "--db", str(db), "--json"],
                              capture_output=True, text=True, cwd=REPO_ROOT)
        cli.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        assert proc.returncode == 0, proc.stderr
    unplanned = sorted({(w.kind, w.source_country, w.target_country) for w in found} - PLANNED)
    result = {"events": events, "warnings": len(found),
              "compute_warnings_first_s": round(api[0], 3), "compute_warnings_median_s": _median(api),
              "cli_warnings_first_s": round(cli[0], 3), "cli_warnings_median_s": _median(cli[1:]),
              # CPU time of the command (user + system): what the wall time is on a free core
              "cli_warnings_first_cpu_s": round(cpu[0], 3), "cli_warnings_median_cpu_s": _median(cpu[1:]),
              "load_average": os.getloadavg()[0],
              "planned_warned": sorted({(w.kind, w.source_country, w.target_country) for w in found} & PLANNED),
              "unplanned_warned": unplanned,
              "all": [(w.kind, w.source_country, w.target_country, str(w.onset), w.severity, w.score)
                      for w in found]}
    print(json.dumps(result, indent=2), flush=True)
    return result


def bench_voa(path: Path) -> dict:
    from forewarn.pipeline import ingest
    from forewarn.settings import load_settings

    stories = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    stories.sort(key=lambda s: s.get("published") or "")
    spent = [0.0]
    real = fc.update_clusters

    def timed(store, *args, **kwargs):
        t = time.perf_counter()
        try:
            return real(store, *args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - t
    fc.update_clusters = timed
    alarms: dict[tuple, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "voa.jsonl"
        feed.write_text("\n".join(json.dumps({**s, "outlet": "VOA"}) for s in stories) + "\n", encoding="utf-8")
        settings = load_settings(db=str(Path(tmp) / "voa.db"))
        with Store(settings.db) as store:
            ingest(["/dev/null"], settings, store=store)      # load the model outside the timing
            warn_time = [0.0]

            def on_article(doc, raw):
                if doc is None or doc.article.published is None:
                    return
                t = time.perf_counter()
                for w in compute_warnings(store, doc.article.published, evidence=False):
                    alarms.setdefault((w.kind, w.source_country, w.target_country, str(w.onset)),
                                      str(doc.article.published))
                warn_time[0] += time.perf_counter() - t
            t0 = time.perf_counter()
            summary = ingest([str(feed)], settings, store=store, on_article=on_article)
            total = time.perf_counter() - t0 - warn_time[0]
            clusters = store.count_clusters()
            multi = sum(1 for c in store.list_clusters() if c.articles > 1)
    fc.update_clusters = real
    result = {"articles": summary.added, "events": summary.events, "clusters": clusters,
              "clusters_with_several_articles": multi, "pipeline_s": round(total, 2),
              "cluster_aggregate_s": round(spent[0], 3),
              "cluster_aggregate_share": round(spent[0] / total, 4) if total else None,
              "warnings_during_replay": [list(k) + [v] for k, v in alarms.items()]}
    print(json.dumps(result, indent=2), flush=True)
    return result


def dense(sc: Scenario) -> Scenario:
    """The scenario with its background as busy per dyad as the 1M store's (rates of
    ``scale_scenario(1_000_000)``)."""
    busy = scale_scenario(1_000_000)
    factor = busy.coop_rate / default_scenario().coop_rate
    return replace(sc, coop_rate=sc.coop_rate * factor, verbal_rate=sc.verbal_rate * factor,
                   material_rate=sc.material_rate * factor, rumour_rate=sc.rumour_rate * factor / 2,
                   uncounted_rate=sc.uncounted_rate * factor / 2)


def bench_replay(seeds: list[int], busy: bool = False, settings: WarnSettings | None = None,
                 cluster: ClusterSettings | None = None) -> dict:
    """Replay default_scenario (or its dense variant) day by day: the first day the planned
    escalation is warned (its onset on or after the true one), and every other warning."""
    rows = []
    for seed in seeds:
        sc = default_scenario(days=120, seed=seed)
        sc = dense(sc) if busy else sc
        [onset] = sc.onsets
        by_day: dict = {}
        for d in generate(sc):
            by_day.setdefault(d.article.published, []).append(d)
        first, false = None, set()
        with Store(":memory:") as store:
            for day in sorted(by_day):
                store.add_documents_bulk(by_day[day])
                update_clusters(store, cluster)
                for w in compute_warnings(store, day, settings, evidence=False):
                    key = (w.kind, w.source_country, w.target_country)
                    if key == ("escalation", onset.source, onset.target) and w.onset >= onset.day:
                        first = first or day
                    else:
                        false.add((*key, str(w.onset)))
        rows.append({"seed": seed, "onset": str(onset.day), "first_warning": str(first),
                     "delay_days": (first - onset.day).days if first else None,
                     "false_alarms": sorted(false)})
    dyad_days = len(default_scenario().dyads) * 120
    n_false = sum(len(r["false_alarms"]) for r in rows)
    result = {"stream": "dense" if busy else "default", "runs": rows, "false_alarms_total": n_false,
              "false_alarms_per_1000_dyad_days": round(1000 * n_false / (dyad_days * len(seeds)), 2) if seeds else None}
    print(json.dumps(result, indent=2), flush=True)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, help="Reuse (or create) the generated store here.")
    ap.add_argument("--voa", type=Path, default=DEFAULT_VOA)
    ap.add_argument("--skip-voa", action="store_true")
    ap.add_argument("--skip-scale", action="store_true")
    ap.add_argument("--seeds", type=int, nargs="*", default=[3, 7, 11, 13, 17])
    ap.add_argument("--json", type=Path, help="Also write the report here.")
    ap.add_argument("--max-place-km", type=float, default=ClusterSettings.max_place_km,
                    help="Clustering: town-level places farther apart are different events "
                         "(inf: places ignored, as before they were used).")
    ap.add_argument("--no-idf", action="store_true", help="Clustering: raw token Jaccard, no IDF weights.")
    ap.add_argument("--skip-default", action="store_true", help="Replay only the dense stream.")
    args = ap.parse_args()
    report = {}
    if not args.skip_scale:
        with tempfile.TemporaryDirectory() as tmp:
            db = args.db or Path(tmp) / "scale.db"
            if not db.exists():
                build_store(db, args.events)
            report["warnings_at_scale"] = bench_warnings(db)
    if not args.skip_voa:
        if args.voa.exists():
            report["voa"] = bench_voa(args.voa)
        else:
            print(f"VOA corpus not found at {args.voa}; skipped", file=sys.stderr)
    cluster = ClusterSettings(max_place_km=args.max_place_km, idf=not args.no_idf)
    if not args.skip_default:
        report["synthetic_replay"] = bench_replay(args.seeds, cluster=cluster)
    report["synthetic_replay_dense"] = bench_replay(args.seeds, busy=True, cluster=cluster)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
