"""Dashboard pages, server-rendered; each has a JSON twin at the same path plus ``.json``."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from forewarn.errors import ForewarnError
from forewarn.models import QUAD_NAMES
from forewarn.store import Store

from . import views
from .app import TEMPLATES
from .charts import series_chart, world_map
from .events import make_query
from .highlight import Span, highlight

router = APIRouter()
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0)]


def store_of(request: Request) -> Store:
    return request.app.state.stores.get()


def render(request: Request, template: str, page: dict[str, Any], **extra: Any) -> HTMLResponse:
    twin = request.url.path.rstrip("/") + ".json" if request.url.path != "/" else "/index.json"
    if request.url.query:
        twin += "?" + request.url.query
    html = TEMPLATES.get_template(template).render(page=page, twin=twin, path=request.url.path,
                                                   quad_names=QUAD_NAMES, **extra)
    return HTMLResponse(html)


# -- overview ----------------------------------------------------------------------------

@router.get("/index.json", tags=["pages"], summary="Overview page data")
def overview_json(request: Request) -> JSONResponse:
    return JSONResponse(views.overview(store_of(request)))


@router.get("/", include_in_schema=False)
def overview_page(request: Request) -> HTMLResponse:
    return render(request, "overview.html", views.overview(store_of(request)), title="Overview")


# -- dyad --------------------------------------------------------------------------------

@router.get("/dyads/{source}/{target}.json", tags=["pages"], summary="Dyad page data")
def dyad_json(request: Request, source: str, target: str) -> JSONResponse:
    return JSONResponse(views.dyad(store_of(request), source, target))


@router.get("/dyads/{source}/{target}", include_in_schema=False)
def dyad_page(request: Request, source: str, target: str) -> HTMLResponse:
    page = views.dyad(store_of(request), source, target)
    label = f"{page['source']} and {page['target']}: daily cooperation and conflict"
    return render(request, "dyad.html", page, title=f"{page['source']} – {page['target']}",
                  chart=series_chart(page["series"]["points"], label))


# -- event -------------------------------------------------------------------------------

@router.get("/events/{event_id}.json", tags=["pages"], summary="Event page data")
def event_json(request: Request, event_id: str,
               article: Annotated[str | None, Query()] = None) -> JSONResponse:
    page, _, _ = views.event(store_of(request), event_id, article)
    return JSONResponse(page)


@router.get("/events/{event_id}", include_in_schema=False)
def event_page(request: Request, event_id: str,
               article: Annotated[str | None, Query()] = None) -> HTMLResponse:
    page, row, doc = views.event(store_of(request), event_id, article)
    ev = row.event
    spans = [Span(**s) for s in page["evidence_spans"]]
    evidence = highlight(ev.evidence.sentence, spans, offset=ev.evidence.start)
    return render(request, "event.html", page, title=f"Event {ev.cameo.code} {ev.evidence.trigger}",
                  evidence=evidence)


# -- articles ----------------------------------------------------------------------------

@router.get("/articles.json", tags=["pages"], summary="Article list page data")
def articles_json(request: Request, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    return JSONResponse(views.articles(store_of(request), limit, offset))


@router.get("/articles", include_in_schema=False)
def articles_page(request: Request, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    return render(request, "articles.html", views.articles(store_of(request), limit, offset),
                  title="Articles")


@router.get("/articles/{article_id}.json", tags=["pages"], summary="Article page data")
def article_json(request: Request, article_id: str) -> JSONResponse:
    page, _ = views.article(store_of(request), article_id)
    return JSONResponse(page)


@router.get("/articles/{article_id}", include_in_schema=False)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    page, doc = views.article(store_of(request), article_id)
    body = highlight(doc.article.text, views.article_spans(doc))
    return render(request, "article.html", page, title=doc.article.title or doc.article.article_id,
                  body=body)


# -- search and map ----------------------------------------------------------------------

def _search(request: Request, params: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    try:
        query = make_query(**params)
    except ForewarnError as e:               # the page shows the problem next to the form
        return {"query": {k: v for k, v in params.items() if v not in (None, "")}, "events": [],
                "limit": params["limit"], "offset": params["offset"], "next": None}, str(e)
    return views.search(store_of(request), query, params), None


def _params(actor, country, dyad, undirected, category, root, quad, since, until, q, counted,
            limit, offset) -> dict[str, Any]:
    return {"actor": actor, "country": country, "dyad": dyad, "undirected": undirected,
            "category": category, "root": root, "quad": int(quad) if quad else None,
            "since": since, "until": until, "q": q, "counted": counted, "limit": limit,
            "offset": offset}


Opt = Annotated[str | None, Query()]


@router.get("/search.json", tags=["pages"], summary="Search page data (same filters as /api/events)")
def search_json(request: Request, actor: Opt = None, country: Opt = None, dyad: Opt = None,
                undirected: bool = False, category: Opt = None, root: Opt = None,
                quad: Annotated[int | None, Query(ge=1, le=4)] = None, since: Opt = None,
                until: Opt = None, q: Opt = None, counted: bool = False, limit: Limit = 50,
                offset: Offset = 0) -> JSONResponse:
    params = _params(actor, country, dyad, undirected, category, root, quad, since, until, q,
                     counted, limit, offset)
    page, problem = _search(request, params)
    if problem:
        make_query(**params)                 # raise it: the JSON twin answers with the error shape
    return JSONResponse(page)


@router.get("/search", include_in_schema=False)
def search_page(request: Request, actor: Opt = None, country: Opt = None, dyad: Opt = None,
                undirected: bool = False, category: Opt = None, root: Opt = None, quad: Opt = None,
                since: Opt = None, until: Opt = None, q: Opt = None, counted: bool = False,
                limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    quad_value = quad if quad in ("1", "2", "3", "4") else None
    params = _params(actor, country, dyad, undirected, category, root, quad_value, since, until,
                     q, counted, limit, offset)
    page, problem = _search(request, params)
    searched = any(v for k, v in params.items() if k not in ("limit", "offset"))
    return render(request, "search.html", page, title="Search", problem=problem, searched=searched)


@router.get("/map.json", tags=["pages"], summary="Map page data: located events")
def map_json(request: Request) -> JSONResponse:
    return JSONResponse(views.located(store_of(request)))


@router.get("/map", include_in_schema=False)
def map_page(request: Request) -> HTMLResponse:
    page = views.located(store_of(request))
    return render(request, "map.html", page, title="Map", svg=world_map(page["points"]))
