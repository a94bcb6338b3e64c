"""Commands over the store's clusters, dyads and warnings (registered on import)."""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..errors import InputError
from . import DbOption, _event_date, _require_store, _settings, app, err, handle_errors, out

AsOfOption = Annotated[Optional[str], typer.Option("--as-of", help="Evaluate as of this day (default: the newest article's date).")]
SPARK = "▁▂▃▄▅▆▇█"


def _country(value: str, what: str) -> str:
    code = value.strip().upper()
    if code in ("-", ""):
        return ""
    if len(code) != 3 or not code.isalpha():
        raise InputError(f"{what} {value!r} is not a country: give an ISO 3166-1 alpha-3 code such "
                         "as UKR, or - for no target")
    return code


def _open(db: Path | None):
    """Open the store named by --db, refusing a missing or empty one, and catch up clustering."""
    from ..cluster import update_clusters
    from ..store import EventFilter, Store

    settings = _settings(db)
    _require_store(settings.db)
    store = Store(settings.db)
    if not store.query_events(EventFilter(limit=1)):       # one row from an index, not a count of all
        store.close()
        raise InputError(f"the store {settings.db!r} holds no events yet: add articles with "
                         f"'forewarn ingest SOURCE --db {settings.db}'")
    update_clusters(store)          # events stored before clustering existed, or by a crashed run
    return store


def _label(code: str) -> str:
    return code or "-"


# -- dyads ---------------------------------------------------------------------------------

