"""Benchmark the HTTP API: event queries on a store of 100,000 events, on loopback.

    python bench/bench_web.py [--db PATH] [--workers N] [--concurrency 8] [--client auto|wrk|python]
    python bench/bench_web.py --db PATH --in-process 2000

Builds a synthetic store (articles of ten events each over a year, 40 countries with a
skewed share of the news, real CAMEO/PLOVER codes) unless --db names one already built,
starts ``forewarn serve --workers N`` on 127.0.0.1, then loads it with a varied mix of
``GET /api/events`` queries (country, dyad, category, root, quad, actor, text search, date
ranges, offsets and combinations; 50 full events a page) over keep-alive connections: with
wrk when it is installed (light on CPU), else with a small asyncio HTTP/1.1 client. Prints
the server configuration, the client, the mix, requests per second, p50/p95/p99 latency and
errors; the target is >= 200 requests/s with p95 < 100 ms and no errors. The client shares
the machine's cores with the server, so run it on an otherwise idle machine.
``--in-process N`` times N requests through the app without HTTP instead: the server's own
cost per request, by kind of query.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import http.client
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
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
    n_articles = n_events // EVENTS_PER_ARTICLE
    with Store(path) as store:
        for first in range(0, n_articles, 500):      # bulk: one transaction per 500 articles
            store.add_documents_bulk([make_document(i, rng)
                                      for i in range(first, min(first + 500, n_articles))])
        count = store.count_events()
    print(f"built {path}: {count} events in {time.perf_counter() - t0:.1f} s", file=sys.stderr)


TEXTS = ["shelled", "protested", "sent aid", "arrested", "signed", "on the border", "agency said"]


def query_mix(seed: int = 2, n: int = 400) -> list[str]:
    """Event queries a dashboard and API clients send, each a page of 50 events: every filter
    of the API alone and combined, many countries, dyads, actors, dates and offsets."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        a, b = _country(rng), _country(rng)
        since = START + dt.timedelta(days=rng.randrange(300))
        until = since + dt.timedelta(days=rng.choice([1, 7, 30]))
        code, category, quad, *_ = rng.choice([c for c in CODES if c[1]])
        side = rng.choice(["officials", "forces"])
        out.append(rng.choice([
            f"/api/events?country={a}",
            f"/api/events?dyad={a},{b}",
            f"/api/events?dyad={a},{b}&undirected=true&counted=true",
            f"/api/events?category={category}",
            f"/api/events?root={code[:2]}",
            f"/api/events?since={since}&until={until}",
            f"/api/events?country={a}&since={since}&until={until}",
            f"/api/events?actor={side}%20of%20{a.lower()}",
            f"/api/events?quad={quad}&since={since}",
            f"/api/events?country={a}&offset={rng.choice([50, 100, 200])}",
            f"/api/events?q={rng.choice(TEXTS).replace(' ', '%20')}",
            f"/api/events?q={side}%20of%20{a.lower()}&since={since}",
            f"/api/events?category={category}&country={a}&counted=true",
            f"/api/events?actor=of%20{a.lower()}&quad={quad}",
        ]))
    return out


def mix_summary(urls: list[str]) -> str:
    kinds: dict[str, int] = {}
    for u in urls:
        k = "&".join(sorted(kv.split("=")[0] for kv in u.split("?", 1)[1].split("&")))
        kinds[k] = kinds.get(k, 0) + 1
    return ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen:
    exe = Path(sys.executable).with_name("forewarn")
    cmd = [str(exe), "serve", "--db", str(db), "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/events?limit=1")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    stop_server(proc)
    raise SystemExit("forewarn serve did not start")


def stop_server(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)          # the server and its worker processes
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


# -- the load: an asyncio client on raw keep-alive HTTP/1.1 connections (light on CPU) ------

async def _fetch(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, url: str) -> int:
    writer.write(f"GET {url} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    await reader.readexactly(length)
    return status


def load(port: int, urls: list[str], requests: int, concurrency: int) -> tuple[float, list[float], int]:
    """Send ``requests`` GETs (urls in turn) over ``concurrency`` connections; return the wall
    time, each request's latency and how many failed (non-200 or broken)."""
    latencies: list[float] = []
    errors = 0
    counter = iter(range(requests))

    async def worker() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        for i in counter:                          # shared iterator: a bounded total
            t = time.perf_counter()
            try:
                errors += await asyncio.wait_for(_fetch(reader, writer, urls[i % len(urls)]), 30) != 200
            except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError, ValueError):
                errors += 1                        # counted at its time; then a new connection
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            latencies.append(time.perf_counter() - t)
        writer.close()

    async def run() -> float:
        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return time.perf_counter() - t0

    try:
        import uvloop
        wall = uvloop.run(run())
    except ImportError:
        wall = asyncio.run(run())
    return wall, latencies, errors


