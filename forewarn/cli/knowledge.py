"""The ``forewarn actors`` command: check actor files and report office coverage (registered on import)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.table import Table

from . import _event_date, _settings, app, err, handle_errors, out


@app.command()
@handle_errors
def actors(
    files: Annotated[Optional[list[Path]], typer.Argument(help="Extra actor files to check with the packaged ones (besides the settings' actor_files).")] = None,
    country: Annotated[Optional[list[str]], typer.Option("--country", help="Report only these ISO alpha-3 codes (repeatable).")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Coverage runs from 2000-01-01 to this day (default today).")] = None,
) -> None:
    """Load the actor knowledge base (a malformed line is an error naming file and line), then show
    which share of 2000 to today each country's five offices have a known holder, and any two
    holders of one office whose terms overlap. Exit 1 when terms overlap."""
    from ..resolve.actor_knowledge import OFFICES, load_knowledge
    from ..resolve.offices import office_conflicts, office_coverage

    extra = tuple(_settings().actor_files) + tuple(str(f) for f in files or ())
    kb = load_knowledge(extra)
    day = _event_date("--until", until) or dt.date.today()
    wanted = [c.strip().upper() for c in country] if country else None
    coverage = office_coverage(kb, day, countries=wanted)
    table = Table("country", *(o.replace("_", " ") for o in OFFICES), title=f"share of 2000-01-01 .. {day} with a known holder")
    for code, shares in coverage.items():
        table.add_row(code, *(f"{shares[o]:.2f}" for o in OFFICES))
    out.print(table)
    people = sum(1 for p in kb.people.values() if any(r.offices for r in p.roles))
    mean = sum(sum(s.values()) for s in coverage.values()) / max(1, len(coverage) * len(OFFICES))
    err.print(f"knowledge {kb.version}: {len(kb.people)} people ({people} in the five offices), "
              f"{len(coverage)} countries shown, mean coverage {mean:.2f}; files: {', '.join(kb.files)}",
              highlight=False)
    conflicts = [c for c in office_conflicts(kb, day) if wanted is None or c.first.country in wanted]
    for c in conflicts:
        err.print(f"[bold red]overlap:[/] {c.first.country} {c.first.office}: {escape(c.first.person)} "
                  f"({c.first.start}..{c.first.end}) and {escape(c.second.person)} "
                  f"({c.second.start}..{c.second.end}), {c.days} days")
    if conflicts:
        raise typer.Exit(1)
