"""Code the VOA corpus and print events per article, PLOVER categories and a random sample.

    python bench/voa_sample.py [--corpus PATH] [--sample 30] [--seed 7] [--out events.jsonl]

The sample is what a person judges by hand (right or wrong, and why); the seed makes
the draw repeatable. Reads ../shared/corpus/voa in place; never copies it.
"""
from __future__ import annotations

import argparse
import collections
import json
import random
import sys
from pathlib import Path

from forewarn.ingest import parse_published
from forewarn.models import RawArticle, to_dict
from forewarn.pipeline import code_articles
from forewarn.settings import load_settings

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "voa" / "voa_stories.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found at {args.corpus}: pass --corpus PATH")
    rows = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    raws = [RawArticle(content=r["text"], url=r.get("url"), title=r.get("title"), outlet="VOA",
                       published=parse_published(r["published"]) if r.get("published") else None) for r in rows]
    events = []
    for doc in code_articles(raws, load_settings()):
        events.extend(doc.events)
    counted = [e for e in events if not (e.modality.negated or e.modality.hypothetical)]
    print(f"{len(rows)} articles, {len(events)} events ({len(counted)} counted), "
          f"{len(events) / len(rows):.2f} events per article")
    cats = collections.Counter((e.plover.category or f"(none: CAMEO {e.cameo.root})") for e in events)
    for cat, n in cats.most_common():
        print(f"  {cat:24} {n:4}  {n / len(events):6.1%}")
    if args.out:
        args.out.write_text("".join(json.dumps(to_dict(e), ensure_ascii=False) + "\n" for e in events))
    rng = random.Random(args.seed)
    for i, e in enumerate(rng.sample(events, min(args.sample, len(events))), 1):
        side = lambda xs: "+".join(f"{a.text}[{a.country}/{a.sector}]" for a in xs) or "-"
        flags = ",".join(k for k, v in vars(e.modality).items() if v is True)
        print(f"\n{i:2}. {side(e.source)} --{e.cameo.code} {e.plover.category}--> {side(e.target)}"
              f"  date={e.date.value} {flags}  trigger={e.evidence.trigger!r}")
        print(f"    {e.evidence.sentence}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
