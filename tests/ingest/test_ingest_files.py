"""Reading files, directories and stdin, and refusing bad input with one clear message."""
from __future__ import annotations

import datetime as dt
import io
import logging

import pytest

from forewarn.errors import InputError
from forewarn.ingest import read_file, read_sources, read_stdin
from forewarn.settings import Settings

TEXT = "Kenya’s foreign minister met her Somali counterpart in Nairobi on Friday, the ministry said.\n"
HTML = "<!DOCTYPE html><html><head><title>T</title></head><body><p>Hello there.</p></body></html>"


def write(path, data):
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_reads_a_text_file_with_its_path_as_origin(tmp_path):
    path = write(tmp_path / "a.txt", TEXT)
    [raw] = read_sources([str(path)])
    assert (raw.content, raw.content_type, raw.origin) == (TEXT, "text", str(path))


@pytest.mark.parametrize("name, content, kind", [
    ("page.html", "<p>Hello there, said the minister.</p>", "html"),
    ("page.htm", "<div>Hello</div>", "html"),
    ("pasted.txt", HTML, "html"),
    ("notes.md", TEXT, "text"),
    ("story.text", "<Tag> is how some writers start a line.", "text"),
])
def test_sniffs_html_by_extension_and_content(tmp_path, name, content, kind):
    [raw] = read_sources([str(write(tmp_path / name, content))])
    assert raw.content_type == kind


def test_flags_fill_in_what_a_file_lacks(tmp_path):
    path = write(tmp_path / "a.txt", TEXT)
    [raw] = read_sources([str(path)], published="2024-05-14", outlet="Nation", url="https://n.example/a",
                         language="en")
    assert (raw.published, raw.outlet, raw.url, raw.language) == (
        dt.date(2024, 5, 14), "Nation", "https://n.example/a", "en")


def test_missing_file_is_an_input_error_naming_it(tmp_path):
    with pytest.raises(InputError, match="nope.txt.* does not exist"):
        list(read_sources([str(tmp_path / "nope.txt")]))


@pytest.mark.parametrize("content", [b"", b"   \n\t \r\n"])
def test_empty_or_blank_file_is_an_input_error(tmp_path, content):
    with pytest.raises(InputError, match="is empty"):
        list(read_sources([str(write(tmp_path / "empty.txt", content))]))


@pytest.mark.parametrize("content", [b"PK\x03\x04\x00\x00binary zip", bytes(range(1, 9)) * 50 + b"text"])
def test_binary_file_is_an_input_error(tmp_path, content):
    with pytest.raises(InputError, match="binary"):
        list(read_sources([str(write(tmp_path / "blob.txt", content))]))


def test_cp1252_text_is_accepted_with_a_warning(tmp_path, caplog):
    path = write(tmp_path / "win.txt", "The minister said \u201cno\u201d to the caf\u00e9 deal.".encode("cp1252"))
    with caplog.at_level(logging.WARNING):
        [raw] = read_sources([str(path)])
    assert raw.content == "The minister said \u201cno\u201d to the caf\u00e9 deal."
    assert "cp1252" in caplog.text


def test_undecodable_text_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="not UTF-8"):
        list(read_sources([str(write(tmp_path / "bad.txt", b"Minister \x81\x8d\x8f said."))]))


@pytest.mark.parametrize("bom, encoding", [(b"\xef\xbb\xbf", "utf-8"), (b"", "utf-16")])
def test_byte_order_marks_are_decoded_and_dropped(tmp_path, bom, encoding):
    [raw] = read_sources([str(write(tmp_path / "bom.txt", bom + TEXT.encode(encoding)))])
    assert raw.content == TEXT


def test_file_over_max_bytes_is_refused_before_reading(tmp_path, monkeypatch):
    path = write(tmp_path / "big.txt", TEXT * 10)
    monkeypatch.setattr(type(path), "read_bytes", lambda self: pytest.fail("read a file over the limit"))
    with pytest.raises(InputError, match="over the limit of 100"):
        list(read_file(path, settings=Settings(max_bytes=100)))


def test_directory_is_read_recursively_in_sorted_order(tmp_path):
    write(tmp_path / "b.txt", "Second story, officials said.")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "c.html", "<p>Third story.</p>")
    write(tmp_path / "a.md", "First story, officials said.")
    write(tmp_path / "skip.pdf", b"%PDF-1.4")
    write(tmp_path / ".hidden.txt", "Hidden.")
    write(tmp_path / "README.md", "About this folder.")
    origins = [raw.origin for raw in read_sources([str(tmp_path)])]
    assert origins == [str(tmp_path / "a.md"), str(tmp_path / "b.txt"), str(tmp_path / "sub" / "c.html")]


def test_directory_ignores_the_url_flag_but_applies_the_others(tmp_path):
    write(tmp_path / "a.txt", TEXT)
    write(tmp_path / "b.txt", TEXT + "More.")
    raws = list(read_sources([str(tmp_path)], url="https://n.example/a", outlet="Nation"))
    assert [(r.url, r.outlet) for r in raws] == [(None, "Nation"), (None, "Nation")]


@pytest.mark.parametrize("data, kind, count", [
    (TEXT.encode(), "text", 1),
    (HTML.encode(), "html", 1),
    (b'{"text": "One."}\n\n{"text": "Two."}\n', "text", 2),
])
def test_stdin_is_sniffed_as_text_html_or_json_lines(data, kind, count):
    raws = list(read_stdin(io.BytesIO(data)))
    assert (len(raws), raws[0].content_type) == (count, kind)


def test_dash_reads_stdin_with_stdin_as_origin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode())))
    [raw] = read_sources(["-"], outlet="Nation")
    assert (raw.origin, raw.outlet, raw.content) == ("stdin", "Nation", TEXT)


def test_stdin_over_max_bytes_is_an_input_error():
    with pytest.raises(InputError, match="standard input"):
        list(read_stdin(io.BytesIO(TEXT.encode()), settings=Settings(max_bytes=10)))
