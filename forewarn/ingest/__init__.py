"""Ingest: read files, directories, URLs, feeds, JSON Lines and stdin into RawArticles."""
from __future__ import annotations

from .dates import parse_published
from .defaults import Defaults
from .feeds import fetch_feed, parse_feed
from .files import read_directory, read_file, read_stdin
from .ids import make_article_id, normalize_url
from .jsonl import parse_json, parse_jsonl
from .sources import read_source, read_sources, read_url
from .text import SUFFIXES, decode_bytes, sniff_kind
from .web import Fetched, check_url, fetch

__all__ = [
    "SUFFIXES", "Defaults", "Fetched", "check_url", "decode_bytes", "fetch", "fetch_feed",
    "make_article_id", "normalize_url", "parse_feed", "parse_json", "parse_jsonl", "parse_published",
    "read_directory", "read_file", "read_source", "read_sources", "read_stdin", "read_url", "sniff_kind",
]
