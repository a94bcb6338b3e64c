"""Tests for quote extraction: speakers, verbs, channels, dates, kinds, and the seed article."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from forewarn.attribute import find_quote_marks, find_quotes
from forewarn.models import Actor, DateRef

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_b035b91ddda7a8e5.txt"
ACCEPTANCE = SHARED / "acceptance" / "seed-article.yaml"
PUBLISHED = dt.date(2023, 1, 24)


def _quotes(nlp, text, actors=(), dates=(), published=None):
    return find_quotes(nlp(text), list(actors), published, list(dates))


def _one(quotes, kind="direct"):
    found = [q for q in quotes if q.kind == kind]
    assert len(found) == 1, found
    return found[0]


# --- quote marks ---------------------------------------------------------------------

def test_quote_marks_inner_offsets():
    text = 'He said “we stay” and "they go".'
    assert [text[m.start:m.end] for m in find_quote_marks(text)] == ["we stay", "they go"]


def test_quote_running_over_paragraphs_is_one_quote_per_paragraph():
    text = "“The first part of a long statement goes here.\n\n“And the second part ends here.”"
    assert [text[m.start:m.end] for m in find_quote_marks(text)] == [
        "The first part of a long statement goes here.", "And the second part ends here."]


def test_stray_mark_is_dropped():
    assert find_quote_marks("The pipe measured 5\" across and was sealed.") == []


# --- speaker position ----------------------------------------------------------------

SPEAKER_CASES = [
    ("“We will keep the border closed until the spring,” Interior Minister Karl Hesse said.",
     "Hesse", "say"),
    ("“The talks were useful and frank,” said Maria Lopez, the head of the mission.", "Lopez", "say"),
    ("Foreign Minister Ana Ruiz said: “Our patience with the blockade is running out.”", "Ruiz", "say"),
    ("Ruiz told the assembly, “We will not accept these terms at any price.”", "Ruiz", "tell"),
    ("“No shipment has left the port since March,” the port authority spokesman, Tomas Berg, "
     "told Reuters.", "Tomas Berg", "tell"),
    ("“Why should we trust them after all this?” asked opposition leader Ivan Petrov.", "Petrov", "ask"),
]


@pytest.mark.parametrize(("text", "speaker", "verb"), SPEAKER_CASES)
def test_direct_quote_speaker_and_verb(nlp, text, speaker, verb):
    quote = _one(_quotes(nlp, text))
    assert speaker in quote.speaker.text
    assert quote.verb == verb
    assert text[quote.start:quote.end] == quote.text
    assert not quote.text.startswith("“") and not quote.text.endswith("”")


def test_speaker_taken_from_resolved_actor_on_the_name(nlp):
    text = "“The talks failed,” Swedish envoy Karin Lund said."
    actors = [Actor("Swedish", 20, 27, "SWE", None), Actor("Karin Lund", 34, 44, "SWE", "GOV", "Karin Lund")]
    quote = _one(_quotes(nlp, text, actors))
    assert quote.speaker == actors[1]


def test_unresolved_speaker_is_built_without_country(nlp):
    quote = _one(_quotes(nlp, "“The water is running out fast,” a local aid worker said."))
    assert (quote.speaker.text, quote.speaker.country) == ("a local aid worker", None)


def test_interrupted_quote_is_two_quotes_with_one_speaker(nlp):
    text = ("“We have no quarrel with our neighbours,” Prime Minister Elena Markov said, "
            "“but we will defend every village.”")
    quotes = _quotes(nlp, text)
    assert [q.text for q in quotes] == ["We have no quarrel with our neighbours",
                                        "but we will defend every village."]
    assert all(q.kind == "direct" and "Markov" in q.speaker.text for q in quotes)


def test_quote_continued_in_same_paragraph_keeps_speaker(nlp):
    text = "“The convoy was stopped at the bridge,” Nowak said. “Nobody was allowed to cross it.”"
    quotes = _quotes(nlp, text)
    assert [q.speaker.text for q in quotes] == ["Nowak", "Nowak"]
    assert quotes[1].verb == "say"


def test_speaker_named_in_previous_paragraph(nlp):
    text = ("Defence Minister Piotr Nowak visited the northern garrison on Friday.\n\n"
            "“Our soldiers are ready for any provocation from across the river.”")
    quote = _one(_quotes(nlp, text))
    assert "Nowak" in quote.speaker.text
    assert quote.verb is None


def test_speaker_of_previous_paragraph_quote_carries_over(nlp):
    text = ("“We will rebuild the school,” Governor Lina Sato told reporters.\n\n"
            "“The children deserve nothing less than a safe place to learn.”")
    quotes = _quotes(nlp, text)
    assert [q.speaker.text for q in quotes] == ["Governor Lina Sato", "Governor Lina Sato"]
    assert quotes[1].channel == "reporters"


@pytest.mark.parametrize(("text", "speaker"), [
    ("President Amira Haddad met the envoy in the capital. "
     "“We expect concrete proposals next week,” she said.", "Amira Haddad"),
    ("“We will appeal the ruling,” said lawyer Jonas Weber. “It ignores the evidence,” he added.",
     "Jonas Weber"),
])
def test_pronoun_speaker_is_the_last_named_person(nlp, text, speaker):
    quote = _quotes(nlp, text)[-1]
    assert speaker in quote.speaker.text


def test_pronoun_speaker_prefers_resolved_actor(nlp):
    text = "President Amira Haddad met the envoy. “We expect proposals soon,” she said."
    haddad = Actor("Amira Haddad", 10, 22, "TCD", "GOV", "Amira Haddad")
    assert _one(_quotes(nlp, text, [haddad])).speaker == haddad


# --- channels --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "channel"), [
    ("“No shipment has left the port since March,” the spokesman, Tomas Berg, told Reuters.", "Reuters"),
    ("“The road is open again,” the governor told reporters.", "reporters"),
    ("“The bridge will reopen on Monday,” the mayor said, according to the Daily Courier.", "Daily Courier"),
    ("“We reject the accusations entirely,” the ministry said in a statement.", "statement"),
    ("“The ceasefire is holding in the south,” Haddad said in an interview with Radio Sahel.", "Radio Sahel"),
    ("“The strikes must stop now,” Markov wrote in a post on Telegram.", "Telegram"),
    ("“We are not afraid of them,” Markov said, speaking at a news conference.", "news conference"),
])
def test_channel(nlp, text, channel):
    assert _one(_quotes(nlp, text)).channel == channel


def test_speaker_with_channel_and_continuation(nlp):
    text = ("“They are arming the rebels,” Markov said Tuesday, according to Kavkaz Press, "
            "adding that the army was on alert.")
    quotes = _quotes(nlp, text)
    direct, indirect = _one(quotes), _one(quotes, "indirect")
    assert ("Markov", "Kavkaz Press") == (direct.speaker.text, direct.channel)
    assert indirect.text == "the army was on alert"
    assert (indirect.speaker.text, indirect.verb, indirect.channel) == ("Markov", "add", "Kavkaz Press")


# --- dates -----------------------------------------------------------------------------

def test_date_from_attribution_clause(nlp):
    text = "“We are ready to talk,” Ruiz said Thursday after the vote on Monday."
    dates = [DateRef("Thursday", dt.date(2024, 3, 7), start=text.index("Thursday")),
             DateRef("Monday", dt.date(2024, 3, 4), start=text.index("Monday"))]
    assert _one(_quotes(nlp, text, dates=dates)).date.text == "Thursday"


def test_date_inside_the_quote_is_not_when_it_was_said(nlp):
    text = "“They attacked us on Monday,” Ruiz said."
    dates = [DateRef("Monday", dt.date(2024, 3, 4), start=text.index("Monday"))]
    assert _one(_quotes(nlp, text, dates=dates)).date is None


def test_said_today_uses_publication_date(nlp):
    quote = _one(_quotes(nlp, "“We are ready to talk,” Ruiz said today.", published=PUBLISHED))
    assert (quote.date.text, quote.date.value) == ("today", PUBLISHED)


# --- indirect and partial quotes --------------------------------------------------------

@pytest.mark.parametrize(("text", "content", "speaker", "verb", "channel"), [
    ("General Omar Sall said that the troops had withdrawn from the valley.",
     "the troops had withdrawn from the valley", "General Omar Sall", "say", None),
    ("The minister told reporters the border would stay closed.",
     "the border would stay closed", "The minister", "tell", "reporters"),
    ("Ruiz warned that any incursion would be met with force.",
     "any incursion would be met with force", "Ruiz", "warn", None),
    ("According to the army, the rebels shelled two villages overnight.",
     "the rebels shelled two villages overnight", "the army", "according to", None),
    ("The ministry said in a statement that the exercises would end on Sunday.",
     "the exercises would end on Sunday", "The ministry", "say", "statement"),
    ("The rebels shelled two villages overnight, officials in the region said.",
     "The rebels shelled two villages overnight", "officials in the region", "say", None),
])
def test_indirect_quote(nlp, text, content, speaker, verb, channel):
    quote = _one(_quotes(nlp, text), "indirect")
    assert (quote.text, quote.speaker.text, quote.verb, quote.channel) == (content, speaker, verb, channel)
    assert text[quote.start:quote.end] == content


def test_partial_quote_inside_reported_speech(nlp):
    text = "Haddad said the vote had been “deeply flawed” and called for a recount."
    partial = _one(_quotes(nlp, text), "partial")
    assert (partial.text, partial.speaker.text, partial.verb) == ("deeply flawed", "Haddad", "say")


def test_scare_quote_without_speech_is_skipped(nlp):
    assert _quotes(nlp, "The so-called “peace corridor” remained closed on Sunday.") == []


def test_scare_quote_under_an_uncertain_verb_is_skipped(nlp):
    text = "It was not clear if Kyiv had ever suggested a “peace pact” with Minsk."
    assert [q for q in _quotes(nlp, text) if q.kind == "partial"] == []


def test_quote_ids_in_document_order(nlp):
    text = "Ruiz said the talks had failed. “We will try again,” she said."
    quotes = _quotes(nlp, text)
    assert [q.quote_id for q in quotes] == ["q1", "q2"]
    assert [q.kind for q in quotes] == ["indirect", "direct"]


# --- the seed article --------------------------------------------------------------------

PULL_QUOTE = "Russia is trying in every possible way to draw Belarus directly into a war."
PEOPLE = [  # surface, country, canonical name; longer names first so they win the offsets
    ("Oleh Nikolenko", "UKR", "Oleh Nikolenko"),
    ("Volodymyr Zelensky", "UKR", "Volodymyr Zelensky"),
    ("Alexander Lukashenko", "BLR", "Alexander Lukashenko"),
    ("Lukashenko", "BLR", "Alexander Lukashenko"),
    ("Nikolenko", "UKR", "Oleh Nikolenko"),
    ("Zelensky", "UKR", "Volodymyr Zelensky"),
]


def _seed_body() -> str:
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    first = next(i for i, line in enumerate(lines) if line.startswith("Belarus’ army has begun"))
    keep = [line for line in lines[first:]
            if line and line not in ("ADVERTISEMENT", PULL_QUOTE) and not line.startswith("Got a tip")]
    return "\n\n".join(keep)


def _occurrences(text, needle):
    at = text.find(needle)
    while at != -1:
        yield at
        at = text.find(needle, at + 1)


def _seed_actors(text):
    actors, taken = [], []
    for surface, country, name in PEOPLE:
        for at in _occurrences(text, surface):
            if not any(start <= at < end for start, end in taken):
                taken.append((at, at + len(surface)))
                actors.append(Actor(surface, at, at + len(surface), country, "GOV", name))
    return actors


@pytest.fixture(scope="module")
def seed_quotes(nlp):
    if not SEED.exists() or not ACCEPTANCE.exists():
        pytest.skip("shared seed article not available")
    text = _seed_body()
    dates = [DateRef("Tuesday", PUBLISHED, start=at) for at in _occurrences(text, "Tuesday")]
    return find_quotes(nlp(text), _seed_actors(text), PUBLISHED, dates)


def _acceptance_quotes() -> dict:
    """Read the acceptance case's quote expectations ([] when shared/ or PyYAML is absent)."""
    try:
        import yaml
    except ImportError:
        return {"must": [], "must_not": []}
    if not ACCEPTANCE.exists():
        return {"must": [], "must_not": []}
    return yaml.safe_load(ACCEPTANCE.read_text(encoding="utf-8"))["quotes"]


