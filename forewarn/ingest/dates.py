"""Parse publication dates given by users or found in inputs."""
from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime

from ..errors import InputError

EXPECTED = "an ISO date like 2025-03-14 or date and time like 2025-03-14 20:30:26Z"


def parse_published(value: str | dt.date | dt.datetime) -> dt.date:
    """Return the calendar date of an ISO date or datetime (or an RFC 2822 date as found in feeds).

    A datetime keeps the date as written (the publisher's local date), without
    converting time zones. Anything else raises InputError naming the value.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise InputError(f"invalid publication date {value!r}: expected {EXPECTED}")
    text = value.strip()
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            parsed = parse(text)
        except ValueError:
            continue
        return parsed.date() if isinstance(parsed, dt.datetime) else parsed
    if any(c.isalpha() for c in text[:3]):
        try:
            return parsedate_to_datetime(text).date()
        except (TypeError, ValueError, IndexError):
            pass
    raise InputError(f"invalid publication date {value!r}: expected {EXPECTED}")
