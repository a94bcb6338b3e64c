"""Typed records passed between pipeline stages.

Every stage takes and returns these frozen dataclasses; only ``to_dict`` turns them
into the JSON interchange format of docs/DESIGN.md (field names are the contract).
Character offsets always index into ``Article.text`` (the cleaned body).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

SECTORS = (
    "GOV", "MIL", "COP", "JUD", "SPY", "LEG", "PTY", "REB", "OPP", "INS", "MED", "BUS",
    "CVL", "REF", "IGO", "NGO", "EDU", "HLH", "LAB", "CRM", "ELI", "UAF", "REL", "ETH",
)

QUAD_NAMES = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}


@dataclass(frozen=True)
class RawArticle:
    """One article as ingested, before extraction: raw content plus what we know about it."""

    content: str
    content_type: str = "text"          # "text" | "html"
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    language: str | None = None
    title: str | None = None
    origin: str | None = None           # where it came from: a path, URL or "stdin:3"


@dataclass(frozen=True)
class Article:
    """A cleaned article: metadata and the body text that all offsets refer to."""

    article_id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    section: str | None = None
    kicker: str | None = None
    deck: str | None = None
    published: dt.date | None = None
    language: str = "en"
    origin: str | None = None


@dataclass(frozen=True)
class Actor:
    """A resolved mention of a political actor: country (ISO alpha-3) plus PLOVER sector."""

    text: str
    start: int
    end: int
    country: str | None = None
    sector: str | None = None
    name: str | None = None             # canonical name of a known person or organisation
    kb_id: str | None = None


@dataclass(frozen=True)
class DateRef:
    """A resolved temporal expression (or an event date): a day or an inclusive range."""

    text: str | None
    value: dt.date | None
    end: dt.date | None = None          # inclusive last day of a range; None for a single day
    granularity: str = "day"            # day | week | month | season | year | range | unknown
    start: int | None = None            # character offset of ``text`` in the body
    resolved_from: str = "text"         # text | publication | sentence | quote


@dataclass(frozen=True)
class Place:
    text: str
    start: int
    end: int
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    confidence: float = 0.0


@dataclass(frozen=True)
class Quote:
    quote_id: str
    text: str
    kind: str                           # direct | indirect | partial
    start: int
    end: int
    speaker: Actor | None = None
    verb: str | None = None
    channel: str | None = None
    date: DateRef | None = None


@dataclass(frozen=True)
class Cameo:
    code: str
    base: str
    root: str


@dataclass(frozen=True)
class Plover:
    category: str | None
    mode: str | None = None
    context: str | None = None


@dataclass(frozen=True)
class Evidence:
    sentence: str
    start: int                          # sentence offsets in the body
    end: int
    trigger: str
    trigger_start: int | None = None
    trigger_end: int | None = None
    quote_id: str | None = None


@dataclass(frozen=True)
class Modality:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    hedged: bool = False
    claimed_by: str | None = None


@dataclass(frozen=True)
class Coder:
    name: str
    version: str
    data_version: str


@dataclass(frozen=True)
class Event:
    event_id: str
    article_id: str
    sentence_index: int
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    cameo: Cameo
    plover: Plover
    goldstein: float | None
    plover_score: float | None
    quad_class: int
    date: DateRef
    evidence: Evidence
    coder: Coder
    modality: Modality = field(default_factory=Modality)
    reported_by: tuple[str, ...] = ()
    place: Place | None = None
    confidence: float = 0.5
    cluster_id: str | None = None


@dataclass(frozen=True)
class Document:
    """Everything coded from one article."""

    article: Article
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateRef, ...] = ()


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def to_dict(record: Any) -> dict[str, Any]:
    """Render a record as the JSON interchange dictionary (dates as ISO strings)."""
    return _plain(dataclasses.asdict(record))


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def actor_from_dict(d: dict[str, Any]) -> Actor:
    return Actor(**{f.name: d.get(f.name) for f in dataclasses.fields(Actor)})


def date_from_dict(d: dict[str, Any] | None) -> DateRef | None:
    if not d:
        return None
    return DateRef(text=d.get("text"), value=_date(d.get("value")), end=_date(d.get("end")),
                   granularity=d.get("granularity") or "day", start=d.get("start"),
                   resolved_from=d.get("resolved_from") or "text")


def event_from_dict(d: dict[str, Any]) -> Event:
    """Rebuild an Event from its interchange dictionary (as stored)."""
    place = d.get("place")
    return Event(
        event_id=d["event_id"], article_id=d["article_id"], sentence_index=d["sentence_index"],
        source=tuple(actor_from_dict(a) for a in d.get("source") or ()),
        target=tuple(actor_from_dict(a) for a in d.get("target") or ()),
        cameo=Cameo(**d["cameo"]), plover=Plover(**d["plover"]),
        goldstein=d.get("goldstein"), plover_score=d.get("plover_score"), quad_class=d["quad_class"],
        date=date_from_dict(d.get("date")) or DateRef(None, None, granularity="unknown"),
        evidence=Evidence(**d["evidence"]), coder=Coder(**d["coder"]),
        modality=Modality(**(d.get("modality") or {})), reported_by=tuple(d.get("reported_by") or ()),
        place=Place(**place) if place else None, confidence=d.get("confidence", 0.5),
        cluster_id=d.get("cluster_id"),
    )


# -- clusters, dyad aggregates and warnings (forewarn.cluster / aggregate / warn) ----------

@dataclass(frozen=True)
class ClusterKey:
    """What two mentions must share to be the same real event.

    The dyad is the first source and first target actor (country and sector; "" when
    unknown), ``category`` the PLOVER category or ``CAMEO:NN`` for roots without one,
    and ``counted`` whether the mention is neither negated nor hypothetical (a denial
    is never merged with the deed it denies).
    """

    source_country: str
    source_sector: str
    target_country: str
    target_sector: str
    category: str
    counted: bool


@dataclass(frozen=True)
class Cluster:
    """One real event reported by one or more mentions (events) in one or more articles."""

    cluster_id: str
    key: ClusterKey
    cameo_code: str
    cameo_root: str
    quad_class: int
    goldstein: float | None
    plover_score: float | None
    day: dt.date | None                 # the anchor day: the first mention's (start) date
    end: dt.date | None                 # the first mention's last day (== day for a single day)
    first_seen: dt.date | None          # earliest publication date among its articles
    last_seen: dt.date | None           # latest publication date among its articles
    mentions: int = 1
    sources: int = 1                    # distinct outlets
    articles: int = 1                   # distinct article ids
    signatures: tuple[frozenset[str], ...] = ()   # evidence token sets of its first mentions
    first_event_id: str = ""
    historical: bool = False


@dataclass(frozen=True)
class DyadDay:
    """Counted clusters of one directed dyad on one day (or week, then ``day`` is its Monday)."""

    source_country: str                 # "" for an unknown side
    target_country: str
    day: dt.date
    clusters: int = 0
    quad: tuple[int, int, int, int] = (0, 0, 0, 0)   # clusters per GDELT quad class 1..4
    goldstein_sum: float = 0.0
    plover_sum: float = 0.0
    conflict: float = 0.0               # conflict weight: sum of max(1, -goldstein) over quad 3-4
    cooperation: float = 0.0            # cooperation weight: sum of max(1, goldstein) over quad 1-2
    day_total: int = 0                  # counted clusters of every dyad that day (the volume)

    @property
    def goldstein_mean(self) -> float | None:
        return self.goldstein_sum / self.clusters if self.clusters else None

    @property
    def conflict_share(self) -> float | None:
        """Conflict weight per cluster of the day's whole volume (normalised)."""
        return self.conflict / self.day_total if self.day_total else None

    @property
    def cooperation_share(self) -> float | None:
        return self.cooperation / self.day_total if self.day_total else None


@dataclass(frozen=True)
class ClusterEvidence:
    """A cluster behind a warning, with the sentences and outlets that report it."""

    cluster: Cluster
    sentences: tuple[str, ...]
    outlets: tuple[str, ...]
    urls: tuple[str, ...]


@dataclass(frozen=True)
class DyadWarning:
    """A dyad whose conflict (escalation) or cooperation (de-escalation) weight broke out.

    ``value`` is the weight summed over the ``window`` days ending on ``day``; ``baseline``
    and ``threshold`` come from the dyad's own history (median + k * scaled MAD),
    ``persistence`` is what a no-change forecast (the previous window) predicted.
    """

    warning_id: str
    kind: str                           # "escalation" | "de-escalation"
    source_country: str
    target_country: str
    onset: dt.date                      # first day it fired in the current run of days
    day: dt.date                        # the latest day it fires
    severity: str                       # moderate | high | severe
    score: float                        # (value - baseline) / scale
    value: float
    baseline: float
    threshold: float
    persistence: float
    sources: tuple[str, ...]
    clusters: tuple[ClusterEvidence, ...] = ()
