"""What the user says about an input (flags), filled into articles that lack it."""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from ..models import RawArticle
from .dates import parse_published


@dataclass(frozen=True)
class Defaults:
    """Values to fill in where an input does not say: publication date, outlet, URL, language."""

    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None

    @classmethod
    def of(cls, *, published: dt.date | str | None = None, outlet: str | None = None,
           url: str | None = None, language: str | None = None) -> Defaults:
        """Build defaults from flags, parsing a published string."""
        return cls(parse_published(published) if published is not None else None, outlet, url, language)

    def fill(self, raw: RawArticle, *, single: bool) -> RawArticle:
        """Fill the article's missing fields; the URL only when the source is a single article."""
        changes = {
            "published": raw.published or self.published,
            "outlet": raw.outlet or self.outlet,
            "language": raw.language or self.language,
            "url": raw.url or (self.url if single else None),
        }
        return dataclasses.replace(raw, **changes)


NO_DEFAULTS = Defaults()
