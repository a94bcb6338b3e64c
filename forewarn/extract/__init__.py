"""Extract: turn raw content (pasted text or HTML) into a cleaned Article."""
from __future__ import annotations

from .article import extract_article
from .html import HtmlExtract, extract_html
from .pasted import CleanedText, clean_body, clean_text

__all__ = ["CleanedText", "HtmlExtract", "clean_body", "clean_text", "extract_article", "extract_html"]
