"""Evaluation task "geo": toponym recognition and GeoNames resolution on GeoWebNews.

Gold: ``eval/geo/GWN.xml`` (200 news articles; Gritta, Pilehvar and Collier 2019, "A Pragmatic
Guide to Geoparsing Evaluation", LREV 54:683-712). The protocol follows that paper:

- What a toponym is: the paper's Pragmatic Taxonomy (its Table 1) has eleven toponym types,
  five literal (Literal, Literal_Modifier, Mixed, Coercion, Embedded_Literal) and six
  associative (Metonymic, Non_Literal_Modifier, Embedded_Non_Lit, Demonym, Language,
  Homonym); all eleven are toponyms to recognise (2,720 in GWN), literal or not, as in the
  authors' own scripts (``phd_work.py`` maps exactly these eleven to Literal/Associative; the
  NCRF++ training map in ``ner.py`` tags all of them as entities). Non_Toponym (names of
  organisations, works and the like) and the two ``*_Expression`` types (common-noun
  phrases, "the city", which the brat schema files under "!Augmentation") are not toponyms.
- Recognition: ``forewarn.resolve.places.find_toponyms`` on the article text (metonymic,
  demonymic and embedded uses included: "Moscow" in "Moscow said" is a toponym even though
  the pipeline then files it as an actor). ``toponym_*`` (the headline) count a system
  toponym correct when it overlaps a gold one, each gold and each system toponym used once;
  ``strict_*`` when its characters equal a gold one's (the CoNLL-style exact match of the
  NCRF++ scorer that, per the dataset's README, gave the authors' cross-validation scores).
  The material at hand does not say which boundary rule the paper's comparisons of other
  taggers used; overlap stays the headline, as it was before this protocol was written
  down, and strict is reported beside it.
- Resolution: GWN gives coordinates to toponyms of the types a point makes sense for (2,601:
  none for Demonym, Language, Homonym). Over those matched by overlap, ``accuracy_161km`` is
  the share whose chosen entry lies within 161 km (100 miles) of the gold point, the paper's
  accuracy@161km (a toponym left unresolved counts as wrong); ``mean_error_km`` the mean
  error, an unresolved toponym counting 20,000 km.
"""
from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from .base import TaskResult, gold_path, prf, task

GOLD = "eval/geo/GWN.xml"
LITERAL_TYPES = frozenset({"Literal", "Literal_Modifier", "Mixed", "Coercion", "Embedded_Literal"})
ASSOCIATIVE_TYPES = frozenset({"Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit", "Demonym",
                               "Language", "Homonym"})
SCORED_TYPES = LITERAL_TYPES | ASSOCIATIVE_TYPES


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    name: str
    type: str
    lat: float | None           # None: a type with no point (demonyms, languages, homonyms)
    lon: float | None


def read_gwn(path: Path) -> list[tuple[str, str, list[GoldToponym]]]:
    """Return (article id, text, gold toponyms of the eleven toponym types) per article."""
    out = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("toponym"):
            if t.findtext("type") not in SCORED_TYPES:
                continue
            lat = (t.findtext("latitude") or "").strip()
            lon = (t.findtext("longitude") or "").strip()
            gold.append(GoldToponym(int(t.findtext("start")), int(t.findtext("end")),
                                    t.findtext("extractedName") or "", t.findtext("type"),
                                    float(lat) if lat and lon else None, float(lon) if lat and lon else None))
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
            if g.lat is None or g.lon is None:
                continue
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
        notes=[f"{len(articles)} articles; gold toponyms = the eleven toponym types of Gritta et al. "
               f"2019, Table 1 ({', '.join(sorted(SCORED_TYPES))})",
               "toponym_*: overlap match, one-to-one; strict_*: identical character spans",
               "accuracy_161km: share of overlap-matched gold toponyms with coordinates resolved "
               "within 161 km (unresolved = wrong); mean_error_km counts an unresolved one as 20,000 km"])
