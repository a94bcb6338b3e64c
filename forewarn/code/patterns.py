"""Verb and noun patterns: the data files that say which words code which CAMEO event.

Formats are documented in the headers of ``forewarn/data/verbs.tsv`` and ``nouns.tsv``;
users add rows in files of the same format (setting ``pattern_files``).
"""
from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import KnowledgeError
from .ontology import lookup

KINDS = ("act", "dyadic", "speech")
NO_EVENT = "-"          # a blocking row: this use of the verb is no event


@dataclass(frozen=True)
class VerbPattern:
    lemma: str
    requires: frozenset[str]      # any of these among the verb's dependents ("a+b": both a and b)
    forbids: frozenset[str]       # none of these
    code: str
    kind: str                     # act | dyadic | speech (the last two need a target)
    origin: str                   # "file:line", for tracing a coding back to its rule


@dataclass(frozen=True)
class Patterns:
    verbs: dict[str, tuple[VerbPattern, ...]]
    nouns: dict[str, str]
    version: str


def _rows(name: str, text: str):
    for lineno, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield lineno, [c.strip() for c in line.split("\t")]


def _check_code(name: str, lineno: int, code: str) -> None:
    if code == NO_EVENT:
        return
    if not (code.isdigit() and 2 <= len(code) <= 4):
        raise KnowledgeError(f"{name} line {lineno}: CAMEO code {code!r} must be 2 to 4 digits")
    try:
        lookup(code)
    except (KnowledgeError, ValueError) as e:
        raise KnowledgeError(f"{name} line {lineno}: {e}") from e


def parse_verbs(name: str, text: str) -> list[VerbPattern]:
    """Parse a verb pattern file; a malformed line raises KnowledgeError naming file and line."""
    out = []
    for lineno, cols in _rows(name, text):
        if len(cols) != 4:
            raise KnowledgeError(f"{name} line {lineno}: expected 4 tab-separated columns "
                                 f"(lemma, context, code, kind), found {len(cols)}")
        lemma, context, code, kind = cols
        if kind not in KINDS:
            raise KnowledgeError(f"{name} line {lineno}: kind {kind!r} must be one of {', '.join(KINDS)}")
        _check_code(name, lineno, code)
        words = [] if context == "-" else context.lower().split("|")
        out.append(VerbPattern(lemma.lower(), frozenset(w for w in words if not w.startswith("!")),
                               frozenset(w[1:] for w in words if w.startswith("!")), code, kind,
                               f"{name}:{lineno}"))
    return out


def parse_nouns(name: str, text: str) -> dict[str, str]:
    """Parse a noun trigger file (lemma, code)."""
    out = {}
    for lineno, cols in _rows(name, text):
        if len(cols) != 2:
            raise KnowledgeError(f"{name} line {lineno}: expected 2 tab-separated columns (lemma, code)")
        _check_code(name, lineno, cols[1])
        out[cols[0].lower()] = cols[1]
    return out


@functools.cache
def load_patterns(extra_files: Sequence[str] = ()) -> Patterns:
    """Load the packaged patterns plus users' files (verbs: 4 columns; nouns: 2), once."""
    data = resources.files("forewarn.data")
    sources = [("verbs.tsv", data.joinpath("verbs.tsv").read_text(encoding="utf-8")),
               ("nouns.tsv", data.joinpath("nouns.tsv").read_text(encoding="utf-8"))]
    for path in extra_files:
        p = Path(path).expanduser()
        try:
            sources.append((str(p), p.read_text(encoding="utf-8")))
        except OSError as e:
            raise KnowledgeError(f"pattern file {str(p)!r} cannot be read: {e.strerror}") from e
    packaged: dict[str, list[VerbPattern]] = {}
    users: dict[str, list[VerbPattern]] = {}
    nouns: dict[str, str] = {}
    digest = hashlib.sha256()
    for name, text in sources:
        digest.update(text.encode())
        first = next((cols for _, cols in _rows(name, text)), [])
        if len(first) == 2:
            nouns.update(parse_nouns(name, text))
        else:
            target = packaged if name == "verbs.tsv" else users
            for p in parse_verbs(name, text):
                target.setdefault(p.lemma, []).append(p)
    # users' rows come first, so they can override the packaged ones
    verbs = {k: tuple(users.get(k, []) + packaged.get(k, [])) for k in packaged.keys() | users.keys()}
    return Patterns(verbs, nouns, digest.hexdigest()[:12])


def match_verb(patterns: Patterns, lemma: str, context: set[str]) -> VerbPattern | None:
    """Return the first pattern for ``lemma`` whose context requirement ``context`` meets."""
    for p in patterns.verbs.get(lemma, ()):
        if p.requires and not any(all(w in context for w in alt.split("+")) for alt in p.requires):
            continue
        if p.forbids & context:
            continue
        return None if p.code == NO_EVENT else p
    return None
