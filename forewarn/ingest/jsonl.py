"""Read articles from JSON Lines (one object a line) and JSON documents."""
from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

from ..errors import InputError
from ..models import RawArticle
from .dates import parse_published
from .defaults import NO_DEFAULTS, Defaults
from .text import looks_like_html

log = logging.getLogger(__name__)

FIELDS = ("text", "url", "title", "published", "outlet", "language")


def parse_record(record: Any, where: str, *, defaults: Defaults = NO_DEFAULTS) -> RawArticle:
    """Turn one JSON object into a RawArticle; `text` is required, the other FIELDS optional."""
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object with a \"text\" field, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: missing or empty \"text\" field: give every article a non-empty \"text\"")
    for name in FIELDS[1:]:
        if record.get(name) is not None and not isinstance(record[name], str):
            raise InputError(f"{where}: field {name!r} must be a string, got {record[name]!r}")
    try:
        published = parse_published(record["published"]) if record.get("published") else None
    except InputError as e:
        raise InputError(f"{where}: {e}") from e
    raw = RawArticle(content=text, content_type="html" if looks_like_html(text) else "text",
                     url=record.get("url") or None, outlet=record.get("outlet") or None,
                     published=published, language=record.get("language") or None,
                     title=record.get("title") or None, origin=where)
    return defaults.fill(raw, single=False)


def parse_jsonl(text: str, origin: str, *, defaults: Defaults = NO_DEFAULTS) -> Iterator[RawArticle]:
    """Yield one article per non-blank line; a bad line raises InputError naming origin and line number."""
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{where}: not valid JSON ({e.msg} at column {e.colno}): "
                             "write one JSON object per line") from e
        yield parse_record(record, where, defaults=defaults)


def parse_json(text: str, origin: str, *, defaults: Defaults = NO_DEFAULTS) -> Iterator[RawArticle]:
    """Yield articles from a JSON object or array of objects; fall back to JSON Lines."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        yield from parse_jsonl(text, origin, defaults=defaults)
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        yield parse_record(record, f"{origin}#{index}" if isinstance(data, list) else origin, defaults=defaults)