@pytest.mark.parametrize("expected", _acceptance_quotes()["must"], ids=lambda e: e["contains"][:30])
def test_seed_quote(seed_quotes, expected):
    matches = [q for q in seed_quotes if expected["contains"].lower() in q.text.lower()
               and q.kind == "direct"]
    assert matches, f"no quote contains {expected['contains']!r}"
    quote = matches[0]
    assert quote.speaker is not None
    assert (quote.speaker.country, quote.speaker.name) == (
        expected["speaker"]["country"], expected["speaker"]["name"])
    if "channel" in expected:
        assert quote.channel == expected["channel"]
    if "date" in expected:
        assert quote.date is not None and quote.date.text == "Tuesday"


@pytest.mark.parametrize("forbidden", _acceptance_quotes()["must_not"], ids=lambda e: e["equals"])
def test_seed_kicker_is_no_quote(seed_quotes, forbidden):
    assert all(q.text != forbidden["equals"] for q in seed_quotes)


def test_seed_pull_quote_appears_once(seed_quotes):
    assert sum(PULL_QUOTE in q.text for q in seed_quotes) == 1


def test_person_named_in_the_paragraph_beats_previous_paragraph_quote(nlp):
    text = ("“The border stays shut,” Interior Minister Karl Hesse said.\n\n"
            "Opposition leader Ivan Petrov disagreed. “This closure is ruining the farmers.”")
    quotes = _quotes(nlp, text)
    assert "Petrov" in quotes[-1].speaker.text


def test_empty_doc_has_no_quotes(nlp):
    assert _quotes(nlp, "") == []
