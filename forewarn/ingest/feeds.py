"""Read RSS and Atom feeds with feedparser: one RawArticle per entry."""
from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Iterator
from typing import Any

import feedparser
import httpx

from ..errors import FetchError, InputError
from ..models import RawArticle
from ..settings import Settings
from .defaults import NO_DEFAULTS, Defaults
from .web import fetch

log = logging.getLogger(__name__)


def read_entry_date(entry: Any) -> dt.date | None:
    """Return an entry's publication (or else update) date."""
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None


def read_entry_content(entry: Any) -> tuple[str, str]:
    """Return an entry's body (full content, else summary) and its kind, "html" or "text"."""
    for part in entry.get("content") or []:
        if part.get("value", "").strip():
            return part["value"], "text" if part.get("type") == "text/plain" else "html"
    detail = entry.get("summary_detail") or {}
    return entry.get("summary", ""), "text" if detail.get("type") == "text/plain" else "html"


def parse_feed(data: bytes | str, source: str, *, defaults: Defaults = NO_DEFAULTS,
               error: type[InputError] | type[FetchError] = InputError) -> Iterator[RawArticle]:
    """Return the feed's entries as RawArticles; a malformed feed without entries raises `error` at once."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    parsed = feedparser.parse(io.BytesIO(raw))
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = str(parsed.get("bozo_exception") or "unreadable").splitlines()[0]
            raise error(f"{source!r} is not a valid RSS or Atom feed ({reason}): check the feed address or file")
        log.info("feed %s has no entries", source)
    return iter_entries(parsed, source, defaults)


def iter_entries(parsed: Any, source: str, defaults: Defaults) -> Iterator[RawArticle]:
    """Yield one RawArticle per entry of a parsed feed, skipping entries without text."""
    feed = parsed.get("feed", {})
    outlet = feed.get("title") or None
    language = (feed.get("language") or "").split("-")[0].lower() or None
    for index, entry in enumerate(parsed.entries):
        content, kind = read_entry_content(entry)
        if not content.strip():
            log.warning("skipping entry %d of feed %s: it has no content or summary", index, source)
            continue
        article = RawArticle(content=content, content_type=kind, url=entry.get("link") or None,
                             outlet=outlet, published=read_entry_date(entry), language=language,
                             title=entry.get("title") or None, origin=f"{source}#{index}")
        yield defaults.fill(article, single=False)


def fetch_feed(url: str, *, published: dt.date | str | None = None, outlet: str | None = None,
               language: str | None = None, settings: Settings | None = None,
               client: httpx.Client | None = None, refuse_private: bool = False) -> Iterator[RawArticle]:
    """Fetch an RSS or Atom feed now and return its entries; flags fill what entries lack."""
    defaults = Defaults.of(published=published, outlet=outlet, language=language)
    fetched = fetch(url, settings=settings, client=client, refuse_private=refuse_private)
    return parse_feed(fetched.data, url, defaults=defaults, error=FetchError)
