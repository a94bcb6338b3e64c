"""Tests for the extent of reported clauses and for text that is not running prose."""
from __future__ import annotations

import pytest

from forewarn.attribute import find_quote_marks, find_quotes
from forewarn.attribute.layout import clip_to_line, is_caption, is_heading


def _indirect(nlp, text):
    return [q.text for q in find_quotes(nlp(text), []) if q.kind == "indirect"]


# --- quote marks ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    '“We will stay in the city," she said.',
    "“We will stay in the city,’’ she said.",
    '"We will stay in the city,\'\' she said.',
])
def test_mixed_and_doubled_closing_marks(text):
    marks = find_quote_marks(text)
    assert [text[m.start:m.end] for m in marks] == ["We will stay in the city"]


# --- where the attribution sits ----------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("A man shot two officers outside the bank, police said Saturday.",
     ["A man shot two officers outside the bank"]),
    ("The new rules have a narrow purpose, she says, and are meant to last only a year.",
     ["The new rules have a narrow purpose", "and are meant to last only a year"]),
    ("OTTAWA — Opposition leader Mary Stone says the budget is a failure.",
     ["the budget is a failure"]),
    ("The union says burnout is common among nurses, and members are tired.",
     ["burnout is common among nurses, and members are tired"]),
])
def test_reported_clause_extent(nlp, text, expected):
    assert _indirect(nlp, text) == expected


def test_concession_after_the_attribution_is_not_reported(nlp):
    text = "Some people are spreading fear about the plan, he said, though he did not name them."
    assert _indirect(nlp, text) == ["Some people are spreading fear about the plan"]


def test_clause_after_a_direct_quote_is_not_reported(nlp):
    text = "“I will be back,” he said, his voice breaking as the crowd cheered."
    assert _indirect(nlp, text) == []


# --- headings, links and captions ----------------------------------------------------

def test_speech_verb_in_a_link_line_is_skipped(nlp):
    text = "READ MORE: Minister says taxes will rise next year\n\nThe vote is set for Monday."
    assert _indirect(nlp, text) == []


def test_speech_verb_in_a_photo_caption_is_skipped(nlp):
    text = "The mayor said the river was still rising. (Jane Doe/Daily Herald)\n\nRain is expected."
    assert _indirect(nlp, text) == []


def test_heading_and_caption_lines():
    text = "Flood warning lifted\n\nThe mayor spoke. (Jane Doe/Daily Herald)\n\nRain fell all day."
    assert is_heading(text, 3) and not is_heading(text, text.index("Rain"))
    assert is_caption(text, text.index("mayor")) and not is_caption(text, text.index("Rain"))


def test_clause_is_clipped_to_the_verb_line():
    text = "Heading words\nThe rest of it, she said."
    assert clip_to_line(text, 0, text.index(","), text.index("said")) == (text.index("The"), text.index(","))


# --- "he said" -------------------------------------------------------------------------

def test_he_is_the_person_just_introduced_not_an_old_subject(nlp):
    text = ("Peter Holm said the plan would fail.\n\nThe storm lasted all week.\n\n"
            "Engineers from the city met John Tall at the bridge on Friday.\n\n"
            "“We will rebuild it by the summer,” he said.")
    direct = [q for q in find_quotes(nlp(text), []) if q.kind == "direct"]
    assert direct[0].speaker.text == "John Tall"


def test_he_is_not_an_organisation(nlp):
    text = "The World Bank said growth would slow.\n\n“We see no recovery this year,” he said."
    direct = [q for q in find_quotes(nlp(text), []) if q.kind == "direct"]
    assert "Bank" not in direct[0].speaker.text


# --- posts and pull quotes ---------------------------------------------------------------

def test_embedded_post_is_a_quote_of_its_author(nlp):
    text = ("Crews worked through the night.\n\n"
            "Power is back for most homes in the valley. pic.twitter.com/AbC123 — Northern Power (@northpower) "
            "March 3, 2019\n\nSchools reopen on Monday.")
    quote = [q for q in find_quotes(nlp(text), []) if q.kind == "direct"][0]
    assert quote.text == "Power is back for most homes in the valley."
    assert quote.speaker.text == "Northern Power"


def test_signed_pull_quote_is_a_quote_of_the_signer(nlp):
    text = "The vote is on Monday.\n\nWe will rebuild every bridge this year. Maria Lopez, mayor of Eastport\n\nRain fell."
    quote = [q for q in find_quotes(nlp(text), []) if q.kind == "direct"][0]
    assert quote.text == "We will rebuild every bridge this year."
    assert quote.speaker.text == "Maria Lopez"


