"""Render documents, events and summaries for the terminal (rich) and as CSV/JSON."""
from __future__ import annotations

import contextlib
import csv
import json
from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from ..models import Actor, Document, Event, to_dict

CSV_COLUMNS = ["event_id", "article_id", "date", "date_end", "source", "source_country", "source_sector",
               "cameo_code", "plover_category", "target", "target_country", "target_sector", "goldstein",
               "quad_class", "negated", "hypothetical", "historical", "hedged", "reported_by", "trigger",
               "sentence", "url"]


def _actors(side: Sequence[Actor]) -> str:
    return "; ".join(f"{a.name or a.text} ({a.country or '?'}/{a.sector or '?'})" for a in side) or "-"


def _flags(e: Event) -> str:
    m = e.modality
    names = [n for n in ("negated", "hypothetical", "future", "historical", "hedged") if getattr(m, n)]
    return ",".join(names)


def document_dict(document: Document) -> dict:
    """The interchange document of docs/DESIGN.md."""
    return to_dict(document)


def print_json_document(console: Console, document: Document) -> None:
    console.file.write(json.dumps(document_dict(document), ensure_ascii=False) + "\n")


def events_table(events: Sequence[Event], title: str | None = None, urls: Sequence[str | None] = ()) -> Table:
    table = Table(title=title, show_lines=False, expand=False)
    for col in ("date", "source", "CAMEO", "PLOVER", "target", "trigger", "flags"):
        table.add_column(col, overflow="fold", max_width=28)
    table.add_column("evidence", overflow="fold", ratio=1, min_width=40)
    for e in events:
        date = e.date.value.isoformat() if e.date.value else "?"
        if e.date.end:
            date += f"..{e.date.end.isoformat()}"
        table.add_row(date, escape(_actors(e.source)), e.cameo.code, e.plover.category or "-",
                      escape(_actors(e.target)), escape(e.evidence.trigger), _flags(e),
                      escape(e.evidence.sentence[:160]))
    return table


def print_document(console: Console, document: Document) -> None:
    a = document.article
    console.print(Text(a.title or "(untitled)", style="bold"), Text(f"  [{a.article_id}]", style="dim"))
    meta = " · ".join(x for x in (a.outlet, a.published.isoformat() if a.published else None, a.url) if x)
    if meta:
        console.print(Text(meta, style="dim"))
    if not document.events:
        console.print("no events found", style="yellow")
        return
    console.print(events_table(document.events))


def print_events_table(console: Console, rows) -> None:
    if not rows:
        console.print("no events match", style="yellow")
        return
    console.print(events_table([r.event for r in rows], title=f"{len(rows)} events"))


def _csv_row(row) -> dict:
    e = row.event
    first = lambda side, attr: (getattr(side[0], attr) if side else None)
    return {
        "event_id": e.event_id, "article_id": e.article_id,
        "date": e.date.value.isoformat() if e.date.value else "", "date_end": e.date.end.isoformat() if e.date.end else "",
        "source": _actors(e.source), "source_country": first(e.source, "country") or "",
        "source_sector": first(e.source, "sector") or "", "cameo_code": e.cameo.code,
        "plover_category": e.plover.category or "", "target": _actors(e.target),
        "target_country": first(e.target, "country") or "", "target_sector": first(e.target, "sector") or "",
        "goldstein": e.goldstein, "quad_class": e.quad_class, "negated": e.modality.negated,
        "hypothetical": e.modality.hypothetical, "historical": e.modality.historical, "hedged": e.modality.hedged,
        "reported_by": "; ".join(e.reported_by), "trigger": e.evidence.trigger, "sentence": e.evidence.sentence,
        "url": row.url or "",
    }


def print_events_csv(console: Console, rows) -> None:
    writer = csv.DictWriter(console.file, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow(_csv_row(row))


def print_events_json(console: Console, rows, lines: bool = False) -> None:
    records = []
    for row in rows:
        record = to_dict(row.event)
        record.update(url=row.url, outlet=row.outlet,
                      published=row.published.isoformat() if row.published else None)
        records.append(record)
    if lines:
        for record in records:
            console.file.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        console.file.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")


def highlighted_text(document: Document) -> Text:
    """The body with event evidence underlined, actors bold and triggers reversed."""
    text = Text(document.article.text)
    for e in document.events:
        text.stylize("underline", e.evidence.start, e.evidence.end)
        for actor in (*e.source, *e.target):
            text.stylize("bold cyan", actor.start, actor.end)
        if e.evidence.trigger_start is not None:
            text.stylize("reverse", e.evidence.trigger_start, e.evidence.trigger_end)
    for q in document.quotes:
        text.stylize("italic green", q.start, q.end)
    return text


def print_stored_article(console: Console, document: Document) -> None:
    a = document.article
    console.rule(Text(a.title or "(untitled)", style="bold"))
    for label, value in (("id", a.article_id), ("outlet", a.outlet), ("published", a.published),
                         ("url", a.url), ("section", a.section), ("kicker", a.kicker), ("deck", a.deck)):
        if value:
            console.print(Text(f"{label}: ", style="dim") + Text(str(value)))
    console.print()
    console.print(highlighted_text(document))
    console.print()
    if document.quotes:
        table = Table(title=f"{len(document.quotes)} quotes")
        for col in ("id", "speaker", "verb", "channel", "text"):
            table.add_column(col, overflow="fold")
        for q in document.quotes:
            sp = q.speaker
            who = f"{sp.name or sp.text} ({sp.country or '?'})" if sp else "?"
            table.add_row(q.quote_id, escape(who), q.verb or "", escape(q.channel or ""), escape(q.text[:200]))
        console.print(table)
    if document.events:
        console.print(events_table(document.events, title=f"{len(document.events)} events"))
    else:
        console.print("no events were coded from this article", style="yellow")


@contextlib.contextmanager
def ingest_progress(console: Console):
    """A progress bar on stderr; yields the per-article callback."""
    with Progress(SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True) as progress:
        task = progress.add_task("ingesting", total=None)

        def on_article(document, raw) -> None:
            progress.advance(task)
            label = (document.article.title if document else None) or raw.origin or ""
            progress.update(task, description=f"ingesting {label[:40]}")
        yield on_article


def print_summary(console: Console, summary, db: str) -> None:
    console.print(f"{summary.seen} articles read: {summary.added} added, {summary.skipped} already stored, "
                  f"{summary.events} events stored in {db}")
    for line in summary.errors:
        console.print(f"[bold red]error:[/] {escape(line)}", highlight=False)
