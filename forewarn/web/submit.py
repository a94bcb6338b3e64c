"""``POST /articles``: code and store a submitted article (text or a URL to fetch).

Submitting needs the API token (``FOREWARN_API_TOKEN``), sent as
``Authorization: Bearer TOKEN`` or ``X-Forewarn-Token: TOKEN``. URLs are fetched only
over http(s) and only from public addresses: loopback, private and link-local hosts
are refused before any request is made.
"""
from __future__ import annotations

import hmac
import os
from typing import Any

from pydantic import BaseModel, Field

from forewarn.errors import InputError
from forewarn.ingest import Defaults, check_url, read_url
from forewarn.ingest.text import sniff_kind
from forewarn.models import RawArticle
from forewarn.settings import Settings
from forewarn.store import Store

TOKEN_ENV = "FOREWARN_API_TOKEN"
MAX_ARTICLES = 50                       # a feed URL can hold many entries


class Submission(BaseModel):
    """An article to code: its text, or a URL to fetch (an article page or a feed)."""

    text: str | None = Field(None, description="The article: plain text or HTML.")
    url: str | None = Field(None, description="Fetched when no text is given; else the article's URL.")
    title: str | None = None
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD.")
    outlet: str | None = None
    language: str | None = None


class AuthError(Exception):
    """A submission without the right token (401), or while submissions are off (403)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def token_from_env() -> str | None:
    return os.environ.get(TOKEN_ENV) or None


def check_token(expected: str | None, authorization: str | None, header_token: str | None) -> None:
    """Raise AuthError unless the request carries the configured token."""
    if not expected:
        raise AuthError(403, f"submitting articles is off: start the server with {TOKEN_ENV} set "
                             "to a secret token, then send it as 'Authorization: Bearer TOKEN'")
    given = header_token
    if authorization and authorization.lower().startswith("bearer "):
        given = authorization[7:].strip()
    if not given:
        raise AuthError(401, "this request needs the API token: send 'Authorization: Bearer TOKEN'")
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise AuthError(401, "the API token is wrong: send the token the server was started with")


def raw_articles(sub: Submission, settings: Settings) -> list[RawArticle]:
    """Turn a submission into raw articles, fetching its URL (public hosts only) if needed."""
    has_text = bool(sub.text and sub.text.strip())
    if not has_text and not sub.url:
        raise InputError("the submission has neither 'text' nor 'url': send one of them")
    defaults = Defaults.of(published=sub.published, outlet=sub.outlet, language=sub.language,
                           url=sub.url if has_text else None)
    if has_text:
        kind = sniff_kind(sub.text)
        kind = kind if kind in ("text", "html") else "text"
        raw = RawArticle(content=sub.text, content_type=kind, title=sub.title, origin="api")
        return [defaults.fill(raw, single=True)]
    check_url(sub.url, refuse_private=True)
    raws = []
    for raw in read_url(sub.url, defaults=defaults, settings=settings, refuse_private=True):
        raws.append(raw if raw.title or not sub.title else raw.__class__(
            **{**raw.__dict__, "title": sub.title}))
        if len(raws) >= MAX_ARTICLES:
            break
    if not raws:
        raise InputError(f"{sub.url!r} holds no article: give a page or feed with text in it")
    return raws


def _cluster(store: Store) -> None:
    """Join the new events to their clusters and dyad-day aggregates, as ingest does."""
    try:
        from forewarn.cluster import update_clusters
    except ImportError:
        return
    update_clusters(store)


def submit(store: Store, sub: Submission, settings: Settings) -> dict[str, Any]:
    """Code and store the submitted article(s); already stored ones are left as they are."""
    from forewarn.pipeline import code_articles   # spaCy loads on first submission only

    stored = []
    for doc in code_articles(raw_articles(sub, settings), settings):
        added = store.add_document(doc)
        aid = doc.article.article_id
        if added and doc.events:
            _cluster(store)
        stored.append({"article_id": aid, "added": added, "events": len(doc.events),
                       "title": doc.article.title, "links": {"article": f"/articles/{aid}"}})
    return {"articles": stored}
