"""Layout noise is recognised by the shape of a line; article sentences are kept."""
from __future__ import annotations

import pytest

from forewarn.extract.noise import is_ad_marker, is_byline, is_credit, is_dateline, is_footer, is_image_name, is_noise


@pytest.mark.parametrize("line", ["GettyImages-1245835710_mejrsm", "IMG_2345.jpg", "kyiv_protest123",
                                  "DSC-20240101.JPEG", "summit-photo_2024_hq"])
def test_image_file_names(line):
    assert is_image_name(line)


@pytest.mark.parametrize("line", ["ALEXEY DANICHEV/SPUTNIK/AFP via Getty", "AP Photo/Efrem Lukatsky",
                                  "Gleb Garanich/Reuters", "Photo: Reuters", "Credit: Jane Doe for The Times",
                                  "Photograph: Sergei Ivanov/EPA", "JOHN SMITH/POOL/AFP",
                                  "Soldiers march in Minsk on Monday. (AP Photo/Ivan Petrov)",
                                  "Anadolu Agency via Getty Images"])
def test_photo_credits_and_captions(line):
    assert is_credit(line)


@pytest.mark.parametrize("line", ["ADVERTISEMENT", "Advertisement", "SPONSORED", "Story continues below",
                                  "Story continues below advertisement", "— Advertisement —", "Skip Advertisement"])
def test_ad_markers(line):
    assert is_ad_marker(line)


@pytest.mark.parametrize("line", ["Got a tip? Send it to The Daily Beast here.", "Sign up for our newsletter",
                                  "Follow us on Telegram", "Read more: Kyiv says talks stalled",
                                  "Related: Minsk moves troops", "Reporting by Jan Kowalski; Editing by Ann Lee",
                                  "Subscribe to our daily briefing", "© 2024 Example News"])
def test_tip_newsletter_and_social_footers(line):
    assert is_footer(line)


@pytest.mark.parametrize("line", ["By Jane Smith", "By Jane Smith and Tom Lee, Reuters"])
def test_bylines(line):
    assert is_byline(line)


@pytest.mark.parametrize("line", ["Updated Jan. 24, 2023 10:04AM ET", "5 min read", "Tuesday, 24 January 2023",
                                  "Published 3 hours ago"])
def test_date_lines(line):
    assert is_dateline(line)


@pytest.mark.parametrize("line", [
    "Russia", "CONSIDER THEMSELVES WARNED", "COVID-19",
    "Belarus’ army has begun removing armored vehicles from long-term storage.",
    "Related talks were held in Geneva on Monday.", "By Monday, the troops had left.",
    "The U.S./EU sanctions took effect on Friday.", "Follow-up talks are planned for March.",
    "Photographs of the meeting were released by the Kremlin on Tuesday, officials said, calling them proof of progress.",
])
def test_article_lines_are_not_noise(line):
    assert not is_noise(line)
