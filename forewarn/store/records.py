"""Turn stored rows and JSON records back into models (the inverse of ``models.to_dict``)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from typing import Any

from forewarn.models import (
    Article, DateRef, Place, Quote, actor_from_dict, date_from_dict, to_dict,
)


def dumps(record: Any) -> str:
    """Render a model as its compact JSON interchange record (NaN is refused, not stored)."""
    return json.dumps(to_dict(record), ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def place_from_dict(d: dict[str, Any]) -> Place:
    return Place(**{f.name: d[f.name] for f in dataclasses.fields(Place) if f.name in d})


def quote_from_dict(d: dict[str, Any]) -> Quote:
    speaker = d.get("speaker")
    return Quote(
        quote_id=d["quote_id"], text=d["text"], kind=d["kind"], start=d["start"], end=d["end"],
        speaker=actor_from_dict(speaker) if speaker else None, verb=d.get("verb"),
        channel=d.get("channel"), date=date_from_dict(d.get("date")),
    )


def dateref_from_dict(d: dict[str, Any]) -> DateRef:
    ref = date_from_dict(d)
    return ref if ref is not None else DateRef(text=None, value=None, granularity="unknown")


def article_from_row(row: sqlite3.Row) -> Article:
    published = row["published"]
    return Article(
        article_id=row["article_id"], text=row["text"], url=row["url"], outlet=row["outlet"],
        title=row["title"], section=row["section"], kicker=row["kicker"], deck=row["deck"],
        published=dt.date.fromisoformat(published) if published else None,
        language=row["language"], origin=row["origin"],
    )
