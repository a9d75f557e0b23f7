"""Reports: the timeline with a chart of events over time and citations down to the sentence.

``build_report(store)`` is the JSON payload; ``render_markdown`` draws the chart as text bars and
``render_html`` as an inline SVG, both from the same payload. All article text is escaped in HTML
(it is untrusted input); the markdown escapes the characters markdown would interpret.
"""
from __future__ import annotations

import html
from collections import Counter
from typing import Any

from ..events.view import event_evidence
from .build import TimelineFilter, timeline_items

__all__ = ["build_report", "render_markdown", "render_html", "chart_counts"]


def build_report(store: Any, flt: TimelineFilter | None = None) -> dict[str, Any]:
    """Timeline items with, per event, the citing sentences (article, offsets, text)."""
    events = {e.id: e for e in store.iter_events()}
    items = timeline_items(list(events.values()), flt)
    for item in items:
        item["citations"] = _citations(event_evidence(events[item["id"]], store))
    articles = {a.id: {"title": a.title, "outlet": a.outlet, "published": a.published, "source": a.source}
                for a in store.iter_articles()}
    return {"events": items, "articles": articles, "chart": chart_counts(items)}


def _citations(evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One citation per sentence: two mentions of one event in one sentence cite it once, with
    every trigger they had there."""
    by_sentence: dict[tuple[str, int], dict[str, Any]] = {}
    for ev in evidence:
        key = (ev["article"], ev["sentence_start"])
        if key in by_sentence:
            by_sentence[key]["triggers"].append(ev["trigger"])
            continue
        by_sentence[key] = {"article": ev["article"], "context": ev["context"], "trigger": ev["trigger"],
                            "triggers": [ev["trigger"]], "sentence": ev["sentence"],
                            "start": ev["sentence_start"], "end": ev["sentence_end"]}
    return list(by_sentence.values())


def chart_counts(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events per day (a window counts at its first day, marked ``approx``)."""
    days: Counter = Counter()
    approx: Counter = Counter()
    for item in items:
        window = item["date_window"] or {}
        day = item["date"] or window.get("earliest") or window.get("latest")   # "before X": at X
        if not day:
            continue
        days[day] += 1
        if not item["date"]:
            approx[day] += 1
    return [{"day": d, "events": days[d], "approx": approx[d]} for d in sorted(days)]


def _md(text: str) -> str:
    return "".join("\\" + c if c in "\\`*_[]<>|#" else c for c in str(text))


def render_markdown(report: dict[str, Any]) -> str:
    lines = ["# Timeline", "", "## Events over time", "", "```"]
    peak = max((c["events"] for c in report["chart"]), default=1)
    for c in report["chart"]:
        bar = "█" * max(1, round(20 * c["events"] / peak))
        note = f" ({c['approx']} dated by window)" if c["approx"] else ""
        lines.append(f"{c['day']} {bar} {c['events']}{note}")
    lines += ["```", "", "## Events", ""]
    for item in report["events"]:
        lines.append(f"### {item['when']} — {_md(item['label'])} ({item['context']})")
        lines.append("")
        lines.append(f"{_md(item['summary'])}  ")
        lines.append(f"Sources: {', '.join(item['sources'])} — {item['independent_origins']} independent origin(s)")
        for d in item["disagreements"]:
            shown = "; ".join(f"{_md(v['value'])} ({', '.join(v['sources'])})" for v in d["values"])
            lines.append(f"- Sources differ on {_md(d['field'])}: {shown}")
        for t in item["terms"]:
            counts = ", ".join(_md(q["text"]) for q in t.get("quantities", [])) or "no count"
            lines.append(f"- Term {t['type']}: {counts}; carried out by {', '.join(t.get('carried_out_by', [])) or 'nothing reported yet'}")
        for c in item["citations"]:
            lines.append(f"  > [{c['article']} @{c['start']}] {_md(c['sentence'])}")
        lines.append("")
    return "\n".join(lines)


def _svg(chart: list[dict[str, Any]]) -> str:
    if not chart:
        return "<p>No dated events.</p>"
    width, height, gap = 40 * len(chart) + 40, 160, 40
    peak = max(c["events"] for c in chart)
    bars = []
    for i, c in enumerate(chart):
        h = 110 * c["events"] / peak
        x = 20 + i * gap
        bars.append(f'<rect x="{x}" y="{130 - h:.1f}" width="28" height="{h:.1f}" fill="#4a78b5">'
                    f'<title>{html.escape(c["day"])}: {c["events"]} event(s)</title></rect>'
                    f'<text x="{x + 14}" y="150" font-size="9" text-anchor="middle">{html.escape(c["day"][5:])}</text>'
                    f'<text x="{x + 14}" y="{126 - h:.1f}" font-size="10" text-anchor="middle">{c["events"]}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
            f'aria-label="events per day">{"".join(bars)}</svg>')


def render_html(report: dict[str, Any]) -> str:
    e = html.escape
    parts = ["<!doctype html><html><head><meta charset='utf-8'><title>newsline timeline</title>",
             "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}blockquote{color:#444;"
             "border-left:3px solid #ccc;margin:.3em 0;padding-left:.6em}.ctx{color:#a60}</style></head><body>",
             "<h1>Timeline</h1><h2>Events over time</h2>", _svg(report["chart"]), "<h2>Events</h2>"]
    for item in report["events"]:
        parts.append(f"<section id='{e(item['id'])}'><h3>{e(item['when'])} — {e(item['label'])} "
                     f"<span class='ctx'>({e(item['context'])})</span></h3><p>{e(item['summary'])}</p>"
                     f"<p>Sources: {e(', '.join(item['sources']))} — {item['independent_origins']} independent origin(s)</p>")
        for d in item["disagreements"]:
            shown = "; ".join(f"{e(v['value'])} ({e(', '.join(v['sources']))})" for v in d["values"])
            parts.append(f"<p>Sources differ on {e(d['field'])}: {shown}</p>")
        for c in item["citations"]:
            parts.append(f"<blockquote>[{e(c['article'])} @{c['start']}] {e(c['sentence'])}</blockquote>")
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts)
