"""Benchmark the HTTP API: event queries on a store of 100,000 events, on loopback.

    python bench/bench_web.py [--events 100000] [--requests 4000] [--concurrency 8] [--db PATH]

Builds a synthetic store (articles of ten events each over a year, 40 countries with a
skewed share of the news, real CAMEO/PLOVER codes) unless --db names one already built,
starts ``forewarn serve`` on 127.0.0.1 in its own process, then sends a fixed number of
``GET /api/events`` requests (a mix of country, dyad, category, root, actor, date-range and
combined filters, 50 events a page) from a pool of keep-alive connections. Prints requests
per second and latency percentiles; the target is >= 200 requests/s with p95 < 100 ms.
With --wrk (and wrk installed) it also runs wrk on the same mix for comparison.
"""
from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from forewarn.models import (Actor, Article, Cameo, Coder, DateRef, Document, Event, Evidence,
                             Modality, Plover)
from forewarn.store import Store

COUNTRIES = ["UKR", "RUS", "BLR", "USA", "CHN", "ISR", "PSE", "IRN", "SYR", "TUR", "ARM", "AZE",
             "GEO", "IND", "PAK", "LKA", "SDN", "ETH", "SOM", "KEN", "NGA", "MLI", "FRA", "DEU",
             "GBR", "POL", "LTU", "SRB", "XKX", "PHL", "TWN", "KOR", "PRK", "JPN", "VEN", "COL",
             "MEX", "BRA", "YEM", "SAU"]
SECTORS = ["GOV", "MIL", "COP", "REB", "OPP", "CVL"]
# (CAMEO code, PLOVER category, quad class, Goldstein, trigger)
CODES = [("010", None, 1, 0.0, "said"), ("020", None, 1, 3.0, "urged"),
         ("036", "CONSULT", 1, 4.0, "offered"), ("040", "CONSULT", 1, 1.0, "met"),
         ("057", "AGREE", 1, 8.0, "signed"), ("061", "COOPERATE", 2, 6.4, "cooperated"),
         ("070", "AID", 2, 7.0, "sent aid"), ("112", "ACCUSE", 3, -2.0, "accused"),
         ("130", "THREATEN", 3, -4.4, "warned"), ("140", "PROTEST", 3, -6.5, "protested"),
         ("154", "MOBILIZE", 4, -7.2, "mobilised"), ("173", "COERCE", 4, -5.0, "arrested"),
         ("190", "ASSAULT", 4, -10.0, "shelled"), ("193", "ASSAULT", 4, -10.0, "fired")]
CODER = Coder("forewarn-rules", "bench", "bench")
START = dt.date(2024, 1, 1)
EVENTS_PER_ARTICLE = 10


def _country(rng: random.Random) -> str:
    return COUNTRIES[min(len(COUNTRIES) - 1, int(rng.expovariate(1 / 8)))]


def make_document(i: int, rng: random.Random) -> Document:
    aid = f"bench{i:011d}"
    day = START + dt.timedelta(days=rng.randrange(365))
    events, sentences, pos = [], [], 0
    for j in range(EVENTS_PER_ARTICLE):
        a, b = _country(rng), _country(rng)
        code, category, quad, goldstein, trigger = rng.choice(CODES)
        sa, sb = f"Officials of {a}", f"forces of {b}"
        sentence = f"{sa} {trigger} {sb} on the border, the agency said."
        src = Actor(sa, pos, pos + len(sa), a, rng.choice(SECTORS), None)
        t0 = pos + len(sa) + 1
        tgt_start = t0 + len(trigger) + 1
        tgt = Actor(sb, tgt_start, tgt_start + len(sb), b, rng.choice(SECTORS), None)
        when = day - dt.timedelta(days=rng.randrange(3))
        events.append(Event(
            event_id=f"{aid}e{j:02d}", article_id=aid, sentence_index=j, source=(src,), target=(tgt,),
            cameo=Cameo(code, code[:3], code[:2]), plover=Plover(category), goldstein=goldstein,
            plover_score=goldstein, quad_class=quad, date=DateRef(None, when, resolved_from="text"),
            evidence=Evidence(sentence, pos, pos + len(sentence), trigger, t0, t0 + len(trigger)),
            coder=CODER, modality=Modality(negated=rng.random() < 0.03), reported_by=("agency",),
            confidence=0.7))
        sentences.append(sentence)
        pos += len(sentence) + 1
    article = Article(article_id=aid, text=" ".join(sentences), url=f"https://news.example/{aid}",
                      outlet=f"Outlet {i % 25}", title=f"Bench article {i}", published=day)
    return Document(article=article, events=tuple(events))


