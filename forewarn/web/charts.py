"""Server-side SVG: a dyad's daily conflict and cooperation, and a map of event locations.

Nothing is loaded from elsewhere: the charts are plain SVG written here, and the map's
country outlines ship in ``static/world.svg.frag`` (Natural Earth 1:110m, equirectangular).
Every text that reaches the SVG is escaped.
"""
from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

STATIC = Path(__file__).parent / "static"

W, H, PAD_L, PAD_R, PAD_T, PAD_B = 720, 240, 44, 12, 16, 28


def series_chart(points: list[dict[str, Any]], label: str) -> Markup:
    """A diverging daily bar chart: cooperation above the axis, conflict below."""
    if not points:
        return Markup("")
    days = [dt.date.fromisoformat(p["day"]) for p in points]
    first, last = min(days), max(days)
    span = max(1, (last - first).days + 1)
    top = max(max(p["cooperation"] for p in points), max(p["conflict"] for p in points), 1.0)
    plot_w, half = W - PAD_L - PAD_R, (H - PAD_T - PAD_B) / 2
    mid = PAD_T + half
    bar = max(2.0, min(24.0, plot_w / span - 1))
    parts = [f'<svg class="chart" viewBox="0 0 {W} {H}" role="img" '
             f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
             f'<title>{escape(label)}</title>',
             f'<line class="axis" x1="{PAD_L}" y1="{mid:.1f}" x2="{W - PAD_R}" y2="{mid:.1f}"/>',
             f'<text class="tick" x="{PAD_L - 6}" y="{PAD_T + 10}" text-anchor="end">{top:g}</text>',
             f'<text class="tick" x="{PAD_L - 6}" y="{mid + 4:.1f}" text-anchor="end">0</text>',
             f'<text class="tick" x="{PAD_L - 6}" y="{H - PAD_B:.1f}" text-anchor="end">{top:g}</text>',
             f'<text class="legend coop" x="{PAD_L + 4}" y="{PAD_T + 10}">cooperation ↑</text>',
             f'<text class="legend conf" x="{PAD_L + 4}" y="{H - PAD_B - 4}">conflict ↓</text>']
    for p, day in zip(points, days):
        x = PAD_L + (day - first).days * plot_w / span + (plot_w / span - bar) / 2
        up = p["cooperation"] / top * half
        down = p["conflict"] / top * half
        tip = escape(f'{day.isoformat()}: {p["events"]} events, cooperation {p["cooperation"]:g}, '
                     f'conflict {p["conflict"]:g}')
        parts.append(f'<g class="day"><title>{tip}</title>')
        if up:
            parts.append(f'<rect class="coop" x="{x:.1f}" y="{mid - up:.1f}" width="{bar:.1f}" '
                         f'height="{up:.1f}"/>')
        if down:
            parts.append(f'<rect class="conf" x="{x:.1f}" y="{mid:.1f}" width="{bar:.1f}" '
                         f'height="{down:.1f}"/>')
        parts.append("</g>")
    parts.append(f'<text class="tick" x="{PAD_L}" y="{H - 8}">{escape(first.isoformat())}</text>')
    if last != first:
        parts.append(f'<text class="tick" x="{W - PAD_R}" y="{H - 8}" text-anchor="end">'
                     f'{escape(last.isoformat())}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


@functools.cache
def _countries() -> str:
    return (STATIC / "world.svg.frag").read_text(encoding="utf-8")


def world_map(points: list[dict[str, Any]]) -> Markup:
    """An equirectangular world map with one linked dot per located event."""
    parts = ['<svg class="map" viewBox="0 0 360 180" role="img" aria-label="Map of event locations" '
             'xmlns="http://www.w3.org/2000/svg"><rect class="sea" width="360" height="180"/>',
             _countries()]                # packaged outline data, not user text
    for p in points:
        x, y = p["lon"] + 180, 90 - p["lat"]
        tip = escape(f'{p["place"]}: {p["label"]}')
        parts.append(f'<a href="{escape(p["link"])}"><circle class="dot" cx="{x:.2f}" cy="{y:.2f}" '
                     f'r="1.6"><title>{tip}</title></circle></a>')
    parts.append("</svg>")
    return Markup("".join(parts))
