"""Evaluation task "geo": toponym recognition and GeoNames resolution on GeoWebNews.

Gold: ``eval/geo/GWN.xml`` (200 news articles). A gold toponym is an annotation with
coordinates: the types Literal, Literal_Modifier, Mixed, Metonymic, Non_Literal_Modifier,
Coercion, Embedded_Literal and Embedded_Non_Lit (2,601 in all). Demonyms, languages,
homonyms, non-toponyms and common-noun expressions ("the city") have no coordinates and
are not toponyms here.

Recognition: ``forewarn.resolve.places.find_toponyms`` on the article text (metonymic
uses included: recognising "Moscow" in "Moscow said" is right even though the pipeline
then files it as an actor). ``strict_*`` count a system toponym correct when its
characters equal a gold one's; ``toponym_*`` (the headline) when they overlap one (each
gold and each system toponym used once), the lenient match of Gritta et al. 2019.

Resolution: over the gold toponyms matched by overlap, the share whose chosen entry lies
within 161 km (100 miles) of the gold point (``accuracy_161km``; a toponym left
unresolved counts as wrong), and the mean error in km.
"""
from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from .base import TaskResult, gold_path, prf, task

GOLD = "eval/geo/GWN.xml"
SCORED_TYPES = frozenset({"Literal", "Literal_Modifier", "Mixed", "Metonymic", "Non_Literal_Modifier",
                          "Coercion", "Embedded_Literal", "Embedded_Non_Lit"})


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    name: str
    type: str
    lat: float
    lon: float


def read_gwn(path: Path) -> list[tuple[str, str, list[GoldToponym]]]:
    """Return (article id, text, gold toponyms with coordinates) per article."""
    out = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("toponym"):
            lat = (t.findtext("latitude") or "").strip()
            if not lat or t.findtext("type") not in SCORED_TYPES:
                continue
            gold.append(GoldToponym(int(t.findtext("start")), int(t.findtext("end")),
                                    t.findtext("extractedName") or "", t.findtext("type"),
                                    float(lat), float(t.findtext("longitude"))))
        out.append((art.get("file", ""), text, gold))
    return out


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(min(1.0, a)))


@task("geo", GOLD, "GeoWebNews toponym recognition (P/R/F1) and resolution within 161 km")
def evaluate(shared: Path, *, limit: int | None = None, settings=None) -> TaskResult:
    """Score ``find_toponyms`` on GeoWebNews; ``limit`` caps the number of articles."""
    from ..annotate import load_model
    from ..resolve.places import find_toponyms
    from ..settings import load_settings

    settings = settings or load_settings()
    nlp = load_model(settings.model)
    articles = read_gwn(gold_path(shared, GOLD))
    articles = articles[:limit] if limit else articles
    tp = fp = fn = s_tp = s_fp = s_fn = 0
    near = resolved_n = 0
    errors_km: list[float] = []
    by_type: dict[str, list[int]] = {}
    for _, text, gold in articles:
        system = find_toponyms(nlp(text))
        spans = {(t.start, t.end) for t, _, _ in system}
        gold_spans = {(g.start, g.end) for g in gold}
        s_tp += len(spans & gold_spans)
        s_fp += len(spans - gold_spans)
        s_fn += len(gold_spans - spans)
        used: set[int] = set()
        for g in gold:
            row = by_type.setdefault(g.type, [0, 0])
            row[0] += 1
            match = next((i for i, (t, _, _) in enumerate(system)
                          if i not in used and t.start < g.end and g.start < t.end), None)
            if match is None:
                fn += 1
                continue
            used.add(match)
            tp += 1
            row[1] += 1
            best = system[match][1]
            resolved_n += 1
            if best is not None and best.lat is not None:
                d = km(g.lat, g.lon, best.lat, best.lon)
                errors_km.append(d)
                near += d <= 161
            else:
                errors_km.append(20000.0)
        fp += len(system) - len(used)
    p, r, f = prf(tp, fp, fn)
    sp, sr, sf = prf(s_tp, s_fp, s_fn)
    metrics = {"toponym_precision": p, "toponym_recall": r, "toponym_f1": f,
               "strict_precision": sp, "strict_recall": sr, "strict_f1": sf,
               "accuracy_161km": near / resolved_n if resolved_n else 0.0,
               "mean_error_km": sum(errors_km) / len(errors_km) if errors_km else 0.0}
    return TaskResult(
        task="geo", items=sum(len(g) for _, _, g in articles), metrics=metrics,
        tables={"recall_by_gold_type": {k: {"gold": a, "found": b, "recall": b / a if a else 0.0}
                                        for k, (a, b) in sorted(by_type.items())}},
        notes=[f"{len(articles)} articles; gold toponyms = annotations with coordinates "
               f"({', '.join(sorted(SCORED_TYPES))})",
               "toponym_*: overlap match, one-to-one; strict_*: identical character spans",
               "accuracy_161km: share of overlap-matched gold toponyms resolved within 161 km "
               "(unresolved = wrong); mean_error_km counts an unresolved toponym as 20,000 km"])