def build_store(path: Path, n_events: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    t0 = time.perf_counter()
    with Store(path) as store:
        for i in range(n_events // EVENTS_PER_ARTICLE):
            store.add_document(make_document(i, rng))
        count = store.count_events()
    print(f"built {path}: {count} events in {time.perf_counter() - t0:.1f} s", file=sys.stderr)


def query_mix(seed: int = 2, n: int = 400) -> list[str]:
    """Event queries a dashboard and API clients send, each a page of 50 events."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        a, b = _country(rng), _country(rng)
        since = START + dt.timedelta(days=rng.randrange(300))
        until = since + dt.timedelta(days=rng.choice([1, 7, 30]))
        code, category, quad, *_ = rng.choice([c for c in CODES if c[1]])
        out.append(rng.choice([
            f"/api/events?country={a}",
            f"/api/events?dyad={a},{b}",
            f"/api/events?dyad={a},{b}&undirected=true&counted=true",
            f"/api/events?category={category}",
            f"/api/events?root={code[:2]}",
            f"/api/events?since={since}&until={until}",
            f"/api/events?country={a}&since={since}&until={until}",
            f"/api/events?actor=officials%20of%20{a.lower()}",
            f"/api/events?quad={quad}&since={since}",
            f"/api/events?country={a}&offset=50",
        ]))
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    exe = Path(sys.executable).with_name("forewarn")
    cmd = [str(exe), "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/openapi.json")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("forewarn serve did not start")


def load(port: int, urls: list[str], requests: int, concurrency: int) -> tuple[float, list[float], int]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(requests))

    def worker() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad = [], 0
        for i in counter:                          # shared iterator: a bounded total
            url = urls[i % len(urls)]
            t = time.perf_counter()
            try:
                conn.request("GET", url)
                resp = conn.getresponse()
                resp.read()
                bad += resp.status != 200
            except OSError:                          # a timeout counts as an error, at its time
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append(time.perf_counter() - t)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return time.perf_counter() - t0, latencies, errors


def run_wrk(port: int, urls: list[str], seconds: int, concurrency: int) -> None:
    script = Path(tempfile.mkdtemp()) / "mix.lua"
    paths = ",".join(f'"{u}"' for u in urls)
    script.write_text(
        f"local paths = {{{paths}}}\nlocal i = 0\n"
        "request = function() i = i + 1; return wrk.format('GET', paths[(i % #paths) + 1]) end\n"
        "done = function(summary, latency, requests)\n"
        "  io.write(string.format('wrk: %d requests, %.1f req/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, errors %d\\n',\n"
        "    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,\n"
        "    latency:percentile(95) / 1000, latency:percentile(99) / 1000,\n"
        "    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))\n"
        "end\n")
    subprocess.run(["wrk", "-t2", f"-c{concurrency}", f"-d{seconds}s", "-s", str(script),
                    f"http://127.0.0.1:{port}"], check=False, stdout=subprocess.DEVNULL if False else None)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=4000)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--db", type=Path, help="an existing (or to be built) bench store")
    ap.add_argument("--wrk", action="store_true", help="also run wrk for 15 s on the same mix")
    args = ap.parse_args()

    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "bench.db"
    if not db.exists():
        build_store(db, args.events)
    port = free_port()
    server = start_server(db, port)
    try:
        urls = query_mix()
        load(port, urls[:20], 20, args.concurrency)             # warm up: caches, threads
        wall, lat, errors = load(port, urls, args.requests, args.concurrency)
        lat.sort()
        pct = lambda p: lat[min(len(lat) - 1, int(p / 100 * len(lat)))] * 1000  # noqa: E731
        rps = len(lat) / wall
        print(f"store: {db} ({os.path.getsize(db) / 1e6:.0f} MB)")
        print(f"{len(lat)} GET /api/events requests, {args.concurrency} connections, {wall:.2f} s: "
              f"{rps:.1f} requests/s")
        print(f"latency ms: p50 {pct(50):.1f}  p95 {pct(95):.1f}  p99 {pct(99):.1f}  "
              f"max {lat[-1] * 1000:.1f}  mean {statistics.fmean(lat) * 1000:.1f}; non-200: {errors}")
        ok = rps >= 200 and pct(95) < 100 and errors == 0
        print(f"target (>= 200 requests/s, p95 < 100 ms, no errors): {'met' if ok else 'NOT met'}")
        if args.wrk:
            run_wrk(port, urls, 15, args.concurrency)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        tmp.cleanup()


if __name__ == "__main__":
    main()
