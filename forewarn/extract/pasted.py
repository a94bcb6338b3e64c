"""Clean article text pasted from a web page, working from the shape of each line.

Header: a short first line without final punctuation before the headline is the
section label; the headline is the first title-like line (a few words up to a long
line, no final period); a short ALL-CAPS line (quotes stripped) near the top is the
kicker; a line between headline and body, or a lone sentence followed by a picture
line (file name, credit, byline) before the body, is the deck. Noise lines
(see noise.py) are dropped everywhere, as are standalone pull quotes repeating a
sentence found in a longer paragraph and link lists trailing the last paragraph.
"""
from __future__ import annotations

import datetime as dt

import dataclasses
import logging
import re
from dataclasses import dataclass

from .noise import QUOTE_MARKS, is_caps, is_dateline, is_noise, is_picture_line, strip_quotes

log = logging.getLogger(__name__)

HEADER_LINES = 8
WRAP_WIDTH = 100                    # longest line of text that is hard-wrapped
_SMALL_WORDS = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "as", "by", "with",
                "from", "into", "over", "vs", "vs.", "via", "is", "be", "after", "amid", "per"}


@dataclass(frozen=True)
class CleanedText:
    """The parts of a pasted article: header fields and the body paragraphs joined by blank lines."""

    section: str | None
    title: str | None
    kicker: str | None
    deck: str | None
    body: str
    published: dt.date | None = None     # from a dateline such as "Updated May 14, 2024 9:12 AM"


@dataclass(frozen=True)
class Unit:
    """One kept (non-noise) line: its text, its blank-line block, and what noise follows it."""

    text: str
    block: int
    noise_after: bool = False           # any noise line follows before the next kept line
    picture_after: bool = False         # an image name, credit, byline or date line follows


def split_units(text: str) -> list[Unit]:
    """Split text into stripped non-blank lines, dropping noise lines but remembering where they were."""
    units: list[Unit] = []
    block = 0
    for line in re.split(r"\r\n|\r|\n", text):
        stripped = line.strip()
        if not stripped:
            block += 1
        elif is_noise(stripped):
            log.debug("dropping noise line %r", stripped)
            if units:
                picture = units[-1].picture_after or is_picture_line(stripped)
                units[-1] = dataclasses.replace(units[-1], noise_after=True, picture_after=picture)
        else:
            units.append(Unit(stripped, block))
    return units


def ends_sentence(text: str) -> bool:
    """Tell whether text ends with sentence punctuation (closing quotes and brackets aside)."""
    return text.rstrip(QUOTE_MARKS + ")]").endswith((".", "!", "?", "…", ":", ";"))


def measure_capitals(text: str) -> float:
    """Return the share of (non-small) words that start with a capital letter."""
    words = [w.strip(QUOTE_MARKS + "(),") for w in text.split()]
    words = [w for w in words if w and w[0].isalpha() and w.lower() not in _SMALL_WORDS]
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0


def is_prose(text: str) -> bool:
    """Tell whether a line reads as body prose: a sentence of six words or more, or a long line."""
    words = len(text.split())
    if words > 30:
        return True
    if words < 6 or not ends_sentence(text):
        return False
    return not (text.rstrip(QUOTE_MARKS).endswith(("?", "!")) and measure_capitals(text) >= 0.7)


def is_kicker(text: str) -> bool:
    """Tell whether a line is a kicker: short, ALL CAPS, perhaps in quotes."""
    bare = strip_quotes(text)
    return is_caps(bare) and len(bare.split()) <= 12 and not bare.endswith(".")


def is_label(text: str) -> bool:
    """Tell whether a line could be a section label: one to four words, no final punctuation."""
    return len(text.split()) <= 4 and len(text) <= 40 and not ends_sentence(text) and text[0] not in QUOTE_MARKS


def is_title_like(text: str) -> bool:
    """Tell whether a line could be a headline: 3 to 30 words, no final period, not a kicker."""
    words = len(text.split())
    return 3 <= words <= 30 and len(text) <= 250 and not text.rstrip(QUOTE_MARKS).endswith(".") \
        and not is_kicker(text)


@dataclass
class Header:
    """What parse_header found, and the index of the first body line."""

    section: str | None = None
    title: str | None = None
    kicker: str | None = None
    deck: str | None = None
    body_start: int = 0


def parse_header(units: list[Unit]) -> Header:
    """Find section, headline, kicker and deck among the lines before the first prose paragraph."""
    first_prose = next((i for i, u in enumerate(units) if ends_header(u.text)), len(units))
    rest = [u.text for u in units[:min(first_prose, HEADER_LINES)]]
    header = Header(body_start=first_prose)
    if len(rest) >= 2 and is_label(rest[0]) and any(is_title_like(t) for t in rest[1:]):
        header.section = rest.pop(0)
    header.kicker = next((strip_quotes(t) for t in rest if is_kicker(t)), None)
    rest = [t for t in rest if not is_kicker(t)]
    titles = [t for t in rest if is_title_like(t)]
    header.title = next((t for t in titles if measure_capitals(t) >= 0.6), titles[0] if titles else None)
    if header.title:
        rest.remove(header.title)
    elif rest and is_label(rest[0]) and header.section is None:
        header.section = rest.pop(0)
    header.deck = next((t for t in rest if len(t.split()) >= 6), None)
    if header.title and header.deck is None and first_prose < len(units) and is_standalone_deck(units, first_prose):
        header.deck = units[first_prose].text
        header.body_start = first_prose + 1
    for text in rest:
        if text != header.deck:
            log.debug("dropping unclassified header line %r", text)
    return header


