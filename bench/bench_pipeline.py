#!/usr/bin/env python
"""Benchmark Forewarn's pipeline (raw text -> stored events) against bare spaCy on the same texts.

Usage::

    python bench/bench_pipeline.py [--corpus PATH] [--limit N] [--repeat R] [--json PATH]

In one process it alternates R runs of

* baseline: ``list(nlp.pipe(texts, batch_size=settings.batch_size))`` with the model
  Forewarn uses (``forewarn.annotate.load_model(settings.model)``), and
* pipeline: RawArticle -> extract -> spaCy -> resolve -> attribute -> code -> store, through
  ``forewarn.pipeline.code_articles`` into a fresh temporary SQLite file ``Store``,

then does one instrumented pipeline run for a per-stage breakdown, and finally re-runs the
pipeline alone in a subprocess (``--pipeline-only``) so its peak RSS is not mixed with the
baseline's. Everything is single-process, so "per core" equals "per process".

Not a test: the file name does not match pytest's ``test_*.py`` and bench/ is outside testpaths.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared/corpus/voa/voa_stories.jsonl"
TARGET_RATIO = 0.7
TARGET_PEAK_MB = 1024.0

if str(REPO_ROOT) not in sys.path:          # run from a checkout without installing
    sys.path.insert(0, str(REPO_ROOT))

import forewarn.pipeline as fp  # noqa: E402
from forewarn.annotate import load_model  # noqa: E402
from forewarn.ingest import parse_published  # noqa: E402
from forewarn.models import RawArticle  # noqa: E402
from forewarn.settings import load_settings  # noqa: E402
from forewarn.store import Store  # noqa: E402

WARMUP_TEXT = ("Iraqi Prime Minister Mohammed Shia al-Sudani said on Friday that U.S. and Iraqi forces "
               "killed a senior Islamic State leader. The United States condemned the attack.")


# -- input -----------------------------------------------------------------------------------

def load_corpus(path: Path, limit: int | None) -> list[dict]:
    if not path.is_file():
        sys.exit(f"bench_pipeline: corpus not found at {path} (expected a JSONL file, one story "
                 f"per line with id, url, title, published, text; default {DEFAULT_CORPUS}); "
                 f"pass --corpus PATH")
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"bench_pipeline: {path}:{n} is not JSON: {e}")
            if not isinstance(row.get("text"), str) or not row["text"].strip():
                continue
            rows.append(row)
            if limit is not None and len(rows) >= limit:
                break
    if not rows:
        sys.exit(f"bench_pipeline: no stories with a non-empty 'text' in {path}")
    return rows


def make_raws(rows: list[dict]) -> list[RawArticle]:
    return [RawArticle(content=r["text"], url=r.get("url"), title=r.get("title"), outlet="VOA",
                       published=parse_published(r["published"]) if r.get("published") else None)
            for r in rows]


# -- runs ------------------------------------------------------------------------------------

def warm_up(settings) -> dict[str, float]:
    """Load the model and Forewarn's data (knowledge, patterns) so no timed run pays for it."""
    t0 = time.perf_counter()
    nlp = load_model(settings.model)
    t1 = time.perf_counter()
    list(nlp.pipe([WARMUP_TEXT], batch_size=settings.batch_size))
    t2 = time.perf_counter()
    # one tiny article through the whole chain loads actor knowledge, patterns and the coder
    list(fp.code_articles([RawArticle(content=WARMUP_TEXT, outlet="VOA",
                                      published=parse_published("2025-03-14"))], settings))
    t3 = time.perf_counter()
    return {"model_load_s": t1 - t0, "first_parse_s": t2 - t1, "forewarn_data_load_s": t3 - t2}


def run_baseline(texts: list[str], settings) -> tuple[float, float]:
    """Bare spaCy over the texts; returns (wall seconds, process CPU seconds)."""
    nlp = load_model(settings.model)
    t0, c0 = time.perf_counter(), time.process_time()
    docs = list(nlp.pipe(texts, batch_size=settings.batch_size))
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    assert len(docs) == len(texts)
    return wall, cpu


