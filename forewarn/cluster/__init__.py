"""Cluster: mentions of the same real event (across articles, outlets, or within one) become one.

Two mentions join when they share a ``ClusterKey`` (first source and first target actor's
country and sector, PLOVER category or CAMEO root, counted or not), their dates are
compatible (the new mention's range, widened by ``window_days``, meets the cluster's
anchor range) and their evidence is similar (token Jaccard >= ``min_similarity`` against
any of the cluster's first signatures; with two or more candidate clusters, each token
weighs its IDF over the mention and them, so the words every report of the dyad shares
count less than a town, a weapon or a toll) and their places do not differ: a mention whose
event place is a town-level point more than ``max_place_km`` from every point the cluster's
mentions named is another event (two attacks on one front on one day are two events, even
told in the same words; a toll that grew or a reworded sentence still join). The place
travels in the signature as one marker token (``@lat,lon``) that similarity ignores.
Within one article, a mention with the same CAMEO
code and the same day as a cluster member joins it whatever its wording (a repeated
sentence about the same deed), unless it names other figures (its numbers all differ from
the cluster's) or another place. The anchor never moves, so a daily repeated deed does not
chain into one endless cluster.

Clustering is incremental: ``update_clusters`` takes the events that have no cluster yet
(the ones just stored), compares them with candidate clusters read by key and date from the
store, and writes the assignments, the new clusters and the dyad-day aggregate deltas in
one transaction. Nothing already clustered is recomputed. ``forewarn.cluster.bulk`` builds
a whole store from scratch the same way, with the candidates held in memory.
"""
from __future__ import annotations

import datetime as dt
import functools
import logging
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from ..aggregate import cluster_contribution
from ..models import Cluster, ClusterKey, DyadDay, Event, Place
from ..store import Assignment, Store, StoredEvent

log = logging.getLogger(__name__)

__all__ = ["ClusterSettings", "ClusterRun", "cluster_batch", "cluster_key", "event_span", "evidence_tokens",
           "outlet_key", "place_marker", "similarity", "update_clusters"]

_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_STOP = frozenset("""a an the and or but of to in on at by for from with without into onto over
under about after before during since until than then that this these those there their
its it his her he she they them we our you your i me my was were is are be been being has
have had do does did not no nor so as if said says say told tells also would could should
will shall may might must can just more most very which who whom whose what when where
while why how all any some such other another each both own same only one two three per
""".split())


@dataclass(frozen=True)
class ClusterSettings:
    """How alike two mentions must be to be one event."""

    window_days: int = 2            # dates may differ by this many days (ranges widened by it)
    min_similarity: float = 0.3     # token Jaccard of evidence sentences
    max_signatures: int = 3         # evidence token sets kept per cluster for comparison
    max_place_km: float = 50.0      # town-level event places farther apart are different events
    idf: bool = True                # weigh tokens by IDF over the mention and its candidates


@dataclass
class ClusterRun:
    """What one ``update_clusters`` call did."""

    events: int = 0
    new_clusters: int = 0
    joined: int = 0                 # events that joined an existing or earlier cluster
    cluster_ids: list[str] = field(default_factory=list)


def evidence_tokens(sentence: str) -> frozenset[str]:
    """Content words of a sentence, casefolded and cut to six letters (a cheap stem), and its
    numbers whole (a toll of 4 is a detail that tells one deed from another)."""
    return frozenset(w if w.isdigit() else w[:6]
                     for w in (m.group().casefold() for m in _WORD.finditer(sentence))
                     if w.isdigit() or (len(w) > 2 and w not in _STOP))


_MARK = "@"                     # a signature token that is a place marker, not a word


@functools.cache
def _country_names() -> frozenset[str]:
    """Every country name and alias the actor knowledge base knows, normalised."""
    from forewarn.resolve.actor_knowledge import load_knowledge, normalize
    return frozenset(normalize(n) for c in load_knowledge().countries.values() for n in (c.name, *c.aliases))


def _is_country(name: str) -> bool:
    """Whether ``name`` names a country (a place too coarse to tell two events apart)."""
    from forewarn.resolve.actor_knowledge import normalize
    return normalize(name) in _country_names()


def place_marker(place: Place | None) -> str | None:
    """The marker token of an event's place: its point to two decimals (about a kilometre),
    or None when it has no point or is a whole country."""
    if place is None or place.lat is None or place.lon is None or _is_country(place.text.strip()):
        return None
    return f"{_MARK}{place.lat:.2f},{place.lon:.2f}"


