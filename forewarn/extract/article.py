"""Turn a RawArticle into an Article: clean text, fill metadata, compute the id."""
from __future__ import annotations

import logging

from ..ingest.ids import make_article_id
from ..models import Article, RawArticle
from .html import extract_html
from .pasted import CleanedText, clean_body, clean_text, ends_sentence

log = logging.getLogger(__name__)


def clean_html_text(text: str, title: str | None) -> CleanedText:
    """Clean trafilatura's text: drop a repeated headline line and layout noise; keep no header parse."""
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and title and lines[0].strip() == title.strip():
        lines = lines[1:]
    body = clean_body("\n\n".join(lines), trailing_links=False)
    # a table row ("| ... statt. |  |") is a sentence when a cell is: look past the cell bars
    if body and not any(ends_sentence(p.strip(" |")) for p in body.split("\n\n")):
        log.info("HTML text has no sentence, only labels (%r): treating it as no article", body[:60])
        body = ""
    return CleanedText(None, None, None, None, body)


def extract_article(raw: RawArticle) -> Article:
    """Clean a raw article and fill every Article field; its own values win over page metadata.

    Content with no article text gives an Article with empty text (logged), not an error.
    """
    if raw.content_type == "html":
        page = extract_html(raw.content, raw.url)
        cleaned = clean_html_text(page.text, page.title)
        meta = page
    else:
        cleaned = clean_text(raw.content)
        meta = None
    if not cleaned.body:
        log.info("no article text in %s", raw.origin or raw.url or "input")
    url = raw.url or (meta.url if meta else None)
    outlet = raw.outlet or (meta.outlet if meta else None)
    return Article(
        article_id=make_article_id(url, raw.content, outlet),
        text=cleaned.body,
        url=url,
        outlet=outlet,
        title=raw.title or cleaned.title or (meta.title if meta else None),
        section=cleaned.section,
        kicker=cleaned.kicker,
        deck=cleaned.deck,
        published=raw.published or cleaned.published or (meta.published if meta else None),
        language=raw.language or (meta.language if meta else None) or "en",
        origin=raw.origin,
    )
