"""Highlight spans of article text as HTML, escaping every piece of text.

Spans may overlap or nest (an actor inside a quote): the text is cut at every span
boundary and each piece is wrapped once, with the classes of every span that covers it.
No piece of article text is ever marked safe before it has been escaped.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    """A highlighted stretch of text: character offsets, a CSS kind and a tooltip."""

    start: int
    end: int
    kind: str                     # actor | source | target | trigger | quote | place | date | reported
    title: str = ""


def highlight(text: str, spans: Iterable[Span], *, offset: int = 0) -> Markup:
    """Return ``text`` as escaped HTML with ``<mark>`` around the spans.

    ``offset`` is the position of ``text`` in the body the span offsets refer to (an
    evidence sentence starts at its own offset). Spans outside the text are clipped or
    dropped; paragraph breaks become ``<br>``.
    """
    end_of_text = len(text)
    kept: list[Span] = []
    for s in spans:
        start, end = max(0, s.start - offset), min(end_of_text, s.end - offset)
        if start < end:
            kept.append(Span(start, end, s.kind, s.title))
    cuts = sorted({0, end_of_text, *(s.start for s in kept), *(s.end for s in kept)})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        piece = _text(text[a:b])
        covering = [s for s in kept if s.start <= a and b <= s.end]
        if not covering:
            out.append(piece)
            continue
        kinds = " ".join(sorted({f"hl-{s.kind}" for s in covering}))
        titles = "; ".join(dict.fromkeys(s.title for s in covering if s.title))
        title = f' title="{escape(titles)}"' if titles else ""
        out.append(f'<mark class="{escape(kinds)}"{title}>{piece}</mark>')
    return Markup("".join(out))


def _text(piece: str) -> str:
    return str(escape(piece)).replace("\n\n", "<br><br>").replace("\n", "<br>")


def find_all(text: str, needle: str, *, base: int = 0) -> list[tuple[int, int]]:
    """Return the (start, end) offsets, shifted by ``base``, of each occurrence of ``needle``."""
    found: list[tuple[int, int]] = []
    if not needle:
        return found
    lower, target = text.casefold(), needle.casefold()
    if len(lower) != len(text):           # casefold changed lengths: search as written
        lower, target = text, needle
    i = lower.find(target)
    while i >= 0:
        found.append((base + i, base + i + len(target)))
        i = lower.find(target, i + len(target))
    return found
