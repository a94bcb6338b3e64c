"""Bulk loading builds exactly the store that add_document and update_clusters build."""
from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from forewarn.cluster import update_clusters
from forewarn.cluster.bulk import load_documents
from forewarn.errors import InputError
from forewarn.models import Article, Document, Modality
from forewarn.store import Store
from forewarn.warn.scenario import default_scenario, generate, synthetic_document, synthetic_event

D = dt.date(2024, 1, 20)


def _odd_documents() -> list[Document]:
    """Mentions that take the candidate queries' rarer paths: undated, long-span, wordless."""
    aid = "odd-long"
    long_events = tuple(
        synthetic_event(aid, i, s, "190", "RUS", "UKR", D - dt.timedelta(days=90 + i),
                        end=D - dt.timedelta(days=10))
        for i, s in enumerate(["Russian forces shelled Ukrainian towns all through the autumn",
                               "Russian forces shelled Ukrainian towns through the autumn months"]))
    return [
        synthetic_document("https://odd.example/undated-1", "Outlet A", None,
                           [("Russia shelled Ukrainian villages near the border", "190", "RUS", "UKR", None)]),
        synthetic_document("https://odd.example/undated-2", "Outlet B", None,
                           [("Russia shelled Ukrainian villages close to the border", "190", "RUS", "UKR", None)]),
        synthetic_document("https://odd.example/wordless-1", "Outlet A", D,
                           [("It was so.", "111", "USA", "CHN", D), ("It was so.", "111", "USA", "CHN", D)]),
        synthetic_document("https://odd.example/wordless-2", "Outlet C", D,
                           [("It was so.", "111", "USA", "CHN", D),
                            ("Nobody did it.", "190", "RUS", "UKR", D, Modality(negated=True))]),
        Document(article=Article(aid, " ".join(e.evidence.sentence for e in long_events),
                                 url="https://odd.example/long", outlet="Outlet D", published=D),
                 events=long_events),
    ]


def _documents() -> list[Document]:
    docs = generate(default_scenario(days=40, seed=5))
    odd = _odd_documents()
    return docs[:150] + odd[:3] + docs[150:400] + odd[3:] + docs[400:] + docs[10:12]   # and repeats


def _tables(path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        out = {}
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                            "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        for name in names:
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({name})")
                    if (name, r[1]) not in (("articles", "ingested_at"), ("schema_migrations", "applied_at"))]
            try:
                conn.execute(f"SELECT rowid FROM {name} LIMIT 1")
                order = "rowid"
            except sqlite3.OperationalError:          # WITHOUT ROWID: its key orders it
                order = ", ".join(cols)
            out[name] = conn.execute(f"SELECT {', '.join(cols)} FROM {name} ORDER BY {order}").fetchall()
        return out
    finally:
        conn.close()


@pytest.mark.parametrize("batch, chunk", [(5000, 5000), (40, 37)])
def test_bulk_load_builds_the_store_that_ingest_and_clustering_build(tmp_path, batch, chunk):
    docs = _documents()
    with Store(tmp_path / "normal.db") as store:
        for d in docs:
            store.add_document(d)
        update_clusters(store, batch=batch)
    with Store(tmp_path / "bulk.db") as store:
        run = load_documents(store, iter(docs), batch=batch, chunk=chunk)
    normal, bulk = _tables(tmp_path / "normal.db"), _tables(tmp_path / "bulk.db")
    assert run.events == len(normal["events"]) > 1000
    assert len(normal["clusters"]) > 300 and normal["dyad_days"]
    for name in normal:
        assert bulk[name] == normal[name], name


def test_bulk_load_refuses_a_store_with_events(mem):
    mem.add_document(synthetic_document("https://a.example/1", "A", D,
                                        [("Russia shelled Ukrainian villages", "190", "RUS", "UKR", D)]))
    with pytest.raises(InputError, match="without events"):
        load_documents(mem, [])


def test_candidates_in_memory_are_those_the_store_returns(tmp_path, monkeypatch):
    from forewarn.cluster import bulk

    calls = []
    real = bulk.MemoryClusters.candidates

    def view(found):
        return [(c.cluster_id, c.key, c.cameo_code, c.day, c.end, c.signatures, set(m)) for c, m in found]

    with Store(tmp_path / "bulk.db") as store:
        def checked(self, key, lo, hi):
            found = real(self, key, lo, hi)
            calls.append(bool(found))
            assert view(found) == view(store.cluster_candidates(key, lo, hi))
            return found

        monkeypatch.setattr(bulk.MemoryClusters, "candidates", checked)
        load_documents(store, _documents(), batch=40, chunk=37)
    assert len(calls) > 1000 and sum(calls) > 500