def is_standalone_deck(units: list[Unit], index: int) -> bool:
    """Tell whether the first prose line is a deck: one sentence set off by a picture line from the body."""
    if index + 1 >= len(units):
        return False
    unit = units[index]
    one_sentence = len(re.findall(r"[.!?…][”’\"')]*\s+[A-Z“‘\"]", unit.text)) == 0
    return unit.picture_after and one_sentence and len(unit.text.split()) <= 50 and is_prose(units[index + 1].text)


def ends_header(text: str) -> bool:
    """Tell whether a line can no longer be part of the header: prose, or a sentence ending in a period."""
    return is_prose(text) or (text.rstrip(QUOTE_MARKS + ")]").endswith((".", "…")) and not is_kicker(text))


def merge_wrapped(units: list[Unit]) -> list[Unit]:
    """Join hard-wrapped lines of one paragraph: text wrapped at 100 characters or less, same block,
    a near-full line that ends no sentence, and no noise line between."""
    width = max((len(u.text) for u in units), default=0)
    if width > WRAP_WIDTH:
        return units
    merged: list[Unit] = []
    last_line = ""
    for unit in units:
        prev = merged[-1] if merged else None
        if (prev and prev.block == unit.block and not prev.noise_after and not ends_sentence(prev.text)
                and len(last_line) >= 0.6 * width):
            merged[-1] = dataclasses.replace(unit, text=prev.text + " " + unit.text)
        else:
            merged.append(unit)
        last_line = unit.text
    return merged


def normalize_for_match(text: str) -> str:
    """Casefold, unify quote marks away and collapse whitespace, for finding repeated sentences."""
    return " ".join(re.sub(f"[{re.escape(QUOTE_MARKS)}]", "", text).casefold().split())


def drop_pull_quotes(paragraphs: list[str]) -> list[str]:
    """Drop a short standalone paragraph whose text also appears inside a longer paragraph."""
    normal = [normalize_for_match(p) for p in paragraphs]
    kept = []
    for i, paragraph in enumerate(paragraphs):
        words = len(normal[i].split())
        repeated = 4 <= words <= 60 and any(
            j != i and len(other) > len(normal[i]) and normal[i] in other for j, other in enumerate(normal))
        if repeated:
            log.debug("dropping pull quote %r", paragraph)
        else:
            kept.append(paragraph)
    return kept


def drop_trailing_links(paragraphs: list[str]) -> list[str]:
    """Drop short lines without final punctuation after the last paragraph (related links, tags)."""
    end = len(paragraphs)
    while end > 1 and not ends_sentence(paragraphs[end - 1]) and len(paragraphs[end - 1].split()) < 20:
        log.debug("dropping trailing line %r", paragraphs[end - 1])
        end -= 1
    return paragraphs[:end]


def join_body(units: list[Unit]) -> str:
    """Join body lines into paragraphs separated by blank lines, without pull quotes or trailing links."""
    paragraphs = drop_trailing_links(drop_pull_quotes([u.text for u in units]))
    return "\n\n".join(paragraphs)


def clean_body(text: str, *, trailing_links: bool = True) -> str:
    """Clean text known to be body only: drop noise, pull quotes and (unless told not to) trailing links.

    ``trailing_links=False`` is for trafilatura's output: it has already cut navigation and
    link lists from the page structure, so the short unpunctuated lines left at its end are
    content (a signature, a source line, a list's last item), not related links.
    """
    units = merge_wrapped(split_units(text))
    if trailing_links:
        return join_body(units)
    return "\n\n".join(drop_pull_quotes([u.text for u in units]))


def clean_text(text: str) -> CleanedText:
    """Split pasted article text into section, headline, kicker, deck and a body free of layout noise."""
    units = merge_wrapped(split_units(text))
    header = parse_header(units)
    body = join_body(units[header.body_start:])
    return CleanedText(header.section, header.title, header.kicker, header.deck, body,
                       find_dateline_date(text))


_DATELINE_LABEL = re.compile(r"^(updated|published|posted|last modified|modified|first published)\s*:?\s*", re.I)
_TIME_PART = re.compile(r"\s*(\d{1,2}[:.]\d{2}\s*(am|pm|a\.m\.|p\.m\.)?|\d{1,2}\s*(am|pm))\b.*$", re.I)


def find_dateline_date(text: str, first_lines: int = 20) -> dt.date | None:
    """Return the date of the first dateline near the top ("Updated May 14, 2024 9:12 AM ET")."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:first_lines]
    for line in lines:
        if not is_dateline(line):
            continue
        core = _TIME_PART.sub("", _DATELINE_LABEL.sub("", line)).strip(" ,|•·")
        for fmt in ("%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%B %d %Y"):
            try:
                return dt.datetime.strptime(core, fmt).date()
            except ValueError:
                continue
    return None
