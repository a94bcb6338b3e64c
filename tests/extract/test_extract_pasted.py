"""The pasted-text cleaner on layouts written for these tests."""
from __future__ import annotations

import pytest

from forewarn.extract import clean_text

# Layout A: one line per paragraph, no blank lines; byline and date line; caption with credit;
# a quoted pull quote; a wire footer and a trailing list of related links.
LAYOUT_A = """Middle East
Jordan Closes Border Crossing With Syria After Drone Incursion
By Sara Haddad
Updated March 3, 2025 9:14 AM ET
IMG_0192.JPG
Jordanian soldiers patrol near the Jaber crossing on Sunday. (AP Photo/Omar Khalil)
Jordan closed its main border crossing with Syria on Monday after its air force shot down two drones carrying drugs, the army said in a statement.
“We will not allow our border to become a route for smugglers,” army spokesman Col. Mustafa Hiyari told state television.
Advertisement
Syria’s foreign ministry said it regretted the decision and called for talks.
“We will not allow our border to become a route for smugglers”
Officials in Amman said the crossing would stay closed until further notice.
Reporting by Suleiman Al-Khalidi; Editing by Ann Lee
Read more:
Jordan and Syria discuss drug trafficking
Drone strikes rise along the frontier
"""

# Layout B: blank lines between paragraphs, hard-wrapped body; caps section; quoted kicker;
# deck without final period; "Photo:" credit; SPONSORED; social and newsletter footers.
LAYOUT_B = """POLITICS

“RED LINES”

Seoul Summons Chinese Envoy Over Yellow Sea Structures

South Korea says the platforms breach a 2001 fisheries accord

Photo: Kim Hong-ji/Reuters

South Korea's foreign ministry summoned China's ambassador on
Wednesday to protest the installation of steel structures in a
disputed zone of the Yellow Sea, according to the ministry.

SPONSORED

Vice Foreign Minister Park Yoon-joo told the envoy that Seoul would
take "proportionate measures" if the structures were not removed,
the ministry said.

China's embassy said the platforms were fish farms and did not
violate any agreement.

Follow us on Telegram
Sign up for our newsletter
"""

# Layout C: no header at all, a wire story with an ad marker and a tip-line footer.
LAYOUT_C = """KINSHASA, May 2 (Reuters) - Congo's government accused Rwanda on Thursday of backing an offensive by M23 rebels near Goma, government spokesman Patrick Muyaya said.

Story continues below

Rwanda denied the accusation and said it was not involved in the fighting.

Got a tip? Email tips@example.com.
"""

# Layout D: headline first, no section; deck sentence set off by an image file and a credit.
LAYOUT_D = """Venezuela Expels Guyanese Diplomats as Essequibo Dispute Deepens

Caracas gave the two envoys 72 hours to leave the country, the foreign ministry said.

guyana-venezuela_border_98231
Juan Perez/Reuters

Venezuela ordered two Guyanese diplomats to leave the country on Friday, escalating a dispute over the Essequibo region, according to the Venezuelan foreign ministry.

Guyana's president called the expulsions unjustified and said Georgetown would not respond in kind.
"""


@pytest.mark.parametrize("layout, section, title", [
    (LAYOUT_A, "Middle East", "Jordan Closes Border Crossing With Syria After Drone Incursion"),
    (LAYOUT_B, "POLITICS", "Seoul Summons Chinese Envoy Over Yellow Sea Structures"),
    (LAYOUT_C, None, None),
    (LAYOUT_D, None, "Venezuela Expels Guyanese Diplomats as Essequibo Dispute Deepens"),
])
def test_finds_section_and_headline(layout, section, title):
    cleaned = clean_text(layout)
    assert (cleaned.section, cleaned.title) == (section, title)


@pytest.mark.parametrize("layout, kicker", [(LAYOUT_A, None), (LAYOUT_B, "RED LINES"), (LAYOUT_D, None)])
def test_finds_the_kicker_without_its_quote_marks(layout, kicker):
    assert clean_text(layout).kicker == kicker


