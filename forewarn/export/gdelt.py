"""GDELT 2.0 event export: one tab-separated row per counted cluster, GDELT's 61 columns.

Columns and their order follow the GDELT 2.0 Event Database codebook. A cluster is GDELT's
"event" (its NumMentions, NumSources and NumArticles are the cluster's, deduplicated); its
first mention supplies the actors, codes and URL. Actor country codes are CAMEO's three
letters (ISO 3166-1 alpha-3, as Forewarn stores them); the *Geo_CountryCode columns use
FIPS 10-4 (``data/iso3_fips.tsv``). Country-level geography is GDELT type 1 with the FIPS
code as ADM1 code and feature id, as GDELT writes it; coordinates are left empty where
Forewarn has none. AvgTone is left empty: Forewarn does not score tone.
"""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator
from importlib import resources

from ..models import Actor, Cluster, Event, Place
from ..store import StoredEvent

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)
assert len(COLUMNS) == 61

# CAMEO actor type codes (role and organisation types) a PLOVER sector maps onto one to one.
CAMEO_TYPES = frozenset({
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM",
    "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD", "RAD",
    "IGO", "NGO", "NGM", "MNC", "REL",
})


@functools.cache
def iso3_to_fips() -> dict[str, str]:
    """The packaged ISO alpha-3 -> FIPS 10-4 table (see the file's header for its source)."""
    text = resources.files("forewarn.export").joinpath("data/iso3_fips.tsv").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            iso3, fips = line.split("\t")
            table[iso3] = fips
    return table


@functools.cache
def country_name(iso3: str) -> str:
    import pycountry
    c = pycountry.countries.get(alpha_3=iso3)
    return getattr(c, "common_name", None) or c.name if c else iso3


def global_event_id(cluster_id: str) -> int:
    """A stable integer id for a cluster (GDELT's ids are integers)."""
    digits = "".join(ch for ch in cluster_id if ch in "0123456789abcdef")[:15] or "0"
    return int(digits, 16)


def _actor(actors: tuple[Actor, ...]) -> list[str]:
    if not actors:
        return [""] * 10
    a = actors[0]
    sector = a.sector if a.sector in CAMEO_TYPES else ""
    code = f"{a.country or ''}{sector}"
    name = (a.name or a.text or "").upper()
    return [code, name, a.country or "", "", "", "", "", sector, "", ""]


def _country_geo(iso3: str | None) -> list[str]:
    if not iso3:
        return [""] * 8
    fips = iso3_to_fips().get(iso3, "")
    return ["1", country_name(iso3), fips, fips, "", "", "", fips]


def _place_geo(place: Place) -> list[str]:
    fips = iso3_to_fips().get(place.country or "", "")
    has_point = place.lat is not None and place.lon is not None
    return ["4" if has_point else "1", place.text, fips, fips, "",
            f"{place.lat:.4f}" if has_point else "", f"{place.lon:.4f}" if has_point else "",
            str(place.geonames_id) if place.geonames_id else fips]


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def gdelt_row(cluster: Cluster, first: StoredEvent) -> list[str]:
    e: Event = first.event
    day = cluster.day or first.published or dt.date(1970, 1, 1)
    added = cluster.first_seen or first.published or day
    src_country = e.source[0].country if e.source else None
    tgt_country = e.target[0].country if e.target else None
    action = _place_geo(e.place) if e.place else _country_geo(src_country or tgt_country)
    root = cluster.cameo_root if cluster.cameo_root.isdigit() else e.cameo.root
    return [
        str(global_event_id(cluster.cluster_id)), day.strftime("%Y%m%d"), day.strftime("%Y%m"),
        str(day.year), f"{day.year + (day.month * 30 + day.day) / 365:.4f}",
        *_actor(e.source), *_actor(e.target),
        "1" if e.sentence_index < 3 else "0", e.cameo.code, e.cameo.base, root,
        str(cluster.quad_class), _num(cluster.goldstein),
        str(cluster.mentions), str(cluster.sources), str(cluster.articles), "",
        *_country_geo(src_country), *_country_geo(tgt_country), *action,
        added.strftime("%Y%m%d") + "000000", first.url or "",
    ]


def _clean(cell: str) -> str:
    return cell.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def gdelt_lines(rows: Iterable[tuple[Cluster, StoredEvent]], header: bool = False) -> Iterator[str]:
    """Tab-separated lines (GDELT files have no header; ``header`` adds the column names)."""
    if header:
        yield "\t".join(COLUMNS) + "\n"
    for cluster, first in rows:
        yield "\t".join(_clean(c) for c in gdelt_row(cluster, first)) + "\n"