@app.command()
@handle_errors
def dyads(
    db: DbOption = None, as_of: AsOfOption = None,
    days: Annotated[int, typer.Option("--days", help="The recent period, in days.")] = 7,
    prior: Annotated[int, typer.Option("--prior", help="The earlier period it is compared with, in days.")] = 28,
    limit: Annotated[int, typer.Option(help="At most this many dyads.")] = 30,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Dyads active recently, ranked by how much their conflict or cooperation changed."""
    from ..aggregate import list_dyads

    with _open(db) as store:
        rows = list_dyads(store, _event_date("--as-of", as_of), recent_days=days, prior_days=prior,
                          limit=limit)
    if as_json:
        out.file.write(json.dumps([{
            "source": d.source_country, "target": d.target_country, "clusters": d.clusters,
            "conflict": round(d.conflict, 2), "cooperation": round(d.cooperation, 2),
            "prior_conflict": round(d.prior_conflict, 2), "prior_cooperation": round(d.prior_cooperation, 2),
            "change": round(d.change, 2), "goldstein_mean": d.goldstein_mean} for d in rows], indent=2) + "\n")
        return
    if not rows:
        err.print(f"no dyad has counted events in the last {days} days; try --days or --as-of")
        return
    table = Table(title=f"{len(rows)} dyads, last {days} days against the {prior} before")
    for col in ("source", "target", "clusters", "conflict", "(prior)", "cooperation", "(prior)",
                "change", "Goldstein mean"):
        table.add_column(col, justify="left" if col in ("source", "target") else "right")
    for d in rows:
        style = "red" if d.change > 0 else "green" if d.change < 0 else ""
        table.add_row(_label(d.source_country), _label(d.target_country), str(d.clusters),
                      f"{d.conflict:.1f}", f"{d.prior_conflict:.1f}", f"{d.cooperation:.1f}",
                      f"{d.prior_cooperation:.1f}", Text(f"{d.change:+.1f}", style=style),
                      "-" if d.goldstein_mean is None else f"{d.goldstein_mean:+.2f}")
    out.print(table)


# -- series --------------------------------------------------------------------------------

def _bar(value: float, top: float, width: int = 20) -> str:
    if top <= 0 or value <= 0:
        return ""
    return "█" * max(1, round(value / top * width))


def _spark(values: list[float]) -> str:
    top = max(values, default=0)
    if top <= 0:
        return SPARK[0] * len(values)
    return "".join(SPARK[min(len(SPARK) - 1, int(v / top * (len(SPARK) - 1) + 0.5))] for v in values)


@app.command()
@handle_errors
def series(
    source: Annotated[str, typer.Argument(help="Source country (ISO alpha-3).")],
    target: Annotated[str, typer.Argument(help="Target country (ISO alpha-3), or - for events without one.")],
    db: DbOption = None,
    since: Annotated[Optional[str], typer.Option(help="First day (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Last day (YYYY-MM-DD).")] = None,
    week: Annotated[bool, typer.Option("--weekly", help="Weekly sums instead of days.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="table (with a chart), csv or json.")] = "table",
) -> None:
    """A dyad's daily (or weekly) series of counted clusters, with a chart in the terminal."""
    from ..aggregate import dyad_series, weekly

    if fmt not in ("table", "csv", "json"):
        raise InputError(f"--format {fmt!r} is not known: use table, csv or json")
    a, b = _country(source, "source"), _country(target, "target")
    if not a:
        raise InputError("the source country is required: give an ISO alpha-3 code such as RUS")
    with _open(db) as store:
        rows = dyad_series(store, a, b, _event_date("--since", since), _event_date("--until", until))
    if week:
        rows = weekly(rows)
    records = [{"day": r.day.isoformat(), "clusters": r.clusters, "verbal_cooperation": r.quad[0],
                "material_cooperation": r.quad[1], "verbal_conflict": r.quad[2],
                "material_conflict": r.quad[3], "goldstein_sum": round(r.goldstein_sum, 2),
                "goldstein_mean": None if r.goldstein_mean is None else round(r.goldstein_mean, 2),
                "plover_sum": round(r.plover_sum, 2), "conflict": round(r.conflict, 2),
                "cooperation": round(r.cooperation, 2), "day_total": r.day_total,
                "conflict_share": None if r.conflict_share is None else round(r.conflict_share, 4),
                "cooperation_share": None if r.cooperation_share is None else round(r.cooperation_share, 4)}
               for r in rows]
    if fmt == "json":
        out.file.write(json.dumps(records, indent=2) + "\n")
        return
    if fmt == "csv":
        import csv
        writer = csv.DictWriter(out.file, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
        return
    unit = "week" if week else "day"
    out.print(Text(f"{_label(a)} -> {_label(b)}: {len(rows)} {unit}s, "
                   f"{sum(r.clusters for r in rows)} counted clusters", style="bold"))
    out.print(Text("conflict    ", style="dim") + Text(_spark([r.conflict for r in rows]), style="red"))
    out.print(Text("cooperation ", style="dim") + Text(_spark([r.cooperation for r in rows]), style="green"))
    top = max([r.conflict for r in rows] + [r.cooperation for r in rows] + [0.0])
    table = Table(show_lines=False)
    for col in (unit, "clusters", "q1", "q2", "q3", "q4", "Goldstein", "mean", "conflict", "coop", "share"):
        table.add_column(col, justify="left" if col == unit else "right")
    table.add_column("chart (conflict red, cooperation green)")
    for r in rows:
        chart = Text(_bar(r.conflict, top), style="red") + Text(" ") + Text(_bar(r.cooperation, top), style="green")
        table.add_row(r.day.isoformat(), str(r.clusters), *(str(q) for q in r.quad),
                      f"{r.goldstein_sum:+.1f}", "-" if r.goldstein_mean is None else f"{r.goldstein_mean:+.2f}",
                      f"{r.conflict:.1f}", f"{r.cooperation:.1f}",
                      "-" if r.conflict_share is None else f"{r.conflict_share:.2f}", chart)
    out.print(table)


# -- warnings ------------------------------------------------------------------------------

def _warn_settings(window: int, baseline: int, k: float, min_sources: int, lookback: int):
    from ..warn import WarnSettings
    return WarnSettings(window_days=window, baseline_days=baseline,
                        min_baseline_days=min(28, baseline), k=k, min_sources=min_sources,
                        lookback_days=lookback)


def print_warning(console, w) -> None:
    color = {"severe": "bold red", "high": "red", "moderate": "yellow"}[w.severity]
    arrow = "escalation" if w.kind == "escalation" else "de-escalation (cooperation rising)"
    console.print(Text(f"{w.severity.upper()} {arrow}: {_label(w.source_country)} -> "
                       f"{_label(w.target_country)}", style=color),
                  Text(f"  since {w.onset}, latest {w.day}  [{w.warning_id}]", style="dim"))
    console.print(Text(f"  window weight {w.value:g} against a baseline of {w.baseline:g} "
                       f"(threshold {w.threshold:g}, no-change forecast {w.persistence:g}); "
                       f"score {w.score:g}; {len(w.sources)} sources: {', '.join(w.sources)}"))
    for ev in w.clusters:
        c = ev.cluster
        console.print(Text(f"  • {c.day} {c.key.category} (CAMEO {c.cameo_code}, Goldstein "
                           f"{c.goldstein if c.goldstein is not None else '?'}) — {c.mentions} mentions, "
                           f"{c.sources} sources: {', '.join(ev.outlets)}", style="bold"))
        for sentence in ev.sentences:
            console.print(Text(f"      “{sentence[:300]}”"))
        for url in ev.urls[:3]:
            console.print(Text(f"      {url}", style="dim"))


@app.command()
@handle_errors
def warnings(
    db: DbOption = None, as_of: AsOfOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the warnings as a JSON list.")] = False,
    window: Annotated[int, typer.Option(help="Days summed per window.")] = 3,
    baseline: Annotated[int, typer.Option("--baseline-days", help="Days of history the baseline uses (28-90).")] = 60,
    k: Annotated[float, typer.Option("--k", help="Threshold: median + k * scale (the scaled MAD or the count noise, the larger).")] = 3.0,
    min_sources: Annotated[int, typer.Option("--min-sources", help="Distinct outlets needed to confirm.")] = 2,
    lookback: Annotated[int, typer.Option(help="A warning is current if it fired within this many days.")] = 7,
) -> None:
    """Current warnings (escalation and de-escalation) with the clusters and sentences behind them."""
    from ..warn import compute_warnings
    from ..warn.report import warning_dict

    settings = _warn_settings(window, baseline, k, min_sources, lookback)
    with _open(db) as store:
        day = _event_date("--as-of", as_of)
        found = compute_warnings(store, day, settings)
        day = day or store.latest_published()
    if as_json:
        out.file.write(json.dumps([warning_dict(w) for w in found], ensure_ascii=False, indent=2) + "\n")
        return
    if not found:
        err.print(f"no warnings as of {day or 'the latest day'}")
        return
    out.print(Text(f"{len(found)} warnings as of {day}", style="bold"))
    for w in found:
        print_warning(out, w)


# -- watch ---------------------------------------------------------------------------------

@app.command()
@handle_errors
def watch(
    feeds: Annotated[list[str], typer.Argument(help="RSS/Atom feed URLs (or files) to poll.")],
    db: DbOption = None,
    interval: Annotated[float, typer.Option(help="Seconds between polls.")] = 300.0,
    iterations: Annotated[Optional[int], typer.Option(help="Stop after this many polls (default: run until interrupted).")] = None,
    webhook: Annotated[Optional[str], typer.Option(help="POST each new warning as JSON to this URL.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print new warnings as JSON lines.")] = False,
) -> None:
    """Poll feeds, ingest new items and report new warnings (optionally to a webhook)."""
    from ..store import Store
    from ..warn.report import warning_dict
    from ..warn.watch import watch as run_watch

    if iterations is not None and iterations < 1:
        raise InputError(f"--iterations must be at least 1, got {iterations}")
    settings = _settings(db)
    failed = False
    with Store(settings.db) as store:
        for report in run_watch(feeds, settings, store=store, interval=interval, iterations=iterations,
                                webhook=webhook):
            err.print(f"poll {report.poll}: {report.seen} items read, {report.added} added, "
                      f"{report.events} events; {len(report.new_warnings)} new warnings")
            for line in (*report.errors, *report.webhook_errors):
                failed = True
                err.print(f"[bold red]error:[/] {escape(line)}", highlight=False)
            for w in report.new_warnings:
                if as_json:
                    out.file.write(json.dumps(warning_dict(w), ensure_ascii=False) + "\n")
                    out.file.flush()
                else:
                    print_warning(out, w)
    if failed:
        raise typer.Exit(1)


# -- export --------------------------------------------------------------------------------

@app.command()
@handle_errors
def export(
    fmt: Annotated[str, typer.Option("--format", help="gdelt (GDELT 2.0 event TSV), plover (JSON lines), csv or parquet.")],
    db: DbOption = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file (required for parquet).")] = None,
    since: Annotated[Optional[str], typer.Option(help="First event day (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Last event day (YYYY-MM-DD).")] = None,
    dyad: Annotated[Optional[str], typer.Option(help="Only this directed dyad, e.g. RUS,UKR.")] = None,
    header: Annotated[bool, typer.Option("--header", help="gdelt: add a header line (GDELT files have none).")] = False,
) -> None:
    """Export events: GDELT 2.0 event TSV, PLOVER JSON, CSV or Parquet."""
    from ..export import FORMATS, export as run_export

    if fmt not in FORMATS:
        raise InputError(f"--format {fmt!r} is not known: use {', '.join(FORMATS)}")
    pair = None
    if dyad:
        parts = [p.strip() for p in dyad.replace("-", ",").split(",") if p.strip()]
        if len(parts) != 2:
            raise InputError(f"--dyad {dyad!r} must name two countries, e.g. RUS,UKR")
        pair = (_country(parts[0], "dyad source"), _country(parts[1], "dyad target"))
    first, last = _event_date("--since", since), _event_date("--until", until)
    with _open(db) as store:
        if fmt == "parquet":
            if output is None:
                raise InputError("Parquet is binary: give an output file with --output FILE.parquet")
            n = run_export(store, fmt, path=str(output), since=first, until=last, dyad=pair)
        elif output is not None:
            with open(output, "w", encoding="utf-8", newline="") as fh:
                n = run_export(store, fmt, fh, since=first, until=last, dyad=pair, header=header)
        else:
            n = run_export(store, fmt, sys.stdout if out.file is None else out.file, since=first,
                           until=last, dyad=pair, header=header)
    err.print(f"{n} rows exported as {fmt}" + (f" to {output}" if output else ""))