def run_pipeline(raws: list[RawArticle], settings, tmpdir: str, tag: str) -> tuple[float, float, int, int]:
    """Raw articles -> stored events in a fresh SQLite file; returns (wall s, CPU s, articles, events)."""
    db = Path(tmpdir) / f"bench-{tag}.db"
    t0, c0 = time.perf_counter(), time.process_time()
    store = Store(db)
    try:
        n_docs = n_events = 0
        for doc in fp.code_articles(raws, settings):
            store.add_document(doc)
            n_docs += 1
            n_events += len(doc.events)
    finally:
        store.close()
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    return elapsed, cpu, n_docs, n_events


# -- per-stage breakdown ---------------------------------------------------------------------

STAGES = ("extract", "spacy_parse", "resolve_actors", "find_places", "find_dates", "quotes",
          "code_events", "store", "store_open_close")
PATCHED = {"extract_article": "extract", "resolve_actors": "resolve_actors",
           "find_places": "find_places", "find_dates": "find_dates", "find_quotes": "quotes",
           "code_events": "code_events"}


@contextmanager
def clock(acc: dict[str, float], stage: str):
    """Add wall seconds to acc[stage] and process CPU seconds to acc[stage + "_cpu"]."""
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        acc[stage] += time.perf_counter() - t0
        acc[stage + "_cpu"] += time.process_time() - c0


@contextmanager
def instrumented(acc: dict[str, float]):
    """Time forewarn.pipeline's stage callees by rebinding them in its module namespace."""
    originals = {name: getattr(fp, name) for name in (*PATCHED, "annotate_many")}

    def timed(fn, stage):
        def wrapper(*a, **kw):
            with clock(acc, stage):
                return fn(*a, **kw)
        return wrapper

    def timed_annotate_many(*a, **kw):
        # nlp.pipe is lazy: the parse happens while the generator is advanced, so time each next()
        with clock(acc, "spacy_parse"):
            it = iter(originals["annotate_many"](*a, **kw))
        while True:
            with clock(acc, "spacy_parse"):
                doc = next(it, None)
            if doc is None:
                return
            yield doc

    try:
        for name, stage in PATCHED.items():
            setattr(fp, name, timed(originals[name], stage))
        fp.annotate_many = timed_annotate_many
        yield
    finally:
        for name, fn in originals.items():
            setattr(fp, name, fn)


def run_stages(raws: list[RawArticle], settings, tmpdir: str) -> dict[str, float]:
    """One instrumented run: wall and CPU seconds per stage (keys STAGES and STAGES + "_cpu")."""
    acc = dict.fromkeys([*STAGES, *(s + "_cpu" for s in STAGES)], 0.0)
    db = Path(tmpdir) / "bench-stages.db"
    with instrumented(acc):
        t0, c0 = time.perf_counter(), time.process_time()
        with clock(acc, "store_open_close"):
            store = Store(db)
        try:
            for doc in fp.code_articles(raws, settings):
                with clock(acc, "store"):
                    store.add_document(doc)
        finally:
            with clock(acc, "store_open_close"):
                store.close()
        total, total_cpu = time.perf_counter() - t0, time.process_time() - c0
    acc["other"] = max(0.0, total - sum(acc[s] for s in STAGES))
    acc["other_cpu"] = max(0.0, total_cpu - sum(acc[s + "_cpu"] for s in STAGES))
    acc["total"], acc["total_cpu"] = total, total_cpu
    return acc


# -- memory ----------------------------------------------------------------------------------

def peak_rss_mb() -> float:
    """Peak RSS of this process from getrusage(RUSAGE_SELF).ru_maxrss (KiB on Linux, bytes on macOS).

    Caveat: on Linux ru_maxrss survives fork+exec, so a child started by a big parent reports at
    least the parent's RSS at fork time; use vm_hwm_mb() in the --pipeline-only subprocess.
    """
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / (1024 * 1024) if sys.platform == "darwin" else kb / 1024


