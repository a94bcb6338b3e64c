"""JSON Lines and JSON article files."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from forewarn.errors import InputError
from forewarn.ingest import read_sources


def write_lines(path, *lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_each_line_is_an_article_with_path_and_line_number_as_origin(tmp_path):
    path = write_lines(tmp_path / "a.jsonl", json.dumps({"text": "One."}), "", json.dumps({"text": "Two."}))
    assert [r.origin for r in read_sources([path])] == [f"{path}:1", f"{path}:3"]


def test_optional_fields_are_read(tmp_path):
    record = {"text": "Troops moved.", "url": "https://n.example/1", "title": "Move", "published": "2024-01-02",
              "outlet": "Nation", "language": "en"}
    [raw] = read_sources([write_lines(tmp_path / "a.jsonl", json.dumps(record))])
    assert (raw.url, raw.title, raw.published, raw.outlet, raw.language) == (
        "https://n.example/1", "Move", dt.date(2024, 1, 2), "Nation", "en")


def test_line_values_win_over_flags_and_flags_fill_gaps(tmp_path):
    path = write_lines(tmp_path / "a.jsonl", json.dumps({"text": "A.", "outlet": "Own"}), json.dumps({"text": "B."}))
    raws = list(read_sources([path], outlet="Flag", url="https://flag.example/x"))
    assert [(r.outlet, r.url) for r in raws] == [("Own", None), ("Flag", None)]


@pytest.mark.parametrize("line, problem", [
    ('{"text": "unterminated', "not valid JSON"),
    ('{"title": "no text"}', 'missing or empty "text"'),
    ('{"text": "   "}', 'missing or empty "text"'),
    ('["a list"]', "expected a JSON object"),
    ('{"text": "A.", "published": "next week"}', "invalid publication date"),
    ('{"text": "A.", "url": 7}', "'url' must be a string"),
])
def test_bad_line_is_an_input_error_naming_file_and_line(tmp_path, line, problem):
    path = write_lines(tmp_path / "bad.jsonl", json.dumps({"text": "Fine."}), line)
    with pytest.raises(InputError, match=problem) as info:
        list(read_sources([path]))
    assert f"{path}:2" in str(info.value)


def test_html_text_in_a_line_is_marked_as_html(tmp_path):
    [raw] = read_sources([write_lines(tmp_path / "a.jsonl", json.dumps({"text": "<p>Hello.</p>"}))])
    assert raw.content_type == "html"


def test_json_array_file_yields_one_article_per_object(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps([{"text": "One."}, {"text": "Two."}]), encoding="utf-8")
    assert [r.origin for r in read_sources([str(path)])] == [f"{path}#0", f"{path}#1"]
