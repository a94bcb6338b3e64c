"""Event filters: validated on construction, turned into SQL by ``queries``."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from forewarn.errors import InputError

_COUNTRY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class EventFilter:
    """Which stored events to return; every field is optional and they combine with AND.

    Values are checked and normalised when the filter is made: countries are upper-cased
    ISO 3166-1 alpha-3 codes, ``root`` becomes two digits ("3" -> "03"), ``since``/``until``
    accept dates or ISO strings and bound the event date inclusively. A bad value raises
    ``InputError``. ``include_uncounted=False`` drops negated and hypothetical events
    (which are stored for audit but never counted). ``actor`` and ``text`` match
    case-insensitively anywhere in an actor's text or name, or in the evidence sentence,
    trigger and actors.
    """

    actor: str | None = None                    # substring of an actor's text or name
    country: str | None = None                  # source or target country
    dyad: tuple[str, str] | None = None         # (source country, target country)
    undirected: bool = False                    # dyad matches either direction
    category: str | None = None                 # PLOVER category
    root: str | None = None                     # CAMEO root, "01".."20"
    quad_class: int | None = None               # GDELT quad class 1..4
    cluster_id: str | None = None               # events of one cluster
    since: dt.date | None = None
    until: dt.date | None = None
    article_id: str | None = None
    include_uncounted: bool = True
    limit: int | None = 1000
    offset: int = 0
    text: str | None = None                     # substring of the evidence sentence, trigger or actors

    def __post_init__(self) -> None:
        def set_(name: str, value: Any) -> None:  # frozen: normalise through object.__setattr__
            object.__setattr__(self, name, value)

        if self.quad_class is not None:
            try:
                quad = int(self.quad_class)
            except (TypeError, ValueError):
                quad = 0
            if not 1 <= quad <= 4:
                raise InputError(f"quad class must be 1 to 4 (verbal/material cooperation, verbal/material "
                                 f"conflict), got {self.quad_class!r}")
            set_("quad_class", quad)
        if self.actor is not None:
            actor = str(self.actor).strip()
            if not actor:
                raise InputError("actor filter is empty; give part of an actor's name or text")
            set_("actor", actor)
        if self.text is not None:
            text = str(self.text).strip()
            if not text:
                raise InputError("text filter is empty; give a word or phrase of the evidence")
            set_("text", text)
        if self.country is not None:
            set_("country", _country(self.country, "country"))
        if self.dyad is not None:
            if isinstance(self.dyad, str) or len(self.dyad) != 2:
                raise InputError(
                    f"dyad must be a pair of country codes (source, target), got {self.dyad!r}")
            set_("dyad", (_country(self.dyad[0], "dyad source"),
                          _country(self.dyad[1], "dyad target")))
        if self.category is not None:
            category = str(self.category).strip().upper()
            if not category:
                raise InputError("category filter is empty; give a PLOVER category such as PROTEST")
            set_("category", category)
        if self.root is not None:
            set_("root", _root(self.root))
        set_("since", _day(self.since, "since"))
        set_("until", _day(self.until, "until"))
        if self.since and self.until and self.since > self.until:
            raise InputError(
                f"since ({self.since.isoformat()}) is after until ({self.until.isoformat()}); "
                "swap them")
        if self.limit is not None and (not isinstance(self.limit, int) or self.limit < 1):
            raise InputError(f"limit must be a positive whole number or None, got {self.limit!r}")
        if not isinstance(self.offset, int) or self.offset < 0:
            raise InputError(f"offset must be zero or a positive whole number, got {self.offset!r}")


def _country(value: Any, what: str) -> str:
    code = str(value).strip().upper() if value is not None else ""
    if not _COUNTRY.match(code):
        raise InputError(
            f"{what} must be an ISO 3166-1 alpha-3 country code such as UKR, got {value!r}")
    return code


def _root(value: Any) -> str:
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= 20:
        raise InputError(f"CAMEO root must be a number from 01 to 20, got {value!r}")
    return f"{int(text):02d}"


def _day(value: Any, what: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as e:
        raise InputError(f"{what} must be a date like 2024-03-01, got {value!r}") from e
