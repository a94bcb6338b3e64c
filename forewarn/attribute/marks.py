"""Quote marks: pairing opening and closing marks paragraph by paragraph.

Curly, straight and guillemet double marks open a quote, and so do two apostrophes or
backticks in papers that type them (''So it goes,'' he said). A quote may close with a
different double mark than it opened with, as texts mix them. A quote running over
several paragraphs gives one span per paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_PAIRS = {"“": "”", '"': '"', "«": "»"}
# Marks that may close an open double quote: texts mix curly and straight marks (“…," he
# said) and some typeset a closing double mark as two apostrophes (’’ or '').
# Some papers also open with two apostrophes or backticks (''So it goes,'' he said).
_CLOSERS = {"“": ("”", '"', "’’", "''"), '"': ('"', "”", "’’", "''"), "«": ("»",),
            "''": ("''", "’’", "”"), "``": ("''", "’’", "”")}


@dataclass(frozen=True)
class QuoteMarks:
    """One pair of quote marks: mark offsets and the inner text's offsets."""

    open: int
    close: int                  # offset of the closing mark, or the paragraph end
    start: int
    end: int
    terminated: bool = True


def find_quote_marks(text: str) -> list[QuoteMarks]:
    """Pair quote marks paragraph by paragraph (a multi-paragraph quote gives one per paragraph).

    An opening mark left open at a paragraph's end is kept only when the next paragraph
    opens with a quote mark again (the newspaper convention for a quote that goes on) or
    with a lower-case letter (a line break inside the quoted sentence: the quote runs on
    to the closing mark in the next paragraph); otherwise it is a stray mark and is dropped.
    """
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text)]
    found: list[QuoteMarks] = []
    carried = ""        # the opener of a quote that runs on into this paragraph mid-sentence
    for n, (p_start, p_end) in enumerate(paragraphs):
        opened: int | None = p_start if carried else None
        opener, width = carried, 0
        carried = ""
        i = p_start
        while i < p_end:
            if opened is not None and i > opened + width and \
                    any(text.startswith(c, i) for c in _CLOSERS[opener]):
                found.append(_marks(text, opened, width, i, True))
                opened = None
                i += 1
                continue
            if opened is None:
                opener = _opener(text, i)
                if opener:
                    opened, width = i, len(opener)
                    i += width
                    continue
            i += 1
        if opened is not None and n + 1 < len(paragraphs):
            following = text[paragraphs[n + 1][0]]
            if _opener(text, paragraphs[n + 1][0]):
                found.append(_marks(text, opened, width, p_end, False))
            elif following.islower():
                # a line break inside a sentence: the quote goes on in the next paragraph
                found.append(_marks(text, opened, width, p_end, False))
                carried = opener
    return [m for m in found if m.end > m.start]


def _opener(text: str, i: int) -> str:
    """Return the opening quote mark at ``i`` ("“", '"', "«", "''", "``"), or ""."""
    if text[i] in _PAIRS:
        return text[i]
    pair = text[i:i + 2]
    if pair in ("''", "``") and (i == 0 or text[i - 1].isspace() or text[i - 1] in "(—–-") and \
            text[i + 2:i + 3].isalnum():
        return pair
    return ""


def _marks(text: str, opened: int, width: int, close: int, terminated: bool) -> QuoteMarks:
    start, end = opened + width, close
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1    # the comma before “…,” he said belongs to the attribution, not the quote
    return QuoteMarks(opened, close, start, end, terminated)


__all__ = ["QuoteMarks", "find_quote_marks"]
