"""Who held which office when: coverage and conflicts of the people knowledge base.

A people row may name the office it fills (``office`` column: head_of_state,
head_of_government, foreign_minister, defence_minister, military_chief). These helpers
answer the questions a maintainer of that table asks: which share of a period has a known
holder, for each country and office, and where two holders' terms overlap (usually a
typing error in a date).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from .actor_knowledge import OFFICES, Knowledge

COVERAGE_START = dt.date(2000, 1, 1)
# a handover on the same day or a few days' caretaking is not a conflict
OVERLAP_GRACE_DAYS = 3


@dataclass(frozen=True)
class Term:
    person: str
    country: str
    office: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Conflict:
    first: Term
    second: Term

    @property
    def days(self) -> int:
        return (min(self.first.end, self.second.end) - self.second.start).days


def office_terms(kb: Knowledge, until: dt.date) -> dict[tuple[str, str], list[Term]]:
    """Every term of an office, by (country, office), in start order; open ends run to ``until``."""
    terms: dict[tuple[str, str], list[Term]] = {}
    for person in kb.people.values():
        for role in person.roles:
            if role.country is None:
                continue
            for office in role.offices:
                terms.setdefault((role.country, office), []).append(
                    Term(person.name, role.country, office, role.start or dt.date.min, role.end or until))
    for ts in terms.values():
        ts.sort(key=lambda t: (t.start, t.end))
    return terms


def _covered_days(terms: Iterable[Term], start: dt.date, end: dt.date) -> int:
    days = 0
    run_start = run_end = None
    for t in terms:
        s, e = max(t.start, start), min(t.end, end)
        if e < s:
            continue
        if run_end is None or s > run_end + dt.timedelta(days=1):
            if run_end is not None:
                days += (run_end - run_start).days + 1
            run_start, run_end = s, e
        else:
            run_end = max(run_end, e)
    if run_end is not None:
        days += (run_end - run_start).days + 1
    return days


def office_coverage(kb: Knowledge, until: dt.date, start: dt.date = COVERAGE_START,
                    countries: Iterable[str] | None = None) -> dict[str, dict[str, float]]:
    """The share of days from ``start`` to ``until`` with a known holder, by country and office.

    Countries default to those with at least one office row; an office no row fills is 0.0.
    """
    terms = office_terms(kb, until)
    wanted = sorted(set(countries) if countries is not None else {c for c, _ in terms})
    total = (until - start).days + 1
    return {c: {o: _covered_days(terms.get((c, o), ()), start, until) / total for o in OFFICES}
            for c in wanted}


def office_conflicts(kb: Knowledge, until: dt.date) -> list[Conflict]:
    """Pairs of different people whose terms of one office overlap by more than the grace days."""
    conflicts = []
    for ts in office_terms(kb, until).values():
        for i, a in enumerate(ts):
            for b in ts[i + 1:]:
                if b.start > a.end:
                    break
                c = Conflict(a, b)
                if a.person != b.person and c.days > OVERLAP_GRACE_DAYS:
                    conflicts.append(c)
    return conflicts
