"""Shared fixtures: the repository's ../shared folder (skipped where absent) and the model."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: the shared gold and seed data come with CI, not with a clone")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from forewarn.annotate import load_model
    from forewarn.settings import DEFAULT_MODEL
    return load_model(DEFAULT_MODEL)
