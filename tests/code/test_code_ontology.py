"""The CAMEO table: every code looks up, quad classes, PLOVER gaps, Goldstein, fallbacks."""
from __future__ import annotations

from importlib import resources

import pytest

from forewarn.code.ontology import cameo_table, lookup, quad_class
from forewarn.errors import KnowledgeError


def _packaged_codes() -> list[str]:
    text = resources.files("forewarn.data").joinpath("cameo.tsv").read_text(encoding="utf-8")
    return [line.split("\t")[0] for line in text.splitlines() if line.strip() and not line.startswith("#")]


CODES = _packaged_codes()


def test_packaged_table_lists_codes():
    assert len(CODES) > 250 and len(cameo_table()) == len(CODES)


@pytest.mark.parametrize("code", CODES)
def test_every_packaged_code_looks_up(code):
    entry = lookup(code)
    assert entry.code == code
    assert entry.cameo.root == code[:2] and entry.cameo.base == code[:3]


@pytest.mark.parametrize("root, expected", [
    *[(f"{r:02d}", 1) for r in range(1, 6)],
    *[(f"{r:02d}", 2) for r in range(6, 10)],
    *[(f"{r:02d}", 3) for r in range(10, 15)],
    *[(f"{r:02d}", 4) for r in range(15, 21)],
])
def test_quad_class_by_root(root, expected):
    assert quad_class(root) == expected


@pytest.mark.parametrize("code, expected", [("042", 1), ("057", 1), ("073", 2), ("0841", 2),
                                            ("1123", 3), ("138", 3), ("154", 4), ("195", 4)])
def test_entry_quad_class_follows_its_root(code, expected):
    assert lookup(code).quad_class == expected


@pytest.mark.parametrize("root", ["00", "21", "99"])
def test_quad_class_rejects_root_out_of_range(root):
    with pytest.raises(ValueError):
        quad_class(root)


@pytest.mark.parametrize("code", [c for c in CODES if c[:2] in ("01", "02")])
def test_statements_and_appeals_have_null_plover_category(code):
    assert lookup(code).plover.category is None


@pytest.mark.parametrize("code", [c for c in CODES if c[:2] not in ("01", "02")])
def test_other_codes_have_a_plover_category(code):
    assert lookup(code).plover.category


@pytest.mark.parametrize("code, goldstein", [("190", -10.0), ("042", 1.9), ("057", 8.0), ("163", -8.0)])
def test_goldstein_score(code, goldstein):
    assert lookup(code).goldstein == goldstein


@pytest.mark.parametrize("leaf, base", [("1909", "190"), ("0429", "042"), ("1639", "163")])
def test_unlisted_leaf_falls_back_to_its_base(leaf, base):
    assert leaf not in cameo_table()
    entry, parent = lookup(leaf), lookup(base)
    assert entry.code == leaf
    assert entry.cameo.base == base
    assert (entry.goldstein, entry.plover, entry.plover_score) == (parent.goldstein, parent.plover,
                                                                   parent.plover_score)


@pytest.mark.parametrize("code", ["00", "21", "2101", "999", "abc"])
def test_unknown_code_raises_knowledge_error(code):
    with pytest.raises(KnowledgeError, match="unknown CAMEO code"):
        lookup(code)