@pytest.mark.parametrize("line", [
    "He met the envoy of President Donald Trump.",
    "Written and directed by Joe Cornish. 132 minutes. PG",
])
def test_prose_and_credits_are_not_signed_quotes(nlp, line):
    assert [q for q in find_quotes(nlp(line), []) if q.kind == "direct"] == []


# --- directives ----------------------------------------------------------------------------

def test_directive_to_an_addressee_is_reported(nlp):
    assert _indirect(nlp, "The utility urged residents to conserve water during the repairs.") == [
        "to conserve water during the repairs"]


def test_incentive_is_not_reported_speech(nlp):
    assert _indirect(nlp, "The program encourages schools to offer milk at lunch.") == []


def test_he_follows_the_chain_of_pronouns_not_a_name_in_between(nlp):
    text = ("Kevin Vickers said he wants to keep the family farm.\n\n"
            "He said the dairy, run by his father's friend, Martin Legere, gave the town jobs.\n\n"
            "“They brought a lot of work to this place,” he said.")
    direct = [q for q in find_quotes(nlp(text), []) if q.kind == "direct"]
    assert "Vickers" in direct[0].speaker.text


def test_two_apostrophes_open_a_quote():
    text = "''Perhaps they can help,'' the senator said. He left ''early.''"
    assert [text[m.start:m.end] for m in find_quote_marks(text)] == ["Perhaps they can help", "early."]


def test_apostrophes_inside_words_open_no_quote():
    text = "The rock 'n' roll band's ''tour'' ended."
    assert [text[m.start:m.end] for m in find_quote_marks(text)] == ["tour"]


def test_attribution_inside_the_clause_before_its_main_verb(nlp):
    assert _indirect(nlp, "Acts of protest, the president said, are acts of patriotism.") == [
        "Acts of protest", "are acts of patriotism"]


# --- titles and word lists -------------------------------------------------------------

def test_quoted_title_is_not_a_quote(nlp):
    text = "The film “The Boy Who Would Fly” opens on Friday in most cities."
    assert find_quotes(nlp(text), []) == []


def test_quoted_title_said_by_someone_is_a_quote(nlp):
    text = "“Never Again,” the minister said."
    assert [q.text for q in find_quotes(nlp(text), [])] == ["Never Again"]


def test_list_of_quoted_words_is_not_speech(nlp):
    text = 'Mary Hill said the banned words were "synergy," "pivot," "bandwidth" and "optics."'
    assert [q for q in find_quotes(nlp(text), []) if q.kind == "direct"] == []


@pytest.mark.parametrize("text", [
    "The company did not say whether it agreed to the conditions.",
    "The ministry declined to say why the talks had failed.",
    "The opposition will argue that the budget is too small.",
])
def test_speech_not_made_is_not_reported(nlp, text):
    assert _indirect(nlp, text) == []


def test_naming_verb_licenses_a_partial_quote_of_its_subject(nlp):
    text = "The prosecutor Anna Moll called the defence theory “one giant assumption” on Monday."
    partial = [q for q in find_quotes(nlp(text), []) if q.kind == "partial"]
    assert [q.text for q in partial] == ["one giant assumption"] and "Moll" in partial[0].speaker.text


def test_speaker_of_a_relative_clause_is_its_head_noun(nlp):
    text = "The crowd cheered for Nunes, the champion who calls herself “The Lioness” in every interview."
    partial = [q for q in find_quotes(nlp(text), []) if q.kind == "partial"]
    assert partial and partial[0].speaker.text != "who"


def test_according_to_inside_a_clause_splits_it(nlp):
    assert _indirect(nlp, "The hard truth, according to several doctors, is that the system failed.") == [
        "The hard truth", "is that the system failed"]


def test_negation_of_a_coordinated_verb_does_not_reach_the_speech_verb(nlp):
    text = "The agency did not reveal any details, but said the rules protect children."
    assert _indirect(nlp, text) == ["the rules protect children"]


def test_quote_broken_by_a_line_break_inside_a_sentence_runs_on():
    text = "“Who may apply is up to the officer\n\nbased on the advice of the doctor,” said Dr. Lee."
    assert [text[m.start:m.end] for m in find_quote_marks(text)] == [
        "Who may apply is up to the officer", "based on the advice of the doctor"]


def test_speaker_is_not_taken_from_a_heading_above(nlp):
    text = "WATCH: Budget talks stall in the capital: poll\n\nA spokeswoman for the minister said the plan is on track."
    indirect = [q for q in find_quotes(nlp(text), []) if q.kind == "indirect"]
    assert indirect and "poll" not in indirect[0].speaker.text


def test_speaker_is_never_inside_quote_marks(nlp):
    text = "Retiree Dan Ross, who lost 16 lbs. “and two belt loops” over the summer, says the program changed his life."
    for quote in find_quotes(nlp(text), []):
        assert quote.speaker is None or "belt" not in quote.speaker.text
