"""Build the stage chain from settings: extract -> annotate -> resolve -> attribute -> code -> store."""
from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

from .annotate import annotate_many, load_model, model_version
from .attribute import find_quotes
from .code import CODER_NAME, CODER_VERSION, code_events, load_patterns
from .code.coder import country_adjectives
from .errors import ForewarnError
from .extract import extract_article
from .ingest import read_sources
from .models import Article, Coder, DateRef, Document, Place, Quote, RawArticle
from .resolve import find_dates, find_places, knowledge_version, load_knowledge, resolve_actors
from .settings import Settings, load_settings
from .store import Store

log = logging.getLogger(__name__)

@functools.cache
def _coder(settings: Settings) -> Coder:
    patterns = load_patterns(tuple(settings.pattern_files))
    data = f"patterns-{patterns.version}+actors-{knowledge_version(tuple(settings.actor_files))}"
    return Coder(CODER_NAME, f"{CODER_VERSION}+{model_version(settings.model)}", data)


@functools.cache
def _adjectives(settings: Settings) -> dict[str, str]:
    return country_adjectives(load_knowledge(tuple(settings.actor_files)))


def _stamp_quote(quote: Quote, published: dt.date | None) -> Quote:
    if quote.date is not None or published is None:
        return quote
    from dataclasses import replace
    return replace(quote, date=DateRef(None, published, granularity="day", resolved_from="publication"))


def code_parsed(article: Article, doc, settings: Settings) -> Document:
    """Resolve, attribute and code one article whose body ``doc`` has been parsed."""
    knowledge = load_knowledge(tuple(settings.actor_files))
    actors = resolve_actors(doc, article.published, knowledge)
    dates = find_dates(doc, article.published, text=article.text) if article.published else []
    quotes = [_stamp_quote(q, article.published) for q in find_quotes(doc, actors, article.published, dates)]
    places = find_places(doc, actors, article.published)
    events = code_events(doc, article, actors, quotes, dates, coder=_coder(settings),
                         patterns=load_patterns(tuple(settings.pattern_files)),
                         adjectives=_adjectives(settings), places=places)
    return Document(article=article, events=tuple(events), quotes=tuple(quotes), actors=tuple(actors),
                    places=tuple(places), dates=tuple(dates))


def code_articles(raws: Iterable[RawArticle], settings: Settings | None = None) -> Iterator[Document]:
    """Code raw articles in input order, parsing them in batches (one spaCy pass each)."""
    settings = settings or load_settings()
    load_model(settings.model)
    it = iter(raws)
    while batch := list(islice(it, settings.batch_size)):
        articles = [extract_article(raw) for raw in batch]
        docs = annotate_many((a.text for a in articles), settings.model, settings.batch_size)
        for article, doc in zip(articles, docs):
            yield code_parsed(article, doc, settings)


def code_article(raw: RawArticle | str, settings: Settings | None = None, **meta) -> Document:
    """Code one article (a RawArticle, or plain text plus published/outlet/url keywords)."""
    if isinstance(raw, str):
        raw = RawArticle(content=raw, **meta)
    return next(code_articles([raw], settings))


@dataclass
class IngestSummary:
    """What one ingest run did."""

    seen: int = 0
    added: int = 0
    skipped: int = 0              # already stored: ingesting again changes nothing
    events: int = 0
    errors: list[str] = field(default_factory=list)


def ingest(sources: Sequence[str], settings: Settings | None = None, *, store: Store | None = None,
           on_article: Callable[[Document | None, RawArticle], None] | None = None,
           analyse: bool = True, client=None, **defaults) -> IngestSummary:
    """Read, code and store articles from ``sources`` (one transaction per article).

    ``defaults`` (published, outlet, url, language) fill what an input lacks. A bad source
    is recorded in the summary's errors and the run goes on with the next one; articles
    already stored are skipped before parsing, so an interrupted run can simply be re-run.
    With ``analyse`` (the default) each stored article's events join their clusters and
    the dyad-day aggregates at once (``forewarn.cluster.update_clusters``; events left
    unclustered by a crash are picked up by the next run). ``client`` is the httpx client
    used for URLs and feeds (tests pass one with a mock transport).
    """
    from .cluster import update_clusters

    settings = settings or load_settings()
    own = store is None
    store = store or Store(settings.db)
    summary = IngestSummary()
    try:
        if analyse:
            update_clusters(store)          # finish what an interrupted run left
        for source in sources:
            try:
                raws = read_sources([source], settings=settings, client=client, **defaults)
                for doc, raw in _code_new(raws, settings, store, summary):
                    if doc is not None:
                        if store.add_document(doc):
                            summary.added += 1
                            summary.events += len(doc.events)
                            if analyse and doc.events:
                                update_clusters(store)
                        else:
                            summary.skipped += 1
                    if on_article:
                        on_article(doc, raw)
            except ForewarnError as e:
                message = str(e)
                summary.errors.append(message if source in message else f"{source}: {message}")
                log.info("ingest of %s failed: %s", source, e)
    finally:
        if own:
            store.close()
    return summary


def _code_new(raws: Iterable[RawArticle], settings: Settings, store: Store,
              summary: IngestSummary) -> Iterator[tuple[Document | None, RawArticle]]:
    it = iter(raws)
    while batch := list(islice(it, settings.batch_size)):
        fresh: list[tuple[Article, RawArticle]] = []
        for raw in batch:
            summary.seen += 1
            article = extract_article(raw)
            if store.has_article(article.article_id):
                summary.skipped += 1
                yield None, raw
            else:
                fresh.append((article, raw))
        docs = annotate_many((a.text for a, _ in fresh), settings.model, settings.batch_size)
        for (article, raw), doc in zip(fresh, docs):
            yield code_parsed(article, doc, settings), raw
