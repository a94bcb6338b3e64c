"""A synthetic news stream with known escalation onsets, for replay tests and benchmarks.

It imitates what the detector will meet in real coverage rather than clean step functions:

* background dyads with their own daily rates of cooperation and verbal conflict, a weekly
  news cycle (thin weekends) and day-to-day noise (Poisson counts);
* each real event is reported by one or more of a pool of outlets (more for violent events),
  each in its own words (synonyms, reordered attribution, extra clauses), on the day or the
  day after, sometimes dated only by the publication day;
* mentions that must not count: denials (negated), threats of what "could" happen
  (hypothetical), and historical recaps of old fighting dated to when it happened;
* single-outlet rumours of attacks (unconfirmed) scattered over quiet dyads;
* for each ``Onset``: from its day, material conflict (or cooperation, for a de-escalation)
  between its dyad ramps up over a few days and stays high, widely reported.

``generate`` returns the documents in publication order, with the onsets as ground truth.
The stream is deterministic for a seed.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..code.ontology import lookup
from ..models import (
    Actor, Article, Coder, DateRef, Document, Event, Evidence, Modality, Place,
)

CODER = Coder(name="forewarn-scenario", version="1", data_version="synthetic")

OUTLETS = ("Reuters", "AP", "AFP", "BBC", "Al Jazeera", "DW", "VOA", "Kyiv Independent",
           "TASS", "Anadolu", "Xinhua", "The Guardian")

NAMES = {"RUS": "Russia", "UKR": "Ukraine", "BLR": "Belarus", "POL": "Poland", "USA": "the United States",
         "CHN": "China", "TWN": "Taiwan", "ARM": "Armenia", "AZE": "Azerbaijan", "ISR": "Israel",
         "LBN": "Lebanon", "IRN": "Iran", "IND": "India", "PAK": "Pakistan", "DEU": "Germany",
         "FRA": "France", "TUR": "Turkey", "SYR": "Syria", "EGY": "Egypt", "SDN": "Sudan",
         "ETH": "Ethiopia", "ERI": "Eritrea", "KOR": "South Korea", "PRK": "North Korea"}

# code -> (subject sectors, phrasings: "{s}" source, "{t}" target, "{p}" place)
ACTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "042": (("GOV",), ("{s}'s foreign minister visited {t} for talks on trade and security",
                        "A delegation from {s} arrived in {t} for an official visit",
                        "{s} sent its top diplomat to {t} for consultations")),
    "036": (("GOV",), ("{s} said it was ready to meet {t} to negotiate a settlement",
                        "Officials in {s} signalled readiness for negotiations with {t}")),
    "057": (("GOV",), ("{s} and {t} signed an agreement on energy cooperation",
                        "{s} signed a memorandum with {t} on transport links")),
    "061": (("GOV", "BUS"), ("{s} agreed to expand economic cooperation with {t}",
                              "{s} and {t} launched a joint investment programme")),
    "071": (("GOV",), ("{s} pledged economic aid to {t} after the floods",
                        "{s} announced a new aid package for {t}")),
    "111": (("GOV",), ("{s} criticised {t} over its treatment of journalists",
                        "{s} denounced statements made by officials in {t}")),
    "112": (("GOV",), ("{s} accused {t} of meddling in its internal affairs",
                        "{s} accused {t} of spreading disinformation")),
    "130": (("GOV", "MIL"), ("{s} warned {t} of consequences over the border dispute",
                              "{s} threatened {t} with retaliation")),
    "154": (("MIL",), ("{s} moved armoured units toward the border with {t} near {p}",
                        "{s} began mobilising reservists near {p} close to {t}")),
    "173": (("COP",), ("{s} police detained citizens of {t} near {p}",
                        "Security services in {s} arrested nationals of {t} in {p}")),
    "190": (("MIL",), ("{s} forces shelled positions held by {t} near {p}",
                        "{s} troops attacked {t} units outside {p}",
                        "Artillery fire from {s} hit {t} positions around {p}")),
    "195": (("MIL",), ("{s} aircraft struck targets in {t} near {p}",
                        "{s} launched air strikes on {t} around {p}")),
}
# towns by country, with rough points (the place stage would resolve "near Kharkiv" to one)
TOWNS: dict[str, tuple[tuple[str, float, float], ...]] = {
    "UKR": (("Kharkiv", 49.99, 36.23), ("Sumy", 50.91, 34.80), ("Bakhmut", 48.60, 38.00),
            ("Kherson", 46.64, 32.62), ("Kupiansk", 49.71, 37.62), ("Avdiivka", 48.14, 37.74),
            ("Zaporizhzhia", 47.84, 35.14), ("Pokrovsk", 48.28, 37.18), ("Kramatorsk", 48.72, 37.56),
            ("Chernihiv", 51.49, 31.29), ("Odesa", 46.48, 30.72), ("Mykolaiv", 46.98, 31.99)),
    "RUS": (("Belgorod", 50.60, 36.59), ("Kursk", 51.73, 36.19), ("Bryansk", 53.24, 34.37),
            ("Rostov-on-Don", 47.24, 39.71), ("Voronezh", 51.66, 39.20), ("Taganrog", 47.21, 38.94),
            ("Shebekino", 50.41, 36.89)),
    "POL": (("Bialystok", 53.13, 23.16), ("Terespol", 52.08, 23.62), ("Chelm", 51.14, 23.47),
            ("Przemysl", 49.78, 22.77), ("Lublin", 51.25, 22.57), ("Suwalki", 54.10, 22.93)),
    "BLR": (("Brest", 52.10, 23.73), ("Hrodna", 53.68, 23.83), ("Minsk", 53.90, 27.56),
            ("Gomel", 52.44, 30.98)),
    "CHN": (("Xiamen", 24.48, 118.09), ("Fuzhou", 26.07, 119.30), ("Shanghai", 31.23, 121.47),
            ("Guangzhou", 23.13, 113.26), ("Ningbo", 29.87, 121.54)),
    "TWN": (("Kinmen", 24.43, 118.32), ("Matsu", 26.16, 119.95), ("Taipei", 25.03, 121.57),
            ("Kaohsiung", 22.63, 120.30), ("Hualien", 23.99, 121.60), ("Taichung", 24.15, 120.67)),
    "USA": (("Honolulu", 21.31, -157.86), ("San Diego", 32.72, -117.16), ("Guam", 13.44, 144.79)),
    "ARM": (("Sotk", 40.21, 45.92), ("Jermuk", 39.84, 45.67), ("Goris", 39.51, 46.34),
            ("Kapan", 39.21, 46.41), ("Yerevan", 40.18, 44.51)),
    "AZE": (("Lachin", 39.64, 46.55), ("Shusha", 39.76, 46.75), ("Aghdam", 39.99, 46.93),
            ("Tovuz", 40.99, 45.63), ("Ganja", 40.68, 46.36)),
    "ISR": (("Metula", 33.28, 35.58), ("Kiryat Shmona", 33.21, 35.57), ("Nahariya", 33.01, 35.10),
            ("Safed", 32.96, 35.50), ("Haifa", 32.79, 34.99)),
    "LBN": (("Tyre", 33.27, 35.20), ("Nabatieh", 33.38, 35.48), ("Bint Jbeil", 33.12, 35.43),
            ("Marjayoun", 33.36, 35.59), ("Sidon", 33.56, 35.37), ("Baalbek", 34.01, 36.21)),
    "IND": (("Poonch", 33.77, 74.09), ("Uri", 34.08, 74.05), ("Jammu", 32.73, 74.86),
            ("Amritsar", 31.63, 74.87)),
    "PAK": (("Kotli", 33.52, 73.90), ("Muzaffarabad", 34.37, 73.47), ("Sialkot", 32.49, 74.53),
            ("Bhimber", 32.98, 74.08), ("Lahore", 31.55, 74.34)),
}
PLACES = tuple(dict.fromkeys(name for towns in TOWNS.values() for name, _, _ in towns))
_POINTS = {name: (lat, lon, country) for country, towns in TOWNS.items() for name, lat, lon in towns}
# where a code's place lies: strikes and assaults in the target's land, mobilising and
# arrests at home
_HOME_SIDE = frozenset(("154", "173"))
SYNONYMS = {"shelled": ("bombarded", "pounded", "fired on"), "attacked": ("assaulted", "hit"),
            "visited": ("travelled to", "went to"), "criticised": ("condemned", "rebuked"),
            "warned": ("cautioned",), "struck": ("bombed", "hit"), "detained": ("held", "arrested")}
ATTRIBUTIONS = ("officials said on {w}", "according to a statement on {w}", "a spokesperson said",
                "witnesses said", "the ministry said in a statement", "local media reported")
DETAILS = {
    "cooperation": ("covering {topic}", "worth {n} million dollars", "on {topic} and {topic2}",
                    "after {n} hours of talks on {topic}"),
    "conflict": ("killing {n} people", "wounding {n} civilians", "using {weapon}",
                 "damaging {n} buildings", "with {weapon} at dawn"),
}
TOPICS = ("grain exports", "gas transit", "border demarcation", "prisoner exchanges", "rail links",
          "customs rules", "water sharing", "fishing rights", "visa rules", "power lines",
          "port access", "mine clearance", "student exchanges", "air routes", "debt relief")
WEAPONS = ("drones", "rocket launchers", "mortars", "tank fire", "howitzers", "cruise missiles",
           "glide bombs", "sniper fire")
COOPERATION = ("042", "036", "057", "061", "071")
VERBAL_CONFLICT = ("111", "112", "130")
MATERIAL_CONFLICT = ("190", "195", "154", "173")


@dataclass(frozen=True)
class Onset:
    """A known change: from ``day``, ``kind`` ("escalation" or "de-escalation") on a dyad."""

    source: str
    target: str
    day: dt.date
    kind: str = "escalation"
    daily_rate: float = 3.0         # real events a day once fully developed
    ramp_days: int = 3


@dataclass(frozen=True)
class Scenario:
    start: dt.date
    days: int
    dyads: tuple[tuple[str, str], ...]
    onsets: tuple[Onset, ...] = ()
    seed: int = 7
    coop_rate: float = 0.6          # background cooperation events a day per dyad
    verbal_rate: float = 0.35       # background verbal conflict events a day per dyad
    material_rate: float = 0.08     # background (confirmed) material conflict a day per dyad
    rumour_rate: float = 0.05       # single-outlet unconfirmed attacks a day per dyad
    uncounted_rate: float = 0.15    # denials, hypotheticals and recaps a day per dyad
    outlets: tuple[str, ...] = OUTLETS


@dataclass(frozen=True)
class _Report:
    day: dt.date                    # real event day
    code: str
    source: str
    target: str
    sector: str
    place: str
    outlets: tuple[str, ...]
    modality: Modality = field(default_factory=Modality)
    event_day: dt.date | None = None   # a recap's own date
    detail: str = ""                   # what sets this event apart from others like it


def default_scenario(days: int = 120, seed: int = 7) -> Scenario:
    """Eight dyads over ``days`` days; RUS->UKR escalates 30 days before the end."""
    start = dt.date(2024, 1, 1)
    dyads = (("RUS", "UKR"), ("UKR", "RUS"), ("BLR", "POL"), ("USA", "CHN"), ("CHN", "TWN"),
             ("ARM", "AZE"), ("ISR", "LBN"), ("IND", "PAK"))
    return Scenario(start=start, days=days, dyads=dyads, seed=seed,
                    onsets=(Onset("RUS", "UKR", start + dt.timedelta(days=days - 30)),))


def _poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    k, p, limit = 0, 1.0, math.exp(-lam)
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _coverage(rng: random.Random, outlets: tuple[str, ...], code: str) -> tuple[str, ...]:
    violent = code[:2] in ("18", "19", "20", "15", "17")
    n = 1 + _poisson(rng, 2.2 if violent else 0.9)
    return tuple(rng.sample(outlets, min(n, len(outlets))))


def _reports(sc: Scenario, rng: random.Random) -> Iterator[_Report]:
    week_factor = _WEEK
    for i in range(sc.days):
        day = sc.start + dt.timedelta(days=i)
        wf = week_factor[day.weekday()]
        for s, t in sc.dyads:
            mix = [(COOPERATION, sc.coop_rate), (VERBAL_CONFLICT, sc.verbal_rate),
                   (MATERIAL_CONFLICT, sc.material_rate)]
            for onset in sc.onsets:
                if (onset.source, onset.target) == (s, t) and day >= onset.day:
                    ramp = min(1.0, ((day - onset.day).days + 1) / onset.ramp_days)
                    codes = MATERIAL_CONFLICT[:2] if onset.kind == "escalation" else ("057", "036", "071")
                    mix.append((codes, onset.daily_rate * ramp))
                    if onset.kind == "escalation":
                        mix.append((VERBAL_CONFLICT, onset.daily_rate * ramp / 2))
            for codes, rate in mix:
                for _ in range(_poisson(rng, rate * wf)):
                    code = rng.choice(codes)
                    yield _report(rng, sc, day, code, s, t, _coverage(rng, sc.outlets, code))
            for _ in range(_poisson(rng, sc.rumour_rate * wf)):
                yield _report(rng, sc, day, rng.choice(("190", "195")), s, t, (rng.choice(sc.outlets),))
            for _ in range(_poisson(rng, sc.uncounted_rate * wf)):
                kind = rng.random()
                code = rng.choice(("190", "195", "154"))
                outlets = _coverage(rng, sc.outlets, code)
                if kind < 0.4:
                    yield _report(rng, sc, day, code, s, t, outlets, Modality(negated=True))
                elif kind < 0.7:
                    yield _report(rng, sc, day, code, s, t, outlets, Modality(hypothetical=True))
                else:
                    past = day - dt.timedelta(days=rng.randint(200, 700))
                    yield _report(rng, sc, day, code, s, t, outlets, Modality(historical=True), past)


def _report(rng: random.Random, sc: Scenario, day: dt.date, code: str, s: str, t: str,
            outlets: tuple[str, ...], modality: Modality = Modality(),
            event_day: dt.date | None = None) -> _Report:
    sector = rng.choice(ACTS[code][0])
    kind = "conflict" if code[:2] >= "10" else "cooperation"
    detail = rng.choice(DETAILS[kind]).format(n=rng.randint(2, 95), topic=rng.choice(TOPICS),
                                              topic2=rng.choice(TOPICS), weapon=rng.choice(WEAPONS))
    towns = TOWNS.get(s if code in _HOME_SIDE else t)
    place = rng.choice(towns)[0] if towns else rng.choice(PLACES)
    return _Report(day, code, s, t, sector, place, outlets, modality, event_day, detail)


def _sentence(rng: random.Random, r: _Report, variant: int) -> str:
    phrasings = ACTS[r.code][1]
    base = phrasings[variant % len(phrasings)].format(s=NAMES.get(r.source, r.source),
                                                      t=NAMES.get(r.target, r.target), p=r.place)
    words = base.split()
    out = [rng.choice(SYNONYMS[w]) if w in SYNONYMS and rng.random() < 0.3 else w for w in words]
    text = " ".join(out) + (f", {r.detail}" if r.detail else "")
    weekday = r.day.strftime("%A")
    if r.modality.negated:
        text = f"{NAMES.get(r.source, r.source)} denied reports that its forces had attacked {NAMES.get(r.target, r.target)}"
    elif r.modality.hypothetical:
        text = f"{NAMES.get(r.source, r.source)} could attack {NAMES.get(r.target, r.target)} if talks fail, analysts said"
    elif r.modality.historical:
        text = f"In an earlier war, {text[0].lower() + text[1:]}"
    attribution = rng.choice(ATTRIBUTIONS).format(w=weekday)
    return f"{text}, {attribution}." if rng.random() < 0.7 else f"{attribution[0].upper() + attribution[1:]}, {text}."


def generate(sc: Scenario) -> list[Document]:
    """Build the stream: one article per outlet, day and dyad, in publication order."""
    return list(iter_documents(sc))


def iter_documents(sc: Scenario) -> Iterator[Document]:
    """The documents of ``generate`` one at a time (the same ones: only the light reports
    are held in memory, each article is written when it is reached)."""
    rng = random.Random(sc.seed)
    articles: dict[tuple[dt.date, str, str, str], list[tuple[_Report, int]]] = {}
    for report in _reports(sc, rng):
        variant = rng.randrange(3)
        for outlet in report.outlets:
            lag = 1 if rng.random() < 0.3 else 0
            published = report.day + dt.timedelta(days=lag)
            articles.setdefault((published, outlet, report.source, report.target), []).append((report, variant))
    for (published, outlet, s, t), reports in sorted(articles.items()):
        yield _document(rng, published, outlet, s, t, reports)


_WEEK = (1.0, 1.05, 1.1, 1.05, 1.0, 0.6, 0.5)        # the news cycle, Monday first


def _mean_coverage(codes: tuple[str, ...], outlets: int) -> float:
    """The expected number of outlets reporting an event of one of ``codes`` (as _coverage)."""
    def one(code: str) -> float:
        lam = 2.2 if code[:2] in ("18", "19", "20", "15", "17") else 0.9
        # E[min(1 + X, outlets)] for X ~ Poisson(lam)
        p, total, below = math.exp(-lam), 0.0, 0.0
        for k in range(outlets - 1):
            total += p * (1 + k)
            below += p
            p *= lam / (k + 1)
        return total + (1 - below) * outlets
    return sum(one(c) for c in codes) / len(codes)


def expected_events(sc: Scenario) -> float:
    """The expected number of events (mentions: one per reporting outlet) ``generate``
    makes for ``sc``; a stream's count lies within a few square roots of it."""
    n = len(sc.outlets)
    material = _mean_coverage(MATERIAL_CONFLICT, n)
    per_day = (sc.coop_rate * _mean_coverage(COOPERATION, n)
               + sc.verbal_rate * _mean_coverage(VERBAL_CONFLICT, n)
               + sc.material_rate * material + sc.rumour_rate
               + sc.uncounted_rate * _mean_coverage(("190", "195", "154"), n))
    total = 0.0
    for i in range(sc.days):
        day = sc.start + dt.timedelta(days=i)
        wf = _WEEK[day.weekday()]
        total += wf * per_day * len(sc.dyads)
        for o in sc.onsets:
            if day >= o.day and (o.source, o.target) in sc.dyads:
                ramp = min(1.0, ((day - o.day).days + 1) / o.ramp_days)
                if o.kind == "escalation":
                    total += wf * o.daily_rate * ramp * (_mean_coverage(MATERIAL_CONFLICT[:2], n)
                                                         + _mean_coverage(VERBAL_CONFLICT, n) / 2)
                else:
                    total += wf * o.daily_rate * ramp * _mean_coverage(("057", "036", "071"), n)
    return total


