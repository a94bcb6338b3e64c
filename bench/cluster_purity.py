"""How well clustering tells the dense replay stream's real events apart.

Regenerates ``dense(default_scenario(seed))`` (bench_warnings.py), remembers which real
event (generator report) each mention came from, bulk-loads the stream with the chosen
clustering settings and, for the counted RUS->UKR assault clusters from the onset, counts
clusters holding more than one real event (merged) and real events spread over more than
one cluster (split).

    /work/venv/bin/python bench/cluster_purity.py 3 now     # modes: old | noidf | now
"""
from __future__ import annotations

import collections
import datetime as dt
import hashlib
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_warnings import dense  # noqa: E402
from forewarn.cluster import ClusterSettings  # noqa: E402
from forewarn.cluster.bulk import load_documents  # noqa: E402
from forewarn.store import Store  # noqa: E402
from forewarn.warn import scenario as S  # noqa: E402

MODES = {"old": ClusterSettings(max_place_km=float("inf"), idf=False),   # no places, no IDF (numbers kept)
         "noidf": ClusterSettings(idf=False), "now": ClusterSettings()}


def event_reports(sc: S.Scenario) -> dict[str, int]:
    """Event id -> the id of the real event it reports, replaying ``iter_documents``' draws."""
    rng = random.Random(sc.seed)
    arts: dict[tuple, list] = {}
    for r in S._reports(sc, rng):
        rng.randrange(3)
        for o in r.outlets:
            lag = 1 if rng.random() < 0.3 else 0
            arts.setdefault((r.day + dt.timedelta(days=lag), o, r.source, r.target), []).append(r)
    out = {}
    for (pub, outlet, s, t), reps in arts.items():
        slug = hashlib.sha1(f"{pub}:{outlet}:{s}:{t}".encode()).hexdigest()[:12]
        url = f"https://{outlet.lower().replace(' ', '')}.example/{pub:%Y/%m/%d}/{slug}"
        aid = hashlib.sha1(url.encode()).hexdigest()[:16]
        for i, r in enumerate(reps):
            out[hashlib.sha1(f"{aid}:{i}".encode()).hexdigest()[:16]] = id(r)
    return out


def main() -> None:
    seed, mode = int(sys.argv[1]), sys.argv[2]
    sc = dense(S.default_scenario(days=120, seed=seed))
    [onset] = sc.onsets
    of = event_reports(sc)
    with Store(":memory:") as st:
        load_documents(st, S.generate(sc), MODES[mode])
        with st._db("purity") as conn:
            rows = conn.execute(
                "SELECT e.event_id, e.cluster_id FROM events e JOIN clusters c USING (cluster_id) "
                "WHERE c.source_country = 'RUS' AND c.target_country = 'UKR' AND c.cameo_root = '19' "
                "AND c.counted = 1 AND c.historical = 0 AND c.day >= ?", (str(onset.day),)).fetchall()
    clusters, spread = collections.defaultdict(set), collections.defaultdict(set)
    for eid, cid in rows:
        clusters[cid].add(of[eid])
        spread[of[eid]].add(cid)
    print(f"seed {seed} {mode}: {len(clusters)} clusters of {len(spread)} real events; "
          f"{sum(len(v) > 1 for v in clusters.values())} clusters merge several, "
          f"{sum(len(v) > 1 for v in spread.values())} events split")


if __name__ == "__main__":
    main()
