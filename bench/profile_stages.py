#!/usr/bin/env python
"""Profile Forewarn's non-spaCy stages (extract, resolve, attribute, code, store) with cProfile.

Usage::

    python bench/profile_stages.py [--corpus PATH] [--limit N] [--top K] [--sort cumtime|tottime]

The spaCy parse is done first, outside the profile, so the profile shows only Forewarn's own
work on already parsed docs: ``extract_article`` + ``code_parsed`` + ``Store.add_document``.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pipeline import DEFAULT_CORPUS, load_corpus, make_raws, warm_up  # noqa: E402

import forewarn.pipeline as fp  # noqa: E402
from forewarn.settings import load_settings  # noqa: E402
from forewarn.store import Store  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--sort", default="cumtime", choices=["cumtime", "tottime"])
    ap.add_argument("--out", type=Path, default=None, help="also dump raw stats here (pstats)")
    args = ap.parse_args()

    settings = load_settings()
    raws = make_raws(load_corpus(args.corpus, args.limit))
    warm_up(settings)
    articles = [fp.extract_article(r) for r in raws]
    docs = list(fp.annotate_many((a.text for a in articles), settings.model, settings.batch_size))

    prof = cProfile.Profile()
    with tempfile.TemporaryDirectory(prefix="forewarn-prof-") as tmp:
        store = Store(Path(tmp) / "prof.db")
        prof.enable()
        for raw, doc in zip(raws, docs):
            article = fp.extract_article(raw)
            store.add_document(fp.code_parsed(article, doc, settings))
        prof.disable()
        store.close()
    stats = pstats.Stats(prof).strip_dirs().sort_stats(args.sort)
    stats.print_stats(args.top)
    if args.out:
        stats.dump_stats(str(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