def _document(rng: random.Random, published: dt.date, outlet: str, s: str, t: str,
              reports: list[tuple[_Report, int]]) -> Document:
    slug = hashlib.sha1(f"{published}:{outlet}:{s}:{t}".encode()).hexdigest()[:12]
    url = f"https://{outlet.lower().replace(' ', '')}.example/{published:%Y/%m/%d}/{slug}"
    article_id = hashlib.sha1(url.encode()).hexdigest()[:16]
    sentences: list[str] = []
    events: list[Event] = []
    offset = 0
    for index, (r, variant) in enumerate(reports):
        sentence = _sentence(rng, r, variant)
        entry = lookup(r.code)
        own_day = r.event_day or (r.day if rng.random() < 0.75 else published)
        event = Event(
            event_id=hashlib.sha1(f"{article_id}:{index}".encode()).hexdigest()[:16],
            article_id=article_id, sentence_index=index,
            source=(Actor(NAMES.get(r.source, r.source), offset, offset + 5, r.source, r.sector),),
            target=(Actor(NAMES.get(r.target, r.target), offset, offset + 5, r.target, "GOV"),),
            cameo=entry.cameo, plover=entry.plover, goldstein=entry.goldstein,
            plover_score=entry.plover_score, quad_class=entry.quad_class,
            date=DateRef(None, own_day, granularity="day",
                         resolved_from="text" if own_day != published else "publication"),
            evidence=Evidence(sentence=sentence, start=offset, end=offset + len(sentence),
                              trigger=sentence.split()[1]),
            coder=CODER, modality=r.modality, reported_by=(), confidence=0.8,
            place=_place(sentence, offset, r.place))
        events.append(event)
        sentences.append(sentence)
        offset += len(sentence) + 1
    article = Article(article_id=article_id, text=" ".join(sentences), url=url, outlet=outlet,
                      title=f"{NAMES.get(s, s)} and {NAMES.get(t, t)}", published=published)
    return Document(article=article, events=tuple(events))


