"""The JSON API under ``/api`` (OpenAPI at ``/docs``), plus ``POST /articles``."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
import orjson
from fastapi.responses import Response

from forewarn.errors import InputError
from forewarn.models import to_dict
from forewarn.store import Store

from . import analysis, views
from .events import find_records, make_query
from .submit import Submission, check_token, submit

router = APIRouter()

QUOTE_SCAN_ARTICLES = 200

Limit = Annotated[int, Query(ge=1, le=1000, description="At most this many results.")]
Offset = Annotated[int, Query(ge=0, description="Skip this many results.")]


def store_of(request: Request) -> Store:
    return request.app.state.stores.get()


class FastJSON(Response):
    """A JSON response rendered by orjson (several times faster than the json module)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


def ok(body: Any, status: int = 200) -> FastJSON:
    return FastJSON(body, status_code=status)


# -- articles ----------------------------------------------------------------------------

@router.get("/api/articles", tags=["articles"], summary="List articles, newest first")
def list_articles(request: Request, limit: Limit = 50, offset: Offset = 0) -> FastJSON:
    return ok(views.articles(store_of(request), limit, offset))


@router.get("/api/articles/{article_id}", tags=["articles"],
            summary="One article: cleaned text, events, quotes, actors, places and dates")
def get_article(request: Request, article_id: str) -> FastJSON:
    page, _ = views.article(store_of(request), article_id)
    return ok(page)


@router.post("/articles", tags=["articles"], status_code=201,
             summary="Submit an article (text or URL) for coding; needs the API token")
@router.post("/api/articles", tags=["articles"], status_code=201, include_in_schema=False)
def post_article(request: Request, submission: Submission,
                 authorization: Annotated[str | None, Header()] = None,
                 x_forewarn_token: Annotated[str | None, Header()] = None) -> FastJSON:
    check_token(request.app.state.token, authorization, x_forewarn_token)
    result = submit(store_of(request), submission, request.app.state.settings)
    return ok(result, 201)


# -- events ------------------------------------------------------------------------------

@router.get("/api/events", tags=["events"], summary="Query events")
def list_events(
    request: Request,
    actor: Annotated[str | None, Query(description="Actor text or name contains this.")] = None,
    country: Annotated[str | None, Query(description="Source or target country (ISO alpha-3).")] = None,
    dyad: Annotated[str | None, Query(description="Source,target countries, e.g. ARM,AZE.")] = None,
    undirected: Annotated[bool, Query(description="The dyad in either direction.")] = False,
    category: Annotated[str | None, Query(description="PLOVER category, e.g. ASSAULT.")] = None,
    root: Annotated[str | None, Query(description="CAMEO root, 01..20.")] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="GDELT quad class 1..4.")] = None,
    since: Annotated[str | None, Query(description="First event date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(description="Last event date, YYYY-MM-DD.")] = None,
    article: Annotated[str | None, Query(description="Only this article's events.")] = None,
    q: Annotated[str | None, Query(description="Text in the evidence sentence, trigger or actors.")] = None,
    counted: Annotated[bool, Query(description="Leave out negated and hypothetical events.")] = False,
    limit: Limit = 50, offset: Offset = 0,
) -> FastJSON:
    query = make_query(actor=actor, country=country, dyad=dyad, undirected=undirected,
                       category=category, root=root, quad=quad, since=since, until=until,
                       article=article, q=q, counted=counted, limit=limit, offset=offset)
    events, more = find_records(store_of(request), query)
    return ok({"events": events, "limit": limit, "offset": offset, "more": more})


@router.get("/api/events/{event_id}", tags=["events"],
            summary="One event with its evidence, quote and the articles that reported it")
def get_one_event(request: Request, event_id: str,
                  article: Annotated[str | None, Query(description="Its article id (faster).")] = None
                  ) -> FastJSON:
    page, _, _ = views.event(store_of(request), event_id, article)
    return ok(page)


# -- clusters, dyads, warnings, quotes ---------------------------------------------------

@router.get("/api/clusters", tags=["analysis"], summary="Event clusters (one per real event)")
def list_clusters(
    request: Request,
    dyad: Annotated[str | None, Query(description="Directed dyad source,target, e.g. AZE,ARM.")] = None,
    since: Annotated[str | None, Query(description="First anchor day, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(description="Last anchor day, YYYY-MM-DD.")] = None,
    limit: Limit = 50,
) -> FastJSON:
    filt = make_query(dyad=dyad, since=since, until=until).filt    # validates the values
    return ok(analysis.clusters(store_of(request), limit=limit, dyad=filt.dyad, since=filt.since,
                                until=filt.until))


@router.get("/api/dyads", tags=["analysis"], summary="The most active dyads of the last 30 days (wider if quiet)")
def list_dyads(request: Request, limit: Annotated[int, Query(ge=1, le=100)] = 10) -> FastJSON:
    store = store_of(request)
    return ok(analysis.active_dyads(store, analysis.latest_day(store), limit=limit))


@router.get("/api/dyads/{source}/{target}/series", tags=["analysis"],
            summary="Daily conflict and cooperation of a dyad")
def dyad_series(request: Request, source: str, target: str,
                undirected: Annotated[bool, Query(description="Both directions.")] = True) -> FastJSON:
    make_query(dyad=f"{source},{target}")          # validates the country codes
    a, b = source.strip().upper(), target.strip().upper()
    series = analysis.dyad_series(store_of(request), a, b, undirected=undirected)
    return ok({"source": a, "target": b, "undirected": undirected, **series})


@router.get("/api/warnings", tags=["analysis"], summary="Current warnings with their evidence")
def list_warnings(request: Request, limit: Annotated[int, Query(ge=1, le=200)] = 20) -> FastJSON:
    return ok(analysis.warnings(store_of(request), limit=limit))


@router.get("/api/quotes", tags=["quotes"], summary="Quotes, by article or speaker")
def list_quotes(
    request: Request,
    article: Annotated[str | None, Query(description="Quotes of this article.")] = None,
    country: Annotated[str | None, Query(description="Speaker's country (ISO alpha-3).")] = None,
    speaker: Annotated[str | None, Query(description="Speaker's name or text contains this.")] = None,
    limit: Limit = 50,
) -> FastJSON:
    store = store_of(request)
    if country is not None:
        country = make_query(country=country).filt.country
    if article:
        ids = [views.resolve_article(store, article)]
    else:
        ids = [a.article_id for a in store.list_articles(limit=QUOTE_SCAN_ARTICLES)]
    found: list[dict[str, Any]] = []
    needle = (speaker or "").strip().casefold()
    for aid in ids:
        doc = store.get_document(aid)
        if doc is None:
            continue
        for quote in doc.quotes:
            who = quote.speaker
            if country and (who is None or who.country != country):
                continue
            if needle and (who is None or needle not in f"{who.text}\n{who.name or ''}".casefold()):
                continue
            found.append({**to_dict(quote), "article": views.article_summary(doc.article)})
        if len(found) >= limit:
            break
    if not article and speaker is not None and not needle:
        raise InputError("speaker filter is empty; give part of a speaker's name")
    return ok({"quotes": found[:limit], "scope": "article" if article else
               f"the {QUOTE_SCAN_ARTICLES} newest articles"})
