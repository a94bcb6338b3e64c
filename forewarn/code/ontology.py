"""The CAMEO table: code names, Goldstein scores, PLOVER category/mode/context and scores."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from ..errors import KnowledgeError
from ..models import Cameo, Plover


@dataclass(frozen=True)
class CameoEntry:
    code: str
    name: str
    goldstein: float | None
    plover: Plover
    plover_score: float | None

    @property
    def cameo(self) -> Cameo:
        return Cameo(code=self.code, base=self.code[:3], root=self.code[:2])

    @property
    def quad_class(self) -> int:
        return quad_class(self.code[:2])


def quad_class(root: str) -> int:
    """Return GDELT's quad class for a CAMEO root: 1-2 cooperation, 3-4 conflict (verbal, material)."""
    r = int(root)
    if not 1 <= r <= 20:
        raise ValueError(f"CAMEO root {root!r} is not between 01 and 20")
    return 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4


def _num(value: str) -> float | None:
    return float(value) if value.strip() else None


@functools.cache
def cameo_table() -> dict[str, CameoEntry]:
    """Load the packaged CAMEO table once, keyed by code."""
    text = resources.files("forewarn.data").joinpath("cameo.tsv").read_text(encoding="utf-8")
    table: dict[str, CameoEntry] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 7 or not cols[0].isdigit():
            raise KnowledgeError(f"cameo.tsv line {lineno}: expected 7 tab-separated columns starting with a code")
        code, name, gold, cat, mode, ctx, score = cols
        table[code] = CameoEntry(code, name, _num(gold), Plover(cat or None, mode or None, ctx or None), _num(score))
    return table


def lookup(code: str) -> CameoEntry:
    """Return the entry for a CAMEO code, falling back to its base and root for unlisted leaves."""
    table = cameo_table()
    for key in (code, code[:3], code[:2]):
        if key in table:
            entry = table[key]
            return entry if key == code else CameoEntry(code, entry.name, entry.goldstein, entry.plover, entry.plover_score)
    raise KnowledgeError(f"unknown CAMEO code {code!r}: codes are 2 to 4 digits from 01 to 20")
