"""Where a stretch of an article's text sits in its layout: body line, heading or caption.

Two layouts carry quotes without a speech verb: an embedded post ("... pic.twitter.com/x
— Jane Doe (@janedoe) May 5, 2019") and a pull quote, a line of someone's words signed
with their name after the last sentence ("... we will rebuild. Jane Doe, mayor").

News bodies taken from web pages keep more than the running text: section headings and
"READ MORE: ..." links (lines with no closing punctuation), photo captions (a line that
ends with a credit such as "(Jane Doe/Agency)"). Speech verbs there are not reported
speech of the article: a link's "X says Y" is another story's headline, and a caption
repeats a quote from the body. These helpers let the quote finder tell them apart.
"""
from __future__ import annotations

import re

# A closing character that ends a line of running text (a heading has none of these).
_LINE_END = frozenset(".!?:;…\"”’'»)]")
# Headings and captions are short; a longer line is running text whatever its ending.
HEADING_MAX_CHARS = 160
CAPTION_MAX_CHARS = 400
# A photo or video credit closing a caption: "(Jane Doe/Agency)", "(Agency / Jane Doe)".
_CREDIT = re.compile(r"\(\s*[A-Z][^()\n/]{1,60}/\s*[A-Z][^()\n]{1,60}\)\s*$")


# An embedded post: text, an optional link, "— Name (@handle) Month Day, Year".
_POST = re.compile(r"^(?P<body>.+?)\s*(?:\S*(?:pic\.twitter\.com|https?://t\.co)/\S+\s*)?[—–]\s*"
                   r"(?P<name>[^()\n]{2,60}?)\s*\(@\w+\)\s*[A-Z][a-z]+\.? \d{1,2}, \d{4}\s*$")
# A signed pull quote: sentences, then a name (and maybe ", title") with no closing stop.
_SIGNED = re.compile(r"^(?P<body>.{20,}?[.!?…][\"”’]?)\s+(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})"
                     r"(?:, [^.!?\n]{1,60})?$")


def signed_lines(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Return (body span, name span) of each embedded post and signed pull-quote line.

    The caller still checks that the signature is a name (the pattern only sees its
    shape); a line that ends with a full stop is prose, never a signature.
    """
    out = []
    for line in re.finditer(r"[^\n]+", text):
        stripped = line.group().rstrip()
        for pattern in (_POST, _SIGNED):
            m = pattern.match(stripped)
            if m and not (pattern is _SIGNED and stripped[-1] in ".!?…"):
                base = line.start()
                body = strip_edges(text, base + m.start("body"), base + m.end("body"))
                out.append((body, (base + m.start("name"), base + m.end("name"))))
                break
    return out


def line_bounds(text: str, offset: int) -> tuple[int, int]:
    """Return the start and end offsets of the line holding ``offset``."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def is_caption(text: str, offset: int) -> bool:
    """Tell whether ``offset`` is on a line that ends with a photo credit."""
    start, end = line_bounds(text, offset)
    line = text[start:end].rstrip()
    return len(line) <= CAPTION_MAX_CHARS and bool(_CREDIT.search(line))


def is_heading(text: str, offset: int) -> bool:
    """Tell whether ``offset`` is on a line with no closing punctuation (a heading or link)."""
    start, end = line_bounds(text, offset)
    line = text[start:end].rstrip()
    return 0 < len(line) <= HEADING_MAX_CHARS and line[-1] not in _LINE_END


def clip_to_line(text: str, start: int, end: int, anchor: int) -> tuple[int, int]:
    """Shrink ``start..end`` to the lines on ``anchor``'s side of any line break inside it.

    A reported clause does not run over a line break: when the parser joins a heading to
    the next sentence, the part away from the speech verb (``anchor``) is dropped.
    """
    if anchor <= start:
        cut = text.find("\n", start, end)
        return (start, cut) if cut >= 0 else (start, end)
    if anchor >= end:
        cut = text.rfind("\n", start, end)
        return (cut + 1, end) if cut >= 0 else (start, end)
    line_start, line_end = line_bounds(text, anchor)
    return max(start, line_start), min(end, line_end)


def strip_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces and commas from both ends of ``start..end``."""
    while start < end and (text[start].isspace() or text[start] in ",;"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end
