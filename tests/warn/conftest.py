from __future__ import annotations

import pytest

from forewarn.store import Store


@pytest.fixture
def mem():
    with Store(":memory:") as store:
        yield store