def run_wrk(port: int, urls: list[str], seconds: int, concurrency: int) -> dict[str, float]:
    """Run wrk (2 threads) on the mix for ``seconds``; return its requests/s, percentiles, errors."""
    script = Path(tempfile.mkdtemp()) / "mix.lua"
    paths = ",".join(f'"{u}"' for u in urls)
    script.write_text(
        f"local paths = {{{paths}}}\nlocal threads = 0\n"
        "function setup(thread) thread:set('first', threads * 197); threads = threads + 1 end\n"
        "function init(args) i = first or 0 end\n"
        "function request() i = i + 1; return wrk.format('GET', paths[(i % #paths) + 1]) end\n"
        "function done(summary, latency, requests)\n"
        "  io.write(string.format('RESULT %d %f %f %f %f %d\\n', summary.requests, summary.duration,\n"
        "    latency:percentile(50), latency:percentile(95), latency:percentile(99),\n"
        "    summary.errors.status + summary.errors.connect + summary.errors.read +\n"
        "    summary.errors.write + summary.errors.timeout))\n"
        "end\n")
    out = subprocess.run(["wrk", "-t2", f"-c{concurrency}", f"-d{seconds}s", "--timeout", "30s",
                          "-s", str(script), f"http://127.0.0.1:{port}"],
                         check=True, capture_output=True, text=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT"))
    n, duration, p50, p95, p99, errors = (float(x) for x in line.split()[1:])
    return {"requests": n, "rps": n / (duration / 1e6), "p50": p50 / 1000, "p95": p95 / 1000,
            "p99": p99 / 1000, "errors": errors}


# -- in process: the server's own cost per request, without HTTP or a client ----------------

def in_process(db: Path, urls: list[str], requests: int) -> None:
    """Time each request through the ASGI app in this process, one at a time."""
    from forewarn.web import create_app

    app = create_app(db)

    async def call(url: str) -> int:
        path, _, query = url.partition("?")
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
                 "scheme": "http", "path": path, "raw_path": path.encode(), "root_path": "",
                 "query_string": query.encode(), "headers": [(b"host", b"127.0.0.1")],
                 "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}
        status = 0

        async def receive() -> dict:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]

        await app(scope, receive, send)
        return status

    async def run() -> None:
        for url in urls[:20]:
            await call(url)
        by_kind: dict[str, list[float]] = {}
        bad = 0
        t0 = time.perf_counter()
        for i in range(requests):
            url = urls[i % len(urls)]
            t = time.perf_counter()
            bad += await call(url) != 200
            kind = "&".join(sorted(kv.split("=")[0] for kv in url.split("?", 1)[1].split("&")))
            by_kind.setdefault(kind, []).append(time.perf_counter() - t)
        wall = time.perf_counter() - t0
        print(f"in process: {requests} requests, {wall / requests * 1000:.2f} ms each on average "
              f"(one at a time, no HTTP); non-200: {bad}")
        for kind, times in sorted(by_kind.items(), key=lambda kv: -statistics.fmean(kv[1])):
            print(f"  {kind:40s} {len(times):4d}  mean {statistics.fmean(times) * 1000:6.2f} ms  "
                  f"max {max(times) * 1000:6.2f} ms")

    asyncio.run(run())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", type=Path, help="an existing (or to be built) bench store")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="forewarn serve --workers (default: one per CPU core)")
    ap.add_argument("--concurrency", type=int, default=8, help="connections kept open")
    ap.add_argument("--client", choices=["auto", "wrk", "python"], default="auto",
                    help="wrk when installed (auto), else the asyncio client")
    ap.add_argument("--duration", type=int, default=20, help="seconds of load with wrk")
    ap.add_argument("--requests", type=int, default=4000, help="requests with the python client")
    ap.add_argument("--port", type=int, help="load a server already running on this port "
                    "(e.g. another version) instead of starting one")
    ap.add_argument("--in-process", type=int, metavar="N", default=0,
                    help="instead of HTTP: time N requests through the app in this process")
    args = ap.parse_args()

    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "bench.db"
    if not db.exists():
        build_store(db, args.events)
    t0 = time.perf_counter()
    with Store(db) as store:                    # a store from an older Forewarn: migrate it now
        count = store.count_events()
    urls = query_mix()
    print(f"store opened in {time.perf_counter() - t0:.1f} s: {count} events")
    print(f"store: {db} ({os.path.getsize(db) / 1e6:.0f} MB)")
    print(f"mix: {len(urls)} GET /api/events URLs, 50 events a page: {mix_summary(urls)}")
    if args.in_process:
        in_process(db, urls, args.in_process)
        return
    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "python"
    port = args.port or free_port()
    server = None if args.port else start_server(db, port, args.workers)
    try:
        load(port, urls[:40], 40, args.concurrency)             # warm up: caches, threads
        what = f"already running on port {port}" if args.port else f"forewarn serve --workers {args.workers}"
        print(f"server: {what}; client: {client}, "
              f"{args.concurrency} keep-alive connections; {os.cpu_count()} CPUs shared by both")
        if client == "wrk":
            r = run_wrk(port, urls, args.duration, args.concurrency)
            n, rps, p50, p95, p99, errors = (r["requests"], r["rps"], r["p50"], r["p95"], r["p99"],
                                             r["errors"])
            print(f"{n:.0f} requests in {args.duration} s: {rps:.1f} requests/s")
        else:
            wall, lat, errors = load(port, urls, args.requests, args.concurrency)
            lat.sort()
            pct = lambda p: lat[min(len(lat) - 1, int(p / 100 * len(lat)))] * 1000  # noqa: E731
            rps, p50, p95, p99 = len(lat) / wall, pct(50), pct(95), pct(99)
            print(f"{len(lat)} requests in {wall:.2f} s: {rps:.1f} requests/s")
        print(f"latency ms: p50 {p50:.1f}  p95 {p95:.1f}  p99 {p99:.1f}; errors (non-200 or "
              f"broken): {errors:.0f}")
        ok = rps >= 200 and p95 < 100 and errors == 0
        print(f"target (>= 200 requests/s, p95 < 100 ms, no errors): {'met' if ok else 'NOT met'}")
    finally:
        if server is not None:
            stop_server(server)
        tmp.cleanup()


if __name__ == "__main__":
    main()
