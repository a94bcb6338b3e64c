"""Stable article ids: from the normalised URL when there is one, else from outlet and text."""
from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_url(url: str) -> str:
    """Return the URL with lowercase scheme and host, no fragment, no utm_* parameters, no trailing slash."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not k.lower().startswith("utm_")])
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, host, path, query, ""))


def normalize_content(content: str) -> str:
    """Collapse every run of whitespace to one space and trim the ends."""
    return " ".join(content.split())


def make_article_id(url: str | None, content: str, outlet: str | None) -> str:
    """Return a 16-hex-digit id: same article twice gives the same id, one wire text in two outlets two ids.

    With a URL the id depends on the normalised URL only; without one it depends on
    the outlet (case-insensitive) and the whitespace-normalised content.
    """
    if url and url.strip():
        key = "url\n" + normalize_url(url)
    else:
        key = "text\n" + (outlet or "").strip().casefold() + "\n" + normalize_content(content)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
