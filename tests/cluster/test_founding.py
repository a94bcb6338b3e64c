"""The founding article ingested twice, under two outlets and URLs: the same clusters, each
with two articles and two sources."""
from __future__ import annotations

from forewarn.pipeline import ingest
from forewarn.settings import Settings
from forewarn.store import Store


def test_founding_article_twice_under_two_outlets(shared, tmp_path):
    seed = shared / "seed" / "000_b035b91ddda7a8e5.txt"
    db = tmp_path / "seed.db"
    settings = Settings(db=str(db))
    first = ingest([str(seed)], settings, published="2023-01-24", outlet="A", url="https://a.example/x")
    assert first.added == 1 and not first.errors
    with Store(db) as store:
        alone = {c.cluster_id for c in store.list_clusters()}
    second = ingest([str(seed)], settings, published="2023-01-24", outlet="B", url="https://b.example/y")
    assert second.added == 1
    with Store(db) as store:
        clusters = store.list_clusters()
        assert store.count_articles() == 2
    assert {c.cluster_id for c in clusters} == alone and len(clusters) >= 10
    assert {(c.articles, c.sources) for c in clusters} == {(2, 2)}