def _place(sentence: str, offset: int, name: str) -> Place | None:
    """The place the sentence names, resolved as the place stage would (None if it names none)."""
    at = sentence.find(name)
    if at < 0:
        return None
    lat, lon, country = _POINTS.get(name, (None, None, None))
    return Place(name, offset + at, offset + at + len(name), None, lat, lon, country, 0.9)


def synthetic_event(article_id: str, index: int, sentence: str, code: str, source: str,
                    target: str | None, day: dt.date | None, *, sector: str = "GOV",
                    modality: Modality = Modality(), end: dt.date | None = None) -> Event:
    """One hand-made event (for tests and examples): first actors by country code."""
    entry = lookup(code)
    return Event(
        event_id=hashlib.sha1(f"{article_id}:{index}".encode()).hexdigest()[:16],
        article_id=article_id, sentence_index=index,
        source=(Actor(NAMES.get(source, source), 0, 3, source, sector),),
        target=(Actor(NAMES.get(target, target), 0, 3, target, "GOV"),) if target else (),
        cameo=entry.cameo, plover=entry.plover, goldstein=entry.goldstein,
        plover_score=entry.plover_score, quad_class=entry.quad_class,
        date=DateRef(None, day, end=end, granularity="day" if day else "unknown"),
        evidence=Evidence(sentence=sentence, start=0, end=len(sentence), trigger=sentence.split()[0]),
        coder=CODER, modality=modality, confidence=0.8)


def synthetic_document(url: str, outlet: str | None, published: dt.date | None,
                       events: list[tuple]) -> Document:
    """A hand-made article: ``events`` are (sentence, code, source, target, day[, modality])."""
    aid = hashlib.sha1(url.encode()).hexdigest()[:16]
    evs = tuple(synthetic_event(aid, i, e[0], e[1], e[2], e[3], e[4],
                                modality=e[5] if len(e) > 5 else Modality())
                for i, e in enumerate(events))
    return Document(article=Article(aid, " ".join(e[0] for e in events), url=url, outlet=outlet,
                                    published=published), events=evs)