def vm_hwm_mb() -> float | None:
    """Peak RSS of this process image from /proc/self/status VmHWM (Linux; reset by exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def best_peak_mb() -> float:
    hwm = vm_hwm_mb()
    return hwm if hwm is not None else peak_rss_mb()


def pipeline_only(args, settings) -> dict:
    """Subprocess mode: warm up, run the pipeline once, report its own peak RSS."""
    rows = load_corpus(args.corpus, args.limit)
    raws = make_raws(rows)
    rss_start = best_peak_mb()
    warm = warm_up(settings)
    rss_warm = best_peak_mb()
    with tempfile.TemporaryDirectory(prefix="forewarn-bench-") as tmpdir:
        secs, cpu, n_docs, n_events = run_pipeline(raws, settings, tmpdir, "sub")
    return {"mode": "pipeline-only", "articles": n_docs, "events": n_events, "seconds": secs, "cpu_seconds": cpu,
            "articles_per_s": n_docs / secs, "peak_rss_mb_after_imports": rss_start,
            "peak_rss_mb_after_warmup": rss_warm, "peak_rss_mb": best_peak_mb(),
            "peak_rss_source": "VmHWM" if vm_hwm_mb() is not None else "ru_maxrss",
            "ru_maxrss_mb": peak_rss_mb(), "warmup": warm}


def run_subprocess(args) -> dict | None:
    with tempfile.TemporaryDirectory(prefix="forewarn-bench-sub-") as tmp:
        out = Path(tmp) / "sub.json"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--pipeline-only", "--corpus",
               str(args.corpus), "--json", str(out)]
        if args.limit is not None:
            cmd += ["--limit", str(args.limit)]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0 or not out.exists():
            print(f"warning: --pipeline-only subprocess failed (rc={proc.returncode}):\n"
                  f"{proc.stderr[-2000:]}", file=sys.stderr)
            return None
        return json.loads(out.read_text())


# -- report ----------------------------------------------------------------------------------

def summarise(times: list[float], n: int) -> dict:
    best, med = min(times), statistics.median(times)
    return {"runs_s": times, "best_s": best, "median_s": med,
            "best_articles_per_s": n / best, "median_articles_per_s": n / med}


def print_report(rep: dict) -> None:
    b, p = rep["baseline"], rep["pipeline"]
    w = 50
    print()
    print(f"Forewarn pipeline benchmark  ({rep['corpus']})")
    print(f"  python {rep['env']['python']}, spaCy {rep['env']['spacy']}, model {rep['env']['model']}, "
          f"batch_size {rep['env']['batch_size']}, {rep['env']['cpus']} CPUs, repeat {rep['repeat']}")
    print(f"  articles {rep['articles']}, characters {rep['characters']:,}, events {rep['events']} "
          f"(stored: {rep['stored_events']})")
    print("  single process, one thread of Python work: articles/s per core = articles/s per process")
    print()
    print(f"  {'':{w}}{'best':>10}{'median':>10}")
    print(f"  {'bare spaCy nlp.pipe  (s)':{w}}{b['best_s']:>10.3f}{b['median_s']:>10.3f}")
    print(f"  {'Forewarn raw -> stored events  (s)':{w}}{p['best_s']:>10.3f}{p['median_s']:>10.3f}")
    print(f"  {'bare spaCy  (articles/s/core)':{w}}{b['best_articles_per_s']:>10.2f}"
          f"{b['median_articles_per_s']:>10.2f}")
    print(f"  {'Forewarn pipeline  (articles/s/core)':{w}}{p['best_articles_per_s']:>10.2f}"
          f"{p['median_articles_per_s']:>10.2f}")
    r = rep["ratio"]
    flag = "OK" if r["best"] >= TARGET_RATIO else "BELOW TARGET"
    print(f"  {'ratio pipeline/bare spaCy, wall (target >= 0.7)':{w}}{r['best']:>10.3f}{r['median']:>10.3f}"
          f"   {flag}")
    bc, pc, rc = rep["baseline_cpu"], rep["pipeline_cpu"], rep["ratio_cpu"]
    print(f"  {'bare spaCy  (process CPU s)':{w}}{bc['best_s']:>10.3f}{bc['median_s']:>10.3f}")
    print(f"  {'Forewarn pipeline  (process CPU s)':{w}}{pc['best_s']:>10.3f}{pc['median_s']:>10.3f}")
    flag = "OK" if rc["best"] >= TARGET_RATIO else "BELOW TARGET"
    print(f"  {'ratio pipeline/bare spaCy, CPU time':{w}}{rc['best']:>10.3f}{rc['median']:>10.3f}   {flag}")
    print()
    st = rep["stages"]
    total, total_cpu = st["total"], st["total_cpu"]
    print(f"  per-stage breakdown (one instrumented run, {total:.3f} s wall / {total_cpu:.3f} s CPU, "
          f"incl. timing overhead)")
    print(f"  {'stage':{w}}{'wall s':>10}{'share':>8}{'CPU s':>10}{'share':>8}{'CPU ms/art':>12}")
    n = rep["articles"]
    for k in (*STAGES, "other"):
        c = st[k + "_cpu"]
        print(f"  {k:{w}}{st[k]:>10.3f}{st[k] / total:>8.1%}{c:>10.3f}{c / total_cpu:>8.1%}{1000 * c / n:>12.2f}")
    non, nonc = total - st["spacy_parse"], total_cpu - st["spacy_parse_cpu"]
    print(f"  {'non-spaCy total':{w}}{non:>10.3f}{non / total:>8.1%}{nonc:>10.3f}{nonc / total_cpu:>8.1%}"
          f"{1000 * nonc / n:>12.2f}")
    print()
    m = rep["memory"]
    print("  peak RSS")
    print(f"  {'whole benchmark process, ru_maxrss':{w}}{m['whole_run_peak_mb']:>10.1f} MB")
    if m.get("pipeline_only_peak_mb") is not None:
        ok = "OK" if m["pipeline_only_peak_mb"] < TARGET_PEAK_MB else "ABOVE TARGET"
        src = m["pipeline_only_peak_source"]
        print(f"  {f'pipeline alone, subprocess, {src} (target < 1 GB)':{w}}"
              f"{m['pipeline_only_peak_mb']:>10.1f} MB   {ok}")
        print(f"  {'  (its ru_maxrss, inflated: inherits parent at fork)':{w}}"
              f"{m['pipeline_only_ru_maxrss_mb']:>10.1f} MB")
        print(f"  {'  of which after imports / after warm-up':{w}}"
              f"{m['pipeline_only_after_imports_mb']:>10.1f} / {m['pipeline_only_after_warmup_mb']:.1f} MB")
        print(f"  {'  subprocess run (wall s, articles/s)':{w}}{m['pipeline_only_seconds']:>10.3f}"
              f"  {rep['articles'] / m['pipeline_only_seconds']:.2f}")
    elif not rep["memory"].get("subprocess_skipped"):
        print("  pipeline alone: subprocess failed (see stderr)")
    wu = rep["warmup"]
    print(f"  warm-up (not timed above): model load {wu['model_load_s']:.2f} s, first parse "
          f"{wu['first_parse_s']:.2f} s, Forewarn data load + first article {wu['forewarn_data_load_s']:.2f} s")
    print()


# -- main ------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                    help=f"JSONL stories (default {DEFAULT_CORPUS})")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N stories")
    ap.add_argument("--repeat", type=int, default=3, help="alternating baseline/pipeline runs (default 3)")
    ap.add_argument("--json", type=Path, default=None, help="also write the report as JSON here")
    ap.add_argument("--pipeline-only", action="store_true",
                    help="internal: run only the pipeline once and report its peak RSS")
    ap.add_argument("--no-subprocess", action="store_true", help="skip the --pipeline-only subprocess")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be >= 1")

    # Defaults only: a user config or FOREWARN_* could point at another model or db.
    settings = load_settings()

    if args.pipeline_only:
        rep = pipeline_only(args, settings)
        if args.json:
            args.json.write_text(json.dumps(rep, indent=2))
        else:
            print(json.dumps(rep, indent=2))
        return 0

    rows = load_corpus(args.corpus, args.limit)
    raws = make_raws(rows)
    texts = [r["text"] for r in rows]
    n = len(texts)
    print(f"bench_pipeline: {n} stories from {args.corpus}; warming up {settings.model} ...", flush=True)
    warm = warm_up(settings)

    base_t: list[float] = []
    pipe_t: list[float] = []
    base_c: list[float] = []
    pipe_c: list[float] = []
    n_docs = n_events = 0
    with tempfile.TemporaryDirectory(prefix="forewarn-bench-") as tmpdir:
        for i in range(args.repeat):
            wall, cpu = run_baseline(texts, settings)
            base_t.append(wall)
            base_c.append(cpu)
            secs, cpu, n_docs, n_events = run_pipeline(raws, settings, tmpdir, str(i))
            pipe_t.append(secs)
            pipe_c.append(cpu)
            print(f"  run {i + 1}/{args.repeat}: bare spaCy {base_t[-1]:.3f} s wall / {base_c[-1]:.3f} s CPU, "
                  f"pipeline {secs:.3f} s wall / {cpu:.3f} s CPU", flush=True)
        stages = run_stages(raws, settings, tmpdir)
        with Store(Path(tmpdir) / "bench-stages.db") as s:
            stored = s.count_events()
            stored_articles = s.count_articles()
    whole_peak = peak_rss_mb()
    whole_hwm = vm_hwm_mb()

    sub = None if args.no_subprocess else run_subprocess(args)

    import spacy
    baseline, pipeline = summarise(base_t, n), summarise(pipe_t, n)
    baseline_cpu, pipeline_cpu = summarise(base_c, n), summarise(pipe_c, n)
    rep = {
        "corpus": str(args.corpus), "articles": n, "characters": sum(map(len, texts)),
        "events": n_events, "stored_events": stored, "stored_articles": stored_articles,
"repeat": args.repeat,
        "env": {"python": platform.python_version(), "spacy": spacy.__version__, "model": settings.model,
                "batch_size": settings.batch_size, "cpus": os.cpu_count(), "machine": platform.machine()},
        "per_core_note": "single process: articles/s per core == articles/s per process",
        "warmup": warm, "baseline": baseline, "pipeline": pipeline,
        "baseline_cpu": baseline_cpu, "pipeline_cpu": pipeline_cpu,
        "ratio": {"best": baseline["best_s"] / pipeline["best_s"],
                  "median": baseline["median_s"] / pipeline["median_s"], "target": TARGET_RATIO},
        "ratio_cpu": {"best": baseline_cpu["best_s"] / pipeline_cpu["best_s"],
                      "median": baseline_cpu["median_s"] / pipeline_cpu["median_s"], "target": TARGET_RATIO},
        "stages": stages,
        "stage_shares": {k: stages[k] / stages["total"] for k in (*STAGES, "other")},
        "stage_shares_cpu": {k: stages[k + "_cpu"] / stages["total_cpu"] for k in (*STAGES, "other")},
        "memory": {"whole_run_peak_mb": whole_peak, "whole_run_vm_hwm_mb": whole_hwm,
                   "pipeline_only_peak_mb": sub and sub["peak_rss_mb"],
                   "pipeline_only_peak_source": sub and sub["peak_rss_source"],
                   "pipeline_only_ru_maxrss_mb": sub and sub["ru_maxrss_mb"],
                   "pipeline_only_after_imports_mb": sub and sub["peak_rss_mb_after_imports"],
                   "pipeline_only_after_warmup_mb": sub and sub["peak_rss_mb_after_warmup"],
                   "pipeline_only_seconds": sub and sub["seconds"],
                   "subprocess_skipped": args.no_subprocess, "target_mb": TARGET_PEAK_MB},
    }
    print_report(rep)
    if args.json:
        args.json.write_text(json.dumps(rep, indent=2))
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
