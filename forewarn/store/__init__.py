"""Store: coded articles in one SQLite file (WAL, migrations, one transaction per article).

Only this package speaks SQL. ``Store`` writes and reads documents; ``EventFilter`` says
which events ``Store.query_events`` returns, as ``StoredEvent`` rows.
"""
from __future__ import annotations

from forewarn.store.analysis import Assignment
from forewarn.store.filters import EventFilter
from forewarn.store.schema import latest_version
from forewarn.store.store import Store, StoredEvent

__all__ = ["Assignment", "EventFilter", "Store", "StoredEvent", "latest_version"]