def _points(signatures: Sequence[frozenset[str]]) -> list[tuple[float, float]]:
    out = []
    for sig in signatures:
        for tok in sig:
            if tok.startswith(_MARK):
                lat, _, lon = tok[1:].partition(",")
                out.append((float(lat), float(lon)))
    return out


def _other_numbers(numbers: frozenset[str], signatures: Sequence[frozenset[str]]) -> bool:
    """Whether a sentence's numbers (tolls, counts) all differ from those of every signature
    that has numbers: within one article, another sentence with other figures tells of
    another deed, not the same one again."""
    if not numbers:
        return False
    theirs = [frozenset(t for t in s if t.isdigit()) for s in signatures]
    theirs = [n for n in theirs if n]
    return bool(theirs) and all(numbers.isdisjoint(n) for n in theirs)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _idf(tokens: frozenset[str], clusters) -> Callable[[str], float]:
    """Smoothed inverse document frequency of tokens over a mention and its candidate
    clusters (each cluster's signatures as one document): words every report of the dyad
    uses (its names, the wire's stock phrases) weigh little, a town, a weapon or a toll
    that few of them name weighs much."""
    docs = [tokens, *(frozenset().union(*c.signatures) for c in clusters)]
    df: dict[str, int] = {}
    for d in docs:
        for t in d:
            df[t] = df.get(t, 0) + 1
    n = len(docs)
    return lambda t: math.log((n + 1) / (df.get(t, 0) + 1)) + 1.0


def similarity(a: frozenset[str], b: frozenset[str],
               weight: Callable[[str], float] | None = None) -> float:
    """Jaccard similarity of two token sets (0 when both are empty), each token weighing
    ``weight(token)`` when given; place markers are not words."""
    if any(t.startswith(_MARK) for t in a):
        a = frozenset(t for t in a if not t.startswith(_MARK))
    if any(t.startswith(_MARK) for t in b):
        b = frozenset(t for t in b if not t.startswith(_MARK))
    if not a or not b:
        return 0.0
    if weight is not None:
        union = sum(weight(t) for t in a | b)
        return sum(weight(t) for t in a & b) / union if union else 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def cluster_key(event: Event) -> ClusterKey:
    src = event.source[0] if event.source else None
    tgt = event.target[0] if event.target else None
    root = event.cameo.root
    root = f"{int(root):02d}" if root.isdigit() else root
    m = event.modality
    return ClusterKey(
        source_country=(src.country or "") if src else "", source_sector=(src.sector or "") if src else "",
        target_country=(tgt.country or "") if tgt else "", target_sector=(tgt.sector or "") if tgt else "",
        category=(event.plover.category or f"CAMEO:{root}").upper(),
        counted=not (m.negated or m.hypothetical),
    )


