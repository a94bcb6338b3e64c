"""Warnings as JSON: the body of ``forewarn warnings --json`` and of webhook posts.

    {"warning_id", "kind": "escalation" | "de-escalation", "dyad": {"source", "target"},
     "onset", "day", "severity": "moderate" | "high" | "severe", "score",
     "value", "baseline", "threshold", "persistence", "sources": [outlet, ...],
     "clusters": [{"cluster_id", "date", "cameo_code", "category", "quad_class", "goldstein",
                   "mentions", "sources", "articles", "outlets": [...], "urls": [...],
                   "sentences": [...]}]}

Dates are ISO strings; a dyad side with no country is "".
"""
from __future__ import annotations

from typing import Any

from ..models import ClusterEvidence, DyadWarning


def cluster_evidence_dict(ev: ClusterEvidence) -> dict[str, Any]:
    c = ev.cluster
    return {"cluster_id": c.cluster_id, "date": c.day.isoformat() if c.day else None,
            "cameo_code": c.cameo_code, "category": c.key.category, "quad_class": c.quad_class,
            "goldstein": c.goldstein, "mentions": c.mentions, "sources": c.sources,
            "articles": c.articles, "outlets": list(ev.outlets), "urls": list(ev.urls),
            "sentences": list(ev.sentences)}


def warning_dict(w: DyadWarning) -> dict[str, Any]:
    return {"warning_id": w.warning_id, "kind": w.kind,
            "dyad": {"source": w.source_country, "target": w.target_country},
            "onset": w.onset.isoformat(), "day": w.day.isoformat(), "severity": w.severity,
            "score": w.score, "value": w.value, "baseline": w.baseline, "threshold": w.threshold,
            "persistence": w.persistence, "sources": list(w.sources),
            "clusters": [cluster_evidence_dict(c) for c in w.clusters]}


def webhook_body(w: DyadWarning) -> dict[str, Any]:
    """What ``watch`` POSTs for each new warning: {"type": "forewarn.warning", "version": 1, "warning": {...}}."""
    return {"type": "forewarn.warning", "version": 1, "warning": warning_dict(w)}
