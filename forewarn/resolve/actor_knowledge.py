"""Load the actor knowledge base: countries, people, organisations, sectors and media.

The knowledge lives in tab-separated files under ``forewarn/data/actors/`` (each documents
its columns in its ``#`` header). A file's first non-comment line names its columns, and
those names say what the file holds, so a user file may have any name::

    # my extra people
    name	aliases	country	sector	role	start	end
    Jane Doe	Doe	GBR	GOV	home secretary	2031-01-05

Every name is indexed once, lower-cased with curly apostrophes straightened, so the
resolver matches a run of tokens with one dictionary lookup.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable

from forewarn.errors import KnowledgeError
from forewarn.models import SECTORS

SCHEMAS = {
    "countries": ("iso3", "name", "aliases", "adjectives", "capitals"),
    "people": ("name", "aliases", "country", "sector", "role", "start", "end"),
    "organizations": ("name", "aliases", "country", "sector", "kb_id"),
    "sectors": ("phrase", "sector", "kind"),
    "media": ("name", "aliases", "country"),
}
# columns a file of that schema may add at its end
OPTIONAL = {"people": ("office",)}
# the offices the coverage report counts (a people row's ``office`` cell, "|"-joined when one
# office is several, like a president who is head of state and of government)
OFFICES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister", "military_chief")
KINDS = ("role", "body", "group")
# Entry kinds, strongest first: when one key names several things, the first kind wins.
PRIORITY = ("media", "org", "person", "capital", "country", "demonym", "sector")
_PIECE = re.compile(r"\w+|[^\w\s]")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_NOT_LETTERS = re.compile(r"[^A-Za-z]")
_NOT_WORD = re.compile(r"[^\w]+")
# last words of titles that name an office of the institution before them
_OFFICE_WORDS = {"spokesperson", "spokesman", "spokeswoman", "chief", "head", "minister", "secretary",
                 "commander", "official", "director", "chairman", "speaker", "ambassador"}


def normalize(text: str) -> str:
    """Lower-case, straighten apostrophes and collapse whitespace (the index key form)."""
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").lower().split())


def first_piece(key: str) -> str:
    m = _PIECE.search(key)
    return m.group(0) if m else ""


@dataclass(frozen=True)
class Entry:
    """One indexed name: what a matched run of tokens may refer to."""

    kind: str                       # media | org | person | capital | country | demonym | sector
    ref: str                        # iso3, person name, org name, media name or sector phrase
    exact: str | None = None        # acronyms ("US", "IS", "WHO") must match this exact form


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True)
class Role:
    country: str | None
    sector: str
    role: str
    start: dt.date | None
    end: dt.date | None
    offices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Person:
    name: str
    kb_id: str
    roles: tuple[Role, ...]

    def role_on(self, day: dt.date | None) -> Role | None:
        """The role held on ``day`` (None outside every term); without a day, the latest."""
        if day is None:
            return max(self.roles, key=lambda r: (r.end is None, r.start or dt.date.min))
        held = [r for r in self.roles
                if (r.start is None or r.start <= day) and (r.end is None or day <= r.end)]
        return max(held, key=lambda r: r.start or dt.date.min) if held else None

    def nearest_country(self, day: dt.date | None) -> str | None:
        def distance(r: Role) -> int:
            if day is None:
                return 0
            if r.end is not None and r.end < day:
                return (day - r.end).days
            if r.start is not None and day < r.start:
                return (r.start - day).days
            return 0
        return min(self.roles, key=distance).country


@dataclass(frozen=True)
class Organization:
    name: str
    country: str | None
    sector: str
    kb_id: str


@dataclass(frozen=True)
class Medium:
    name: str
    country: str | None


@dataclass(frozen=True)
class SectorTerm:
    phrase: str
    sector: str
    kind: str
    institution: str | None         # "foreign ministry" for "foreign ministry spokesperson"
    head: str                       # "ministry" for "ministry of defense"


@dataclass
class Knowledge:
    """Everything the actor resolver knows, indexed for one-lookup matching."""

    countries: dict[str, Country] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    media: dict[str, Medium] = field(default_factory=dict)
    sectors: dict[str, SectorTerm] = field(default_factory=dict)
    index: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    first_pieces: frozenset[str] = frozenset()
    prefixes: frozenset[str] = frozenset()  # every leading substring of every key
    max_pieces: int = 1
    version: str = ""
    files: tuple[str, ...] = ()

    def lookup(self, text: str) -> tuple[Entry, ...]:
        return self.index.get(normalize(text), ())


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _plural(phrase: str) -> str:
    words = phrase.split()
    at = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    w = words[at]
    if w.endswith("man"):
        w = w[:-3] + "men"
    elif w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
        w = w[:-1] + "ies"
    elif w.endswith(("s", "x", "ch", "sh")):
        w = w + "es"
    else:
        w = w + "s"
    words[at] = w
    return " ".join(words)


class _Builder:
    def __init__(self) -> None:
        self.kb = Knowledge()
        self._raw_people: dict[str, tuple[list[str], list[Role]]] = {}

    def add_key(self, text: str, entry: Entry) -> None:
        key = normalize(text)
        if not key:
            return
        letters = _NOT_LETTERS.sub("", text)
        acronym = entry.kind != "sector" and 1 < len(letters) <= 5 and letters.isupper()
        entry = Entry(entry.kind, entry.ref, " ".join(text.replace("\u2019", "'").split()) if acronym else None)
        old = self.kb.index.get(key, ())
        if entry not in old:
            self.kb.index[key] = old + (entry,)


def _date(value: str, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise KnowledgeError(f"{where}: bad date {value!r}; write dates as YYYY-MM-DD") from e


def _country(value: str, where: str, known: dict[str, Country], required: bool = False) -> str | None:
    if not value:
        if required:
            raise KnowledgeError(f"{where}: empty country code; give an ISO 3166-1 alpha-3 code")
        return None
    if not _ISO3.match(value):
        raise KnowledgeError(f"{where}: bad country code {value!r}; use ISO 3166-1 alpha-3 like 'BLR'")
    if known and value not in known:
        raise KnowledgeError(f"{where}: unknown country code {value!r}; add it to a countries file first")
    return value


def _offices(value: str, where: str) -> tuple[str, ...]:
    offices = tuple(o.strip() for o in value.split("|") if o.strip())
    for o in offices:
        if o not in OFFICES:
            raise KnowledgeError(f"{where}: unknown office {o!r}; use one of {', '.join(OFFICES)}, "
                                 f"joined by '|', or leave the cell empty")
    return offices


def _sector(value: str, where: str) -> str:
    if value not in SECTORS:
        raise KnowledgeError(f"{where}: unknown sector {value!r}; use one of {', '.join(SECTORS)}")
    return value


def _read(path: Path, b: _Builder) -> bytes:
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise KnowledgeError(f"{path}: cannot read knowledge file ({e}); give a UTF-8 TSV file") from e
    schema: str | None = None
    columns: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{path}, line {number}"
        cells = [c.strip() for c in line.rstrip("\r\n").split("\t")]
        if schema is None:
            columns = tuple(c.lower() for c in cells)
            schema = next((k for k, cols in SCHEMAS.items()
                           if cols == columns or cols + OPTIONAL.get(k, ()) == columns), None)
            if schema is None:
                raise KnowledgeError(
                    f"{where}: unknown column header {'|'.join(cells)!r}; the first non-comment "
                    f"line must name the columns of one of: "
                    + "; ".join(f"{k}: {' '.join(c)}" + (f" [{' '.join(OPTIONAL[k])}]" if k in OPTIONAL else "")
                                for k, c in SCHEMAS.items()))
            continue
        if len(cells) != len(columns):
            raise KnowledgeError(f"{where}: expected {len(columns)} tab-separated columns "
                                 f"({', '.join(columns)}), found {len(cells)}")
        row = dict(zip(columns, cells))
        key = row.get("name") or row.get("phrase") or ""
        if not key:
            raise KnowledgeError(f"{where}: the first column ({columns[0]}) is empty")
        getattr(_Loaders, schema)(b, row, where)
    if schema is None:
        raise KnowledgeError(f"{path}: no column header line; name the columns first")
    return data


class _Loaders:
    @staticmethod
    def countries(b: _Builder, row: dict[str, str], where: str) -> None:
        iso3 = row["iso3"]
        if not _ISO3.match(iso3):
            raise KnowledgeError(f"{where}: bad iso3 code {iso3!r}; use three capital letters")
        c = Country(iso3, row["name"], tuple(_split(row["aliases"])), tuple(_split(row["adjectives"])),
                    tuple(_split(row["capitals"])))
        old = b.kb.countries.get(iso3)
        if old:  # a user file extends a packaged country
            c = Country(iso3, old.name, old.aliases + c.aliases + (c.name,), old.adjectives + c.adjectives,
                        old.capitals + c.capitals)
        b.kb.countries[iso3] = c
        for name in (c.name,) + c.aliases:
            b.add_key(name, Entry("country", iso3))
        for adj in c.adjectives:
            b.add_key(adj, Entry("demonym", iso3))
        for cap in c.capitals:
            b.add_key(cap, Entry("capital", iso3))

    @staticmethod
    def people(b: _Builder, row: dict[str, str], where: str) -> None:
        start, end = _date(row["start"], where), _date(row["end"], where)
        if start and end and end < start:
            raise KnowledgeError(f"{where}: end {end} is before start {start}")
        role = Role(_country(row["country"], where, b.kb.countries), _sector(row["sector"], where),
                    row["role"], start, end, _offices(row.get("office", ""), where))
        aliases, roles = b._raw_people.setdefault(row["name"], ([], []))
        aliases.extend(a for a in _split(row["aliases"]) if a not in aliases)
        roles.append(role)

    @staticmethod
    def organizations(b: _Builder, row: dict[str, str], where: str) -> None:
        if not row["kb_id"]:
            raise KnowledgeError(f"{where}: empty kb_id; give the organisation a stable id")
        org = Organization(row["name"], _country(row["country"], where, b.kb.countries),
                           _sector(row["sector"], where), row["kb_id"])
        b.kb.organizations[org.name] = org
        for name in [org.name] + _split(row["aliases"]):
            b.add_key(name, Entry("org", org.name))

    @staticmethod
    def sectors(b: _Builder, row: dict[str, str], where: str) -> None:
        if row["kind"] not in KINDS:
            raise KnowledgeError(f"{where}: unknown kind {row['kind']!r}; use one of {', '.join(KINDS)}")
        phrase = normalize(row["phrase"])
        words = phrase.split()
        head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
        b.kb.sectors[phrase] = SectorTerm(phrase, _sector(row["sector"], where), row["kind"], None, head)
        b.add_key(phrase, Entry("sector", phrase))
        b.add_key(_plural(phrase), Entry("sector", phrase))

    @staticmethod
    def media(b: _Builder, row: dict[str, str], where: str) -> None:
        m = Medium(row["name"], _country(row["country"], where, b.kb.countries))
        b.kb.media[m.name] = m
        for name in [m.name] + _split(row["aliases"]):
            b.add_key(name, Entry("media", m.name))


def _finish(b: _Builder) -> Knowledge:
    kb = b.kb
    for name, (aliases, roles) in b._raw_people.items():
        kb.people[name] = Person(name, "person/" + _NOT_WORD.sub("-", normalize(name)).strip("-"),
                                 tuple(roles))
        for alias in [name] + aliases:
            b.add_key(alias, Entry("person", name))
    # a role phrase that begins with an institution ("foreign ministry spokesperson")
    # remembers it, so an unqualified title can borrow the institution's country
    for phrase, term in list(kb.sectors.items()):
        if term.kind != "role":
            continue
        words = phrase.split()
        if words[-1] not in _OFFICE_WORDS:
            continue  # "army general" is a rank, not an office of the army
        for n in range(len(words) - 1, 0, -1):
            prefix = " ".join(words[:n])
            if (prefix in kb.sectors and kb.sectors[prefix].kind == "body") or any(
                    e.kind in ("capital", "org") for e in kb.index.get(prefix, ())):
                kb.sectors[phrase] = SectorTerm(phrase, term.sector, term.kind, prefix, term.head)
                break
    kb.first_pieces = frozenset(first_piece(k) for k in kb.index)
    kb.prefixes = frozenset(k[:n] for k in kb.index for n in range(1, len(k) + 1))
    kb.max_pieces = max((len(_PIECE.findall(k)) for k in kb.index), default=1)
    return kb


def _packaged_files() -> list[Path]:
    folder = resources.files("forewarn") / "data" / "actors"
    order = {name: i for i, name in enumerate(SCHEMAS)}  # countries first: others check codes
    files = [Path(str(p)) for p in folder.iterdir() if p.name.endswith(".tsv")]
    return sorted(files, key=lambda p: (order.get(p.stem, len(order)), p.name))


@functools.cache
def _load(extra: tuple[str, ...]) -> Knowledge:
    b = _Builder()
    digest = hashlib.sha256()
    paths = _packaged_files() + [Path(p) for p in extra]
    for path in paths:
        digest.update(path.name.encode() + b"\0" + _read(path, b) + b"\0")
    kb = _finish(b)
    kb.version = digest.hexdigest()[:12]
    kb.files = tuple(str(p) for p in paths)
    return kb


def load_knowledge(extra_files: Iterable[str | Path] = ()) -> Knowledge:
    """Load the packaged actor knowledge plus user files (cached per list of files).

    User files are read after the packaged ones, so they can add aliases, capitals and
    demonyms to a packaged country, new roles to a packaged person, or new entries.
    Raises KnowledgeError naming the file, line and problem for a malformed line.
    """
    return _load(tuple(str(Path(p).resolve()) for p in extra_files))


def knowledge_version(extra_files: Iterable[str | Path] = ()) -> str:
    """A short sha256 over the bytes of the loaded knowledge files (recorded on events)."""
    return load_knowledge(extra_files).version


def media_name(text: str, knowledge: Knowledge | None = None) -> str | None:
    """The canonical name of the news outlet ``text`` names ("AFP" -> "Agence France-Presse")."""
    kb = knowledge or load_knowledge()
    raw = text.strip()
    for candidate in (raw, raw[4:] if raw.lower().startswith("the ") else raw):
        for e in kb.lookup(candidate):
            if e.kind == "media" and (e.exact is None or e.exact == candidate.replace("\u2019", "'")):
                return e.ref
    return None


def is_media(text: str, knowledge: Knowledge | None = None) -> bool:
    """Whether ``text`` names a news outlet or wire service (a source, never an actor)."""
    return media_name(text, knowledge) is not None

