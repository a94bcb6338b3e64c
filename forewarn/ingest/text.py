"""Decode raw bytes to text and sniff what kind of content they hold."""
from __future__ import annotations

import logging
import re

from ..errors import InputError

log = logging.getLogger(__name__)

HTML_SUFFIXES = {".html", ".htm"}
TEXT_SUFFIXES = {".txt", ".text", ".md"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
JSON_SUFFIXES = {".jsonl", ".json"}
SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES | FEED_SUFFIXES | JSON_SUFFIXES

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_TAG = re.compile(r"<(!doctype\s+html|html|head|body|article|main|div|p|h1|meta|title|section)\b", re.I)
_FEED_TAG = re.compile(r"<(rss|feed|rdf:RDF)\b", re.I)


def check_binary(data: bytes, origin: str) -> None:
    """Raise InputError when the bytes look binary (NUL bytes or many control bytes)."""
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32 or b == 127)
    if b"\x00" in sample or (sample and controls / len(sample) > 0.05):
        raise InputError(f"{origin!r} looks like a binary file, not text: pass a text, HTML, feed or JSON Lines file")


def decode_bytes(data: bytes, origin: str, charset: str | None = None) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, a declared charset, or cp1252 as a last resort.

    cp1252 is accepted, with a logged warning, only when it yields no control
    characters; anything else raises InputError.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(f"{origin!r} has a UTF-16 mark but is not valid UTF-16: re-save it as UTF-8") from e
    check_binary(data, origin)
    for encoding in ([charset] if charset else []) + ["utf-8-sig"]:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and not _CONTROL.search(text):
        log.warning("%s is not UTF-8; decoded it as Windows-1252 (cp1252)", origin)
        return text
    raise InputError(f"{origin!r} is not UTF-8 text: re-save it as UTF-8")


def require_text(text: str, origin: str) -> str:
    """Return the text, or raise InputError when it is empty or whitespace only."""
    if not text.strip():
        raise InputError(f"{origin!r} is empty (or only whitespace): pass a file with article text")
    return text


def looks_like_html(text: str) -> bool:
    """Tell whether text is an HTML document or fragment (it starts with a tag)."""
    head = text.lstrip("\ufeff \t\r\n")[:2048]
    return head.startswith("<") and bool(_HTML_TAG.search(head)) and not looks_like_feed(text)


def looks_like_feed(text: str) -> bool:
    """Tell whether text is an RSS, Atom or RDF feed."""
    head = text.lstrip("\ufeff \t\r\n")[:2048]
    return head.startswith("<") and bool(_FEED_TAG.search(head))


def looks_like_jsonl(text: str) -> bool:
    """Tell whether every non-blank line of text starts a JSON object."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return bool(lines) and all(line.startswith("{") for line in lines)


def sniff_kind(text: str, suffix: str = "", content_type: str = "") -> str:
    """Return "feed", "html", "jsonl", "json" or "text" from a file suffix, content type and content."""
    suffix, content_type = suffix.lower(), content_type.lower().split(";")[0].strip()
    if suffix == ".jsonl" or content_type in ("application/x-ndjson", "application/jsonl"):
        return "jsonl"
    if suffix == ".json" or content_type == "application/json":
        return "json"
    if looks_like_feed(text) or content_type in ("application/rss+xml", "application/atom+xml"):
        return "feed"
    if suffix in HTML_SUFFIXES or content_type in ("text/html", "application/xhtml+xml") or looks_like_html(text):
        return "html"
    if suffix in FEED_SUFFIXES or content_type in ("application/xml", "text/xml"):
        return "feed"
    if not suffix and not content_type and looks_like_jsonl(text):
        return "jsonl"
    return "text"
