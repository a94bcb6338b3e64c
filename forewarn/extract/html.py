"""Extract body text and metadata from HTML with trafilatura (plain lxml text for fragments)."""
from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

import lxml.etree
import lxml.html
import trafilatura

from ..errors import ExtractionError

log = logging.getLogger(__name__)

_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.I)
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "tr", "section",
           "article", "header", "footer", "figcaption", "pre", "dd", "dt"}


@dataclass(frozen=True)
class HtmlExtract:
    """What trafilatura found in a page: body lines (one paragraph each) and metadata, None when absent."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None


def find_language(html: str) -> str | None:
    """Return the two- or three-letter language of the <html lang> attribute, lowercased."""
    match = _LANG.search(html[:5000])
    return match.group(1).lower() if match else None


def parse_iso_date(value: str | None) -> dt.date | None:
    """Return the date of an ISO date string from trafilatura, or None."""
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def extract_fragment_text(html: str) -> str:
    """Return the text of an HTML fragment (e.g. a feed summary), one line per block element."""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError) as e:
        raise ExtractionError(f"cannot parse HTML fragment {html[:60]!r}: {e}; pass well-formed HTML") from e
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
    return root.text_content()


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    """Extract the main text and metadata of an HTML page; a page without an article gives empty text."""
    try:
        # Tables are kept: in news they hold content (casualty counts, vote tallies), and
        # trafilatura's own evaluation runs with them (F1 0.893 -> 0.924 on its pages).
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=True)
    except (lxml.etree.LxmlError, ValueError) as e:
        raise ExtractionError(f"cannot parse HTML from {url or 'input'!r}: {e}; pass a valid HTML page") from e
    language = find_language(html)
    if doc is None or not (doc.text or "").strip():
        text = extract_fragment_text(html) if not re.search(r"<(html|body)\b", html[:5000], re.I) else ""
        if not text.strip():
            log.info("no article text found in HTML from %s", url or "input")
        return HtmlExtract(text=text, url=url, language=language,
                           title=(doc.title or None) if doc is not None else None)
    return HtmlExtract(text=doc.text, title=doc.title or None, published=parse_iso_date(doc.date),
                       outlet=doc.sitename or None, url=doc.url or url, language=language)