def event_span(event: Event, published: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """The event's date range (its own date, else the publication date); (None, None) if neither."""
    start = event.date.value or published
    if start is None:
        return None, None
    end = event.date.end if event.date.value and event.date.end and event.date.end >= start else start
    return start, end


def outlet_key(outlet: str | None, url: str | None, article_id: str) -> str:
    """Who reported it, as one source: the outlet's name, else the URL's host, else the article."""
    if outlet and outlet.strip():
        return " ".join(outlet.split()).casefold()
    if url:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        if host:
            return host
    return f"article:{article_id}"


def _compatible(cluster: Cluster, lo: dt.date | None, hi: dt.date | None, window: int) -> bool:
    if lo is None or hi is None or cluster.day is None or cluster.end is None:
        return lo is None and cluster.day is None
    pad = dt.timedelta(days=window)
    return lo - pad <= cluster.end and hi + pad >= cluster.day


def update_clusters(store: Store, settings: ClusterSettings | None = None,
                    batch: int = 5000) -> ClusterRun:
    """Cluster every stored event that has no cluster yet and update the aggregates."""
    settings = settings or ClusterSettings()
    run = ClusterRun()
    while pending := store.unclustered_events(limit=batch):
        store.save_clustering(*cluster_batch(pending, store.cluster_candidates, settings, run))
        if len(pending) < batch:
            break
    return run


Candidates = Callable[[ClusterKey, dt.date | None, dt.date | None], list[tuple[Cluster, frozenset[str]]]]


def cluster_batch(pending: Sequence[StoredEvent], candidates_of: Candidates, settings: ClusterSettings,
                  run: ClusterRun) -> tuple[list[Cluster], dict[str, tuple[frozenset[str], ...]],
                                            list[Assignment], list[DyadDay]]:
    """Cluster one batch of events against the saved clusters ``candidates_of`` returns
    (as ``Store.cluster_candidates`` does) and the batch's own; return what
    ``Store.save_clustering`` takes: the new clusters, the grown signatures of saved
    ones, the assignments and the aggregate deltas."""
    new: dict[str, Cluster] = {}                          # created in this batch
    touched: dict[str, Cluster] = {}                      # stored clusters whose signatures grew
    members: dict[str, set[str]] = {}                     # article ids per cluster seen here
    by_key: dict[ClusterKey, list[str]] = {}              # new cluster ids per key
    assignments: list[Assignment] = []
    window = settings.window_days
    for row in pending:
        event = row.event
        key = cluster_key(event)
        lo, hi = event_span(event, row.published)
        tokens = evidence_tokens(event.evidence.sentence)
        numbers = frozenset(t for t in tokens if t.isdigit())
        marker = place_marker(event.place)
        point = _points((frozenset((marker,)),))[0] if marker else None
        if marker:
            tokens = tokens | {marker}
        pad = dt.timedelta(days=window)
        candidates: dict[str, Cluster] = {}
        for cluster, arts in candidates_of(key, lo and lo - pad, hi and hi + pad):
            candidates[cluster.cluster_id] = touched.get(cluster.cluster_id, cluster)
            members.setdefault(cluster.cluster_id, set()).update(arts)
        for cid in by_key.get(key, ()):
            candidates[cid] = new[cid]
        best, best_rank = None, (0.0, 0)
        near = {cid: c for cid, c in candidates.items() if _compatible(c, lo, hi, window)}
        weight = _idf(tokens, near.values()) if settings.idf and len(near) > 1 else None
        for cid, cluster in near.items():
            if point is not None and (seen := _points(cluster.signatures)) and \
                    all(_km(point, p) > settings.max_place_km for p in seen):
                continue                                  # somewhere else: another event
            score = max((similarity(tokens, s, weight) for s in cluster.signatures), default=0.0)
            same_deed = (event.article_id in members.get(cid, ()) and cluster.day == lo
                         and cluster.cameo_code == event.cameo.code
                         and not _other_numbers(numbers, cluster.signatures))
            if score < settings.min_similarity and not same_deed:
                continue
            score = max(score, settings.min_similarity) if same_deed else score
            rank = (score, -abs(((cluster.day or lo) - lo).days) if lo and cluster.day else 0)
            if best is None or rank > best_rank:
                best, best_rank = cluster, rank
        if best is None:
            cluster = Cluster(
                cluster_id=f"c{event.event_id}", key=key, cameo_code=event.cameo.code,
                cameo_root=key.category[6:] if key.category.startswith("CAMEO:") else
                (f"{int(event.cameo.root):02d}" if event.cameo.root.isdigit() else event.cameo.root),
                quad_class=event.quad_class, goldstein=event.goldstein,
                plover_score=event.plover_score, day=lo, end=hi, first_seen=None, last_seen=None,
                signatures=(tokens,), first_event_id=event.event_id,
                historical=event.modality.historical)
            new[cluster.cluster_id] = cluster
            by_key.setdefault(key, []).append(cluster.cluster_id)
            run.new_clusters += 1
        else:
            cluster = best
            run.joined += 1
            if len(cluster.signatures) < settings.max_signatures and tokens not in cluster.signatures:
                grown = replace(cluster, signatures=(*cluster.signatures, tokens))
                if cluster.cluster_id in new:
                    new[cluster.cluster_id] = grown
                else:
                    touched[cluster.cluster_id] = grown
        members.setdefault(cluster.cluster_id, set()).add(event.article_id)
        assignments.append(Assignment(event_id=event.event_id, cluster_id=cluster.cluster_id,
                                      article_id=event.article_id,
                                      outlet=outlet_key(row.outlet, row.url, event.article_id),
                                      published=row.published))
        run.events += 1
        run.cluster_ids.append(cluster.cluster_id)
    aggregates = [d for d in (cluster_contribution(c) for c in new.values()) if d is not None]
    log.debug("clustered %d events: %d new clusters", len(pending), len(new))
    return (list(new.values()), {cid: c.signatures for cid, c in touched.items()}, assignments,
            aggregates)
