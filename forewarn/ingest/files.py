"""Read articles from files, directories and standard input."""
from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..models import RawArticle
from ..settings import Settings
from .defaults import NO_DEFAULTS, Defaults
from .feeds import parse_feed
from .jsonl import parse_json, parse_jsonl
from .text import SUFFIXES, decode_bytes, require_text, sniff_kind

log = logging.getLogger(__name__)


def parse_content(text: str, origin: str, kind: str, *, defaults: Defaults) -> Iterator[RawArticle]:
    """Yield the articles in decoded content of a known kind (text, html, feed, jsonl or json)."""
    if kind == "jsonl":
        return parse_jsonl(text, origin, defaults=defaults)
    if kind == "json":
        return parse_json(text, origin, defaults=defaults)
    if kind == "feed":
        return parse_feed(text, origin, defaults=defaults)
    return iter([defaults.fill(RawArticle(content=text, content_type=kind, origin=origin), single=True)])


def read_file(path: str | Path, *, defaults: Defaults = NO_DEFAULTS,
              settings: Settings | None = None) -> Iterator[RawArticle]:
    """Read one file (text, HTML, feed, JSON or JSON Lines, sniffed) after checking it exists and fits."""
    settings = settings or Settings()
    path = Path(path)
    origin = str(path)
    if not path.is_file():
        what = "is not a file" if path.exists() else "does not exist"
        raise InputError(f"{origin!r} {what}: pass an existing file, directory, URL or '-' for stdin")
    size = path.stat().st_size
    if size > settings.max_bytes:
        raise InputError(f"{origin!r} is {size} bytes, over the limit of {settings.max_bytes}: "
                         "split it or raise max_bytes")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read {origin!r}: {e.strerror}; check its permissions") from e
    text = require_text(decode_bytes(data, origin), origin)
    return parse_content(text, origin, sniff_kind(text, path.suffix), defaults=defaults)


def is_article_file(path: Path, relative: tuple[str, ...]) -> bool:
    """Tell whether a file found in a directory is an article: a known suffix, not hidden, not a README."""
    return (path.is_file() and path.suffix.lower() in SUFFIXES and not path.name.upper().startswith("README.")
            and not any(part.startswith(".") for part in relative))


def list_directory(path: Path) -> list[Path]:
    """Return the article files under a directory, recursively, in sorted order."""
    return [child for child in sorted(path.rglob("*")) if is_article_file(child, child.relative_to(path).parts)]


def read_directory(path: str | Path, *, defaults: Defaults = NO_DEFAULTS,
                   settings: Settings | None = None) -> Iterator[RawArticle]:
    """Yield the articles of every article file under a directory, in sorted path order.

    Hidden files and folders and README files are skipped; the `url` default is not applied.
    """
    files = list_directory(Path(path))
    if not files:
        log.warning("no article files (%s) under %s", " ".join(sorted(SUFFIXES)), path)
    item_defaults = Defaults(defaults.published, defaults.outlet, None, defaults.language)
    for file in files:
        yield from read_file(file, defaults=item_defaults, settings=settings)


def read_stdin(stream: BinaryIO | None = None, *, defaults: Defaults = NO_DEFAULTS,
               settings: Settings | None = None) -> Iterator[RawArticle]:
    """Read standard input (text, HTML, feed or JSON Lines, sniffed), at most settings.max_bytes."""
    settings = settings or Settings()
    stream = stream if stream is not None else sys.stdin.buffer
    data = stream.read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        raise InputError(f"standard input is over the limit of {settings.max_bytes} bytes: "
                         "split it or raise max_bytes")
    text = require_text(decode_bytes(data, "stdin"), "stdin")
    return parse_content(text, "stdin", sniff_kind(text), defaults=defaults)
