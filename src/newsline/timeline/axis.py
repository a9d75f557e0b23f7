"""A timeline drawn on a real time axis, as SVG: the web UI and the HTML report share it.

Each event is placed at its day; an event known only to a window (a week, "early June", a
year) is drawn as a bar over the whole window, so a reader sees what is certain and what is
not. Colour says the context (asserted, claimed, planned …), shape the type family. Markers are
stacked in lanes so that none hides another. Ticks are years, months, weeks or days depending on
the span shown; with ``zoom_href`` each tick label links to that year, month or day (zoom in).

Everything written into the SVG is escaped: summaries and labels come from article text.
"""
from __future__ import annotations

import zlib
from collections.abc import Callable
from datetime import date, timedelta
from html import escape
from typing import Any

__all__ = ["axis_svg", "item_range", "SHAPES", "CONTEXTS"]

WIDTH, LEFT, RIGHT, TOP, LANE, TICKS_H = 1000, 10, 10, 26, 16, 30
MAX_LANES = 24
SHAPES = ("circle", "square", "diamond", "triangle")
CONTEXTS = ("asserted", "claimed", "agreed", "planned", "hypothetical", "denied", "negated", "reported")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def item_range(item: dict[str, Any]) -> tuple[date, date] | None:
    """The first and last day an item may be on (its day twice when it is dated)."""
    if item.get("date"):
        d = _day(item["date"])
        return (d, d) if d else None
    window = item.get("date_window") or {}
    lo, hi = _day(window.get("earliest")), _day(window.get("latest"))
    if lo is None and hi is None:
        return None
    return (lo or hi, hi or lo)


def shape_of(event_type: str) -> str:
    """A stable shape per type (the legend lists which)."""
    return SHAPES[zlib.crc32(event_type.encode()) % len(SHAPES)]


def _ticks(lo: date, hi: date) -> tuple[str, list[date]]:
    span = (hi - lo).days
    if span > 3 * 366:
        return "year", [date(y, 1, 1) for y in range(lo.year, hi.year + 1) if date(y, 1, 1) >= lo] or [lo]
    if span > 100:
        out, y, m = [], lo.year, lo.month
        while date(y, m, 1) <= hi:
            if date(y, m, 1) >= lo:
                out.append(date(y, m, 1))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return "month", out
    if span > 24:
        first = lo + timedelta(days=(7 - lo.weekday()) % 7)
        return "week", [first + timedelta(days=7 * k) for k in range((hi - first).days // 7 + 1)]
    return "day", [lo + timedelta(days=k) for k in range(span + 1)]


def _tick_label(kind: str, d: date, first: bool) -> str:
    if kind == "year":
        return str(d.year)
    if kind == "month":
        return f"{_MONTHS[d.month - 1]} {d.year}" if first or d.month == 1 else _MONTHS[d.month - 1]
    return f"{d.day} {_MONTHS[d.month - 1]}" + (f" {d.year}" if first or (d.month == 1 and d.day <= 7) else "")


def _zoom_value(kind: str, d: date) -> tuple[str, str]:
    if kind == "year":
        return str(d.year), str(d.year)
    if kind == "month":
        return f"{d.year:04d}-{d.month:02d}", f"{d.year:04d}-{d.month:02d}"
    if kind == "week":
        return d.isoformat(), (d + timedelta(days=6)).isoformat()
    return d.isoformat(), d.isoformat()


def _marker(shape: str, x: float, y: float, r: float = 5.5) -> str:
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}"/>'
    if shape == "square":
        return f'<rect x="{x - r + 1:.1f}" y="{y - r + 1:.1f}" width="{2 * r - 2:.1f}" height="{2 * r - 2:.1f}"/>'
    if shape == "diamond":
        return f'<polygon points="{x:.1f},{y - r - 1:.1f} {x + r + 1:.1f},{y:.1f} {x:.1f},{y + r + 1:.1f} {x - r - 1:.1f},{y:.1f}"/>'
    return f'<polygon points="{x:.1f},{y - r:.1f} {x + r:.1f},{y + r - 1:.1f} {x - r:.1f},{y + r - 1:.1f}"/>'


def axis_svg(items: list[dict[str, Any]], *, lo: str | None = None, hi: str | None = None,
             href: Callable[[dict[str, Any]], str] = lambda item: f"#{item['id']}",
             zoom_href: Callable[[str, str], str] | None = None) -> str:
    """The SVG (a string, everything in it escaped) of ``items`` (timeline items) between ``lo``
    and ``hi`` (ISO days; default: the items' own range). Undated items are left out: the caller
    says how many."""
    placed = [(item, r) for item in items if (r := item_range(item))]
    start, end = _day(lo), _day(hi)
    if not placed and not (start and end):
        return '<p class="axis-empty">No dated events to draw.</p>'
    start = start or min(r[0] for _, r in placed)
    end = end or max(r[1] for _, r in placed)
    if end < start:
        start, end = end, start
    pad = max(1, (end - start).days // 40)
    start, end = start - timedelta(days=pad), end + timedelta(days=pad)
    span = max(1, (end - start).days + 1)
    scale = (WIDTH - LEFT - RIGHT) / span

    def x_of(d: date) -> float:
        return LEFT + (d - start).days * scale

    lanes: list[float] = []
    marks = []
    for item, (a, b) in sorted(placed, key=lambda p: (p[1][0], p[1][1], p[0]["id"])):
        x0, x1 = x_of(max(a, start)), x_of(min(b, end)) + scale
        lane = next((k for k, right in enumerate(lanes) if right + 3 < x0), None)
        if lane is None:
            lane = len(lanes) if len(lanes) < MAX_LANES else min(range(len(lanes)), key=lanes.__getitem__)
            if lane == len(lanes):
                lanes.append(0.0)
        y = TOP + LANE * lane + LANE / 2
        lanes[lane] = max(lanes[lane], x1 if a != b else x0 + 8)
        context = item.get("context") or "asserted"
        title = f"{item.get('when', '')} — {item.get('label', '')} ({context}): {item.get('summary', '')}"
        if a == b:
            shape = _marker(shape_of(item.get("type", "")), x0 + scale / 2, y)
        else:
            shape = (f'<rect class="window" x="{x0:.1f}" y="{y - 4:.1f}" width="{max(3.0, x1 - x0):.1f}" '
                     f'height="8" rx="3"/>')
        marks.append(f'<a href="{escape(href(item))}" class="ev ctx-{escape(context)}" '
                     f'data-id="{escape(item["id"])}"><title>{escape(title)}</title>{shape}</a>')
    height = TOP + LANE * max(1, len(lanes)) + TICKS_H
    kind, ticks = _ticks(start, end)
    axis_y = height - TICKS_H + 4
    parts = [f'<line class="axis" x1="{LEFT}" y1="{axis_y}" x2="{WIDTH - RIGHT}" y2="{axis_y}"/>']
    step = max(1, len(ticks) // 14)
    for k, d in enumerate(ticks):
        x = x_of(d)
        parts.append(f'<line class="tick" x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{axis_y + 4}"/>')
        if k % step:
            continue
        label = escape(_tick_label(kind, d, k == 0))
        text = f'<text x="{x + 2:.1f}" y="{axis_y + 18}">{label}</text>'
        if zoom_href:
            text = f'<a class="zoom" href="{escape(zoom_href(*_zoom_value(kind, d)))}">{text}</a>'
        parts.append(text)
    return (f'<svg class="timeline-axis" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
            f'width="100%" role="img" aria-label="events from {start.isoformat()} to {end.isoformat()}, '
            f'ticks per {kind}">{"".join(parts)}{"".join(marks)}</svg>')
