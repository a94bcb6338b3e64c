"""Turn a list of sources (files, directories, URLs, "-") into RawArticles."""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx

from ..models import RawArticle
from ..settings import Settings
from .defaults import Defaults
from .feeds import parse_feed
from .files import parse_content, read_directory, read_file, read_stdin
from .text import decode_bytes, require_text, sniff_kind
from .web import fetch

log = logging.getLogger(__name__)


def read_url(url: str, *, defaults: Defaults, settings: Settings | None = None,
             client: httpx.Client | None = None, refuse_private: bool = False) -> Iterator[RawArticle]:
    """Fetch a URL and return its article, or the entries of the feed it serves."""
    fetched = fetch(url, settings=settings, client=client, refuse_private=refuse_private)
    text = require_text(decode_bytes(fetched.data, url, fetched.charset), url)
    kind = sniff_kind(text, content_type=fetched.content_type)
    if kind == "feed":
        return parse_feed(fetched.data, url, defaults=Defaults(defaults.published, defaults.outlet,
                                                               None, defaults.language))
    articles = parse_content(text, url, kind, defaults=defaults)
    if kind in ("text", "html"):
        return (a if a.url else Defaults(url=fetched.url).fill(a, single=True) for a in articles)
    return articles


def read_source(source: str, *, defaults: Defaults, settings: Settings,
                client: httpx.Client | None, refuse_private: bool) -> Iterator[RawArticle]:
    """Return the articles of one source: "-", a URL, a directory or a file."""
    if source == "-":
        return read_stdin(defaults=defaults, settings=settings)
    if "://" in source:
        return read_url(source, defaults=defaults, settings=settings, client=client, refuse_private=refuse_private)
    path = Path(source).expanduser()
    if path.is_dir():
        return read_directory(path, defaults=defaults, settings=settings)
    return read_file(path, defaults=defaults, settings=settings)


def read_sources(sources: Iterable[str], *, published: dt.date | str | None = None, outlet: str | None = None,
                 url: str | None = None, language: str | None = None, settings: Settings | None = None,
                 client: httpx.Client | None = None, refuse_private: bool = False) -> Iterator[RawArticle]:
    """Yield the raw articles of every source in order; flags fill in what each input lacks.

    A source is a file, a directory (recursive, sorted), an http(s) URL (article page or
    RSS/Atom feed) or "-" for standard input. The `url` flag applies only to sources
    that hold a single article. Bad input raises InputError; fetch failures FetchError.
    """
    settings = settings or Settings()
    defaults = Defaults.of(published=published, outlet=outlet, url=url, language=language)
    for source in sources:
        log.debug("reading %s", source)
        yield from read_source(source, defaults=defaults, settings=settings, client=client,
                               refuse_private=refuse_private)