@pytest.mark.parametrize("layout, deck", [
    (LAYOUT_A, None),
    (LAYOUT_B, "South Korea says the platforms breach a 2001 fisheries accord"),
    (LAYOUT_C, None),
    (LAYOUT_D, "Caracas gave the two envoys 72 hours to leave the country, the foreign ministry said."),
])
def test_finds_the_deck(layout, deck):
    assert clean_text(layout).deck == deck


@pytest.mark.parametrize("layout, first, last", [
    (LAYOUT_A, "Jordan closed its main border crossing", "would stay closed until further notice."),
    (LAYOUT_B, "South Korea's foreign ministry summoned", "did not\nviolate any agreement.".replace("\n", " ")),
    (LAYOUT_C, "KINSHASA, May 2 (Reuters)", "was not involved in the fighting."),
    (LAYOUT_D, "Venezuela ordered two Guyanese diplomats", "would not respond in kind."),
])
def test_body_runs_from_first_paragraph_to_last(layout, first, last):
    body = clean_text(layout).body
    assert body.startswith(first) and body.endswith(last)


@pytest.mark.parametrize("layout, noise", [
    (LAYOUT_A, "By Sara Haddad"), (LAYOUT_A, "Updated March"), (LAYOUT_A, "IMG_0192"), (LAYOUT_A, "AP Photo"),
    (LAYOUT_A, "Advertisement"), (LAYOUT_A, "Reporting by"), (LAYOUT_A, "Read more"),
    (LAYOUT_A, "Drone strikes rise"), (LAYOUT_B, "Photo:"), (LAYOUT_B, "SPONSORED"),
    (LAYOUT_B, "Follow us"), (LAYOUT_B, "newsletter"), (LAYOUT_C, "Story continues"),
    (LAYOUT_C, "Got a tip"), (LAYOUT_D, "guyana-venezuela"), (LAYOUT_D, "Juan Perez/Reuters"),
])
def test_drops_layout_noise_from_the_body(layout, noise):
    assert noise not in clean_text(layout).body


def test_drops_the_standalone_pull_quote_and_keeps_the_one_in_the_paragraph():
    body = clean_text(LAYOUT_A).body
    assert body.count("We will not allow our border to become a route for smugglers") == 1
    assert "“We will not allow our border to become a route for smugglers,” army spokesman" in body


def test_joins_hard_wrapped_lines_into_paragraphs_separated_by_blank_lines():
    paragraphs = clean_text(LAYOUT_B).body.split("\n\n")
    assert len(paragraphs) == 3 and all("\n" not in p for p in paragraphs)


def test_keeps_one_paragraph_per_line_when_the_text_has_no_blank_lines():
    assert len(clean_text(LAYOUT_A).body.split("\n\n")) == 4


def test_preserves_the_original_characters():
    assert "Syria’s foreign ministry" in clean_text(LAYOUT_A).body
    assert '"proportionate measures"' in clean_text(LAYOUT_B).body


def test_text_without_any_paragraph_gives_an_empty_body():
    assert clean_text("ADVERTISEMENT\nIMG_2345.jpg\n").body == ""


def test_a_short_opening_sentence_is_body_not_header():
    cleaned = clean_text("Troops withdrew.\n\nThe army said on Monday that all units had left the border zone.")
    assert (cleaned.title, cleaned.body.split("\n\n")[0]) == (None, "Troops withdrew.")


def test_a_lede_followed_by_an_ad_marker_stays_in_the_body():
    text = ("Border Talks Resume in Geneva\n\nArmenia and Azerbaijan resumed talks on Monday in Geneva, officials "
            "said.\n\nADVERTISEMENT\n\nThe talks will last two days, the ministry said.")
    cleaned = clean_text(text)
    assert cleaned.deck is None and cleaned.body.startswith("Armenia and Azerbaijan resumed talks")
