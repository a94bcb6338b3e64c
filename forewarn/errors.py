"""Forewarn's exceptions.

    ForewarnError                 base: every error Forewarn raises on purpose
    ├── InputError                bad input: unreadable file, binary data, bad JSON line, bad date
    ├── FetchError                a URL or feed could not be fetched or is refused
    ├── ExtractionError           content could not be turned into an article
    ├── KnowledgeError            a malformed data file (names the file, line and problem)
    ├── StoreError                the database could not be opened, migrated or written
    └── SettingsError             an invalid setting or missing model

Messages say what was wrong, the offending value, and what to do.
"""
from __future__ import annotations


class ForewarnError(Exception):
    """Base class of every error Forewarn raises on purpose."""


class InputError(ForewarnError):
    """The input cannot be read as an article."""


class FetchError(ForewarnError):
    """A URL or feed could not be fetched, or fetching it was refused."""


class ExtractionError(ForewarnError):
    """Content could not be turned into an article."""


class KnowledgeError(ForewarnError):
    """A knowledge (data) file is malformed."""


class StoreError(ForewarnError):
    """The store could not be opened, migrated or written."""


class SettingsError(ForewarnError):
    """A setting is invalid, or a configured model is missing."""
