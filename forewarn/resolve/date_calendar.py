"""Calendar arithmetic for the date resolver: months, weeks, seasons and weekdays.

Every function takes the publication date and returns an inclusive ``(first, last)`` pair
or a single day. Tense is ``"past"``, ``"future"`` or ``None``; ``None`` is read as past,
because news reports mostly what has happened.
"""
from __future__ import annotations

import calendar
import datetime as dt

Span = tuple[dt.date, dt.date]

# Northern-hemisphere meteorological seasons: the month each one starts in; each lasts
# three months, so winter runs from December into February of the next year.
SEASON_START = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
ONE_DAY = dt.timedelta(days=1)
# How far ahead a month or day named without a year and without a tense may lie before it
# is read as the past one instead.
SOON_MONTHS = 3
SOON_DAYS = 92


def add_months(year: int, month: int, k: int) -> tuple[int, int]:
    """Return the (year, month) k months after (or before, k < 0) the given one."""
    idx = year * 12 + month - 1 + k
    return idx // 12, idx % 12 + 1


def month_span(year: int, month: int) -> Span:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def year_span(year: int) -> Span:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def week_span(day: dt.date) -> Span:
    """Return the Monday-to-Sunday week containing ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def part_of_span(span: Span, part: str) -> Span:
    """Return the early / mid / late third of a month or year span.

    A month splits into days 1-10, 11-20 and 21-end; a year into Jan-Apr, May-Aug, Sep-Dec.
    """
    first, last = span
    if part not in ("early", "mid", "late"):
        return span
    if first.month == last.month:                   # a month
        if part == "early":
            return first, first.replace(day=10)
        if part == "mid":
            return first.replace(day=11), first.replace(day=20)
        return first.replace(day=21), last
    if first.month == 1 and last.month == 12:       # a year
        if part == "early":
            return first, dt.date(first.year, 4, 30)
        if part == "mid":
            return dt.date(first.year, 5, 1), dt.date(first.year, 8, 31)
        return dt.date(first.year, 9, 1), last
    return span


def season_span(name: str, start_year: int) -> Span:
    """Return the season that starts in ``start_year`` (winter 2022 is Dec 2022 - Feb 2023)."""
    month = SEASON_START[name]
    end_year, end_month = add_months(start_year, month, 2)
    return dt.date(start_year, month, 1), month_span(end_year, end_month)[1]


def season_by_relation(name: str, published: dt.date, rel: str | None, tense: str | None) -> Span:
    """Resolve "last / this / next <season>" against the publication date.

    The *current* occurrence is the latest one that started on or before publication.
    "last": the one before the current occurrence if publication falls inside it (said in
    January, "last winter" is Dec 2021 - Feb 2022, because we are in winter 2022/23),
    otherwise the current one (said in January, "last fall" is Sep - Nov 2022).
    "next": the first occurrence starting after publication.
    "this": the current occurrence if publication falls inside it; otherwise the most recent
    one with past tense and the coming one with future or unknown tense.
    No relation: past/unknown tense reads like "last", future like "next".
    """
    month = SEASON_START[name]
    cur_year = published.year if published.month >= month else published.year - 1
    cur = season_span(name, cur_year)
    inside = cur[0] <= published <= cur[1]
    if rel == "next":
        return season_span(name, cur_year + 1)
    if rel == "this":
        if inside or tense == "past":
            return cur
        return season_span(name, cur_year + 1)
    if rel == "last":
        return season_span(name, cur_year - 1) if inside else cur
    if tense == "future" and not inside:
        return season_span(name, cur_year + 1)
    return cur


def month_year(month: int, published: dt.date, tense: str | None) -> int:
    """Pick the year of a month named without one.

    Past tense: the most recent such month starting on or before publication (the
    publication month itself included). Future: the first such month ending on or after
    publication. Unknown tense: the coming one if it starts within ``SOON_MONTHS`` months
    (news names the next few months without a year: "the offer expires in January"),
    otherwise the past one.
    """
    if tense == "future":
        return published.year if month >= published.month else published.year + 1
    ahead = (month - published.month) % 12
    if tense is None and 0 < ahead <= SOON_MONTHS:
        return published.year + (1 if month < published.month else 0)
    return published.year if month <= published.month else published.year - 1


def day_year(month: int, day: int, published: dt.date, tense: str | None) -> int | None:
    """Pick the year of a month and day named without one.

    Past: the most recent such day on or before publication; future: the first on or after
    it; unknown tense: the coming one if it is at most ``SOON_DAYS`` ahead, else the past one.
    """
    try:
        this_year = dt.date(published.year, month, day)
    except ValueError:
        if month == 2 and day == 29:        # a leap day: the nearest leap year that fits
            year = published.year
            step = 1 if tense == "future" else -1
            while not calendar.isleap(year):
                year += step
            return year
        return None
    if tense == "future":
        return published.year if this_year >= published else published.year + 1
    if tense is None:
        upcoming = this_year if this_year >= published else _replace_year(this_year, published.year + 1)
        if upcoming is not None and (upcoming - published).days <= SOON_DAYS:
            return upcoming.year
    return published.year if this_year <= published else published.year - 1


def weekday_year(month: int, day: int, weekday: int, published: dt.date) -> int | None:
    """The year nearest publication (within three years) in which month/day falls on ``weekday``."""
    for k in (0, -1, 1, -2, 2, -3, 3):
        try:
            if dt.date(published.year + k, month, day).weekday() == weekday:
                return published.year + k
        except ValueError:
            continue
    return None


def _replace_year(day: dt.date, year: int) -> dt.date | None:
    try:
        return day.replace(year=year)
    except ValueError:
        return None


def weekday_date(weekday: int, published: dt.date, rel: str | None, tense: str | None) -> dt.date:
    """Resolve a weekday (0 = Monday) against the publication date.

    "last": the most recent such day strictly before publication. "next": that day in the
    following Monday-Sunday week (said on a Wednesday, "next Thursday" is eight days on).
    "this": that day in the publication's Monday-Sunday week.
    No relation: past or unknown tense gives the most recent such day on or before
    publication (the publication day itself if it is that weekday); future gives the first
    such day after publication.
    """
    delta = published.weekday() - weekday
    if rel == "last":
        return published - dt.timedelta(days=(delta - 1) % 7 + 1)
    if rel == "next":
        return week_span(published)[0] + dt.timedelta(days=7 + weekday)
    if rel is None and tense == "future":
        return published + dt.timedelta(days=(-delta - 1) % 7 + 1)
    if rel == "this":
        return week_span(published)[0] + dt.timedelta(days=weekday)
    return published - dt.timedelta(days=delta % 7)


def weekend_span(published: dt.date, rel: str | None, tense: str | None) -> Span:
    """Resolve "this / last / next / the weekend" as a Saturday-Sunday pair.

    Published on a weekend: "this" and "the weekend" are that weekend, "last" / "this past"
    the one before, "next" / "this coming" the one after. Published Monday to Friday:
    "last" / "this past" is the weekend just gone and "next" / "this coming" the one ahead;
    "this weekend" is the one ahead unless the verb is past, "the weekend" ("over the
    weekend") the one just gone unless the verb is future.
    """
    saturday = week_span(published)[0] + dt.timedelta(days=5)
    if published.weekday() >= 5:
        offset = {"last": -7, "this past": -7, "next": 7, "this coming": 7}.get(rel or "", 0)
    elif rel in ("last", "this past"):
        offset = -7
    elif rel in ("next", "this coming"):
        offset = 0
    elif rel == "this":
        offset = -7 if tense == "past" else 0
    else:
        offset = 0 if tense == "future" else -7
    first = saturday + dt.timedelta(days=offset)
    return first, first + ONE_DAY


def quarter_span(year: int, quarter: int) -> Span:
    """Return the calendar quarter (1-4) of ``year``."""
    return dt.date(year, 3 * quarter - 2, 1), month_span(year, 3 * quarter)[1]


def quarter_year(quarter: int, published: dt.date, tense: str | None) -> int:
    """Pick the year of "the third quarter" named without one.

    Past or unknown tense: the most recent such quarter starting on or before publication;
    future: the first such quarter ending on or after publication.
    """
    current = (published.month - 1) // 3 + 1
    if tense == "future":
        return published.year if quarter >= current else published.year + 1
    return published.year if quarter <= current else published.year - 1
