"""Verb and noun pattern files: packaged ones parse, users' files are checked and override."""
from __future__ import annotations

import datetime as dt
import re
from importlib import resources

import pytest

from forewarn.annotate import load_model
from forewarn.code import sentence_code
from forewarn.code.ontology import lookup
from forewarn.code import patterns as patterns_module
from forewarn.code.patterns import KINDS, Patterns, load_patterns, match_verb, parse_nouns, parse_verbs
from forewarn.errors import KnowledgeError
from forewarn.pipeline import code_article
from forewarn.settings import load_settings

PUBLISHED = dt.date(2024, 3, 14)
NO_EVENT = getattr(patterns_module, "NO_EVENT", None)     # a blocking row's code, where supported


def _packaged(name: str) -> str:
    return resources.files("forewarn.data").joinpath(name).read_text(encoding="utf-8")


def _user_file(tmp_path, text: str, name: str = "my_verbs.tsv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_packaged_verbs_parse():
    verbs = parse_verbs("verbs.tsv", _packaged("verbs.tsv"))
    assert len(verbs) > 150
    assert all(p.kind in KINDS and (p.code == NO_EVENT or lookup(p.code)) for p in verbs)


def test_packaged_nouns_parse():
    nouns = parse_nouns("nouns.tsv", _packaged("nouns.tsv"))
    assert nouns["invasion"] == "192" and all(lookup(code) for code in nouns.values())


def test_packaged_patterns_load():
    patterns = load_patterns()
    assert {"attack", "visit", "impose", "urge"} <= patterns.verbs.keys()
    assert "offensive" in patterns.nouns
    assert re.fullmatch(r"[0-9a-f]{12}", patterns.version)


def test_pattern_origin_names_file_and_line():
    pattern = match_verb(load_patterns(), "visit", set())
    assert re.fullmatch(r"verbs\.tsv:\d+", pattern.origin)


@pytest.mark.parametrize("lemma, context, code", [
    ("impose", {"sanctions"}, "163"),
    ("impose", {"curfew"}, "1723"),
    ("sanction", set(), "163"),
    ("urge", {"restraint"}, "0256"),
    ("urge", set(), "020"),
    ("threaten", {"nuclear"}, "138"),
    ("threaten", set(), "130"),
    ("call", {"on"}, "020"),
])
def test_first_matching_row_wins(lemma, context, code):
    assert match_verb(load_patterns(), lemma, context).code == code


def test_verb_without_matching_context_has_no_pattern():
    assert match_verb(load_patterns(), "sign", {"letter"}) is None


@pytest.mark.parametrize("body, lineno, problem", [
    ("# my rows\nraid\t-\t190\n", 2, "expected 4 tab-separated columns"),
    ("raid\t-\t190\tact\nbombard\t-\t195\tact\textra\n", 2, "expected 4 tab-separated columns"),
    ("raid\t-\t19x\tact\n", 1, "CAMEO code"),
    ("raid\t-\t19501\tact\n", 1, "CAMEO code"),
    ("raid\t-\t190\tact\nbombard\t-\t9999\tact\n", 2, "unknown CAMEO code"),
    ("raid\t-\t190\tdeed\n", 1, "kind 'deed'"),
])
def test_malformed_user_verb_file_raises_naming_file_and_line(tmp_path, body, lineno, problem):
    path = _user_file(tmp_path, body)
    with pytest.raises(KnowledgeError) as info:
        load_patterns((path,))
    message = str(info.value)
    assert path in message and f"line {lineno}" in message and problem in message


def test_malformed_user_noun_file_raises_naming_file_and_line(tmp_path):
    path = _user_file(tmp_path, "siege\t191\nincursion\t192\textra\n", name="my_nouns.tsv")
    with pytest.raises(KnowledgeError, match=rf"{re.escape(path)} line 2"):
        load_patterns((path,))


def test_unreadable_user_file_raises_knowledge_error(tmp_path):
    with pytest.raises(KnowledgeError, match="cannot be read"):
        load_patterns((str(tmp_path / "missing.tsv"),))


def test_user_row_overrides_packaged_row(tmp_path):
    path = _user_file(tmp_path, "visit\t-\t043\tact\n")
    pattern = match_verb(load_patterns((path,)), "visit", set())
    assert pattern.code == "043" and pattern.origin == f"{path}:1"


def test_user_file_keeps_packaged_rows_as_fallback(tmp_path):
    path = _user_file(tmp_path, "visit\tembassy\t043\tact\n")
    patterns = load_patterns((path,))
    assert match_verb(patterns, "visit", {"embassy"}).code == "043"
    assert match_verb(patterns, "visit", {"germany"}).code == "042"


def test_user_file_adds_a_new_lemma(tmp_path):
    path = _user_file(tmp_path, "bombard\t-\t195\tact\n")
    assert match_verb(load_patterns((path,)), "bombard", set()).code == "195"


def test_user_nouns_extend_packaged_nouns(tmp_path):
    path = _user_file(tmp_path, "incursion\t192\n", name="my_nouns.tsv")
    nouns = load_patterns((path,)).nouns
    assert nouns["incursion"] == "192" and nouns["invasion"] == "192"


def test_user_file_changes_data_version(tmp_path):
    path = _user_file(tmp_path, "bombard\t-\t195\tact\n")
    assert load_patterns((path,)).version != load_patterns().version


def test_user_override_reaches_the_coded_event(tmp_path):
    from forewarn.settings import Settings
    settings = Settings(pattern_files=(_user_file(tmp_path, "visit\t-\t043\tact\n"),))
    doc = code_article("Canadian Prime Minister Justin Trudeau visited India.", settings, published=PUBLISHED)
    assert [(e.cameo.code, e.plover.category) for e in doc.events] == [("043", "CONSULT")]


@pytest.mark.parametrize("context, code", [
    ({"joint", "exercise"}, "062"),     # both words of "joint+exercise": joint exercises are cooperation
    ({"exercise"}, "150"),              # an exercise alone is a show of force
    ({"joint"}, None),                  # half a conjunction is no match
])
def test_plus_joins_words_that_must_all_occur(context, code):
    verbs = parse_verbs("t.tsv", "hold\tjoint+exercise\t062\tact\nhold\texercise\t150\tact\n")
    found = match_verb(Patterns({"hold": tuple(verbs)}, {}, "t"), "hold", context)
    assert (found.code if found else None) == code


@pytest.mark.parametrize("text, code", [
    ("Venezuela released Pedro Alvarez on Friday.", "0841"),           # a named person (ent:person)
    ("Venezuela released its annual budget on Friday.", None),
    ("Italy returned the stolen paintings to Greece.", "0842"),
    ("The paintings were returned to Greece by Italy.", "084"),        # passive: still given back
    ("The Greek minister returned to Athens.", None),                  # intransitive: went back
])
def test_release_and_return_code_giving_back_only(text, code):
    doc = code_article(text, published=PUBLISHED)
    codes = [e.cameo.code[:len(code or "")] for e in doc.events if e.cameo.root == "08"]
    assert codes == ([code] if code else [])


@pytest.mark.parametrize("text, code", [
    ("Ghanaian peacekeepers were deployed to Mali.", "074"),       # not a military build-up (154)
    ("The Kenyan hostages were released by Somali militants.", "0841"),
])
def test_a_passive_subject_is_the_verbs_object_in_its_context(text, code):
    assert sentence_code(next(load_model(load_settings().model)(text).sents)) == code
