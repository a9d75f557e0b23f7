"""Reports: the timeline with a chart of events over time and citations down to the sentence.

``build_report(store)`` is the JSON payload; ``render_markdown`` draws the chart as text bars and
``render_html`` the events on a real time axis (``newsline.timeline.axis``, the web UI's), both
from the same payload, citing each article by outlet, title and date. All article text is escaped in HTML
(it is untrusted input); the markdown escapes the characters markdown would interpret.
"""
from __future__ import annotations

import html
from collections import Counter
from typing import Any

from ..events.view import event_evidence
from .build import TimelineFilter, timeline_item
from .ports import TimelineStore

__all__ = ["build_report", "render_markdown", "render_html", "chart_counts", "citation_text"]


def build_report(store: TimelineStore, flt: TimelineFilter | None = None) -> dict[str, Any]:
    """Timeline items with, per event, the citing sentences (article, offsets, text)."""
    found, _ = store.query_events(**(flt or TimelineFilter()).query())
    events = {e.id: e for e in found}
    items = [timeline_item(e) for e in found]
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
            lines.append(f"  > {_md(c['sentence'])} — {_md(citation_text(report['articles'].get(c['article']), c['article']))}")
        lines.append("")
    return "\n".join(lines)


def citation_text(article: dict[str, Any] | None, article_id: str) -> str:
    """"Outlet — Title — 2025-06-10": what a reader cites an article by (never only its hash)."""
    a = article or {}
    when = a.get("published") or "date unknown"
    return f"{a.get('outlet') or 'unknown outlet'} — {a.get('title') or 'untitled'} — {when}"


def _style() -> str:
    from ..datafiles import read_text

    return read_text("serve", "style.css")     # the web UI's stylesheet (data/serve/)


def render_html(report: dict[str, Any]) -> str:
    """A standalone page: the time axis (each event a marker linking to its section, windows as
    bars), then each event with its sources, disagreements and citing sentences. Every value
    from an article is escaped; the page holds no script."""
    from .axis import axis_svg

    e = html.escape
    articles = report["articles"]
    undated = sum(1 for i in report["events"] if not i["date"] and not i["date_window"])
    parts = ["<!doctype html><html lang='en'><head><meta charset='utf-8'><title>newsline timeline</title>",
             f"<style>{_style()}</style></head><body><main>",
             "<h1>Timeline</h1><h2>Events over time</h2>", axis_svg(report["events"]),
             f"<p class='muted'>{len(report['events'])} events; bars are events known only to a window"
             + (f"; {undated} undated (listed, not drawn)" if undated else "") + ".</p><h2>Events</h2>"]
    for item in report["events"]:
        sources = "; ".join(e(citation_text(articles.get(s), s)) for s in item["sources"])
        parts.append(f"<section id='{e(item['id'])}'><h3>{e(item['when'])} — {e(item['label'])} "
                     f"<span class='ctx'>{e(item['context'])}</span></h3><p>{e(item['summary'])}</p>"
                     f"<p class='cite'>Sources ({item['independent_origins']} independent origin(s)): {sources}</p>")
        for d in item["disagreements"]:
            shown = " | ".join(f"{e(str(v['value']))} ({e('; '.join(citation_text(articles.get(s), s) for s in v['sources']))})"
                               for v in d["values"])
            parts.append(f"<p><span class='disagree'>≠ sources differ on {e(d['field'])}</span>: {shown}</p>")
        for c in item["citations"]:
            parts.append(f"<blockquote>{e(c['sentence'])}<br><span class='cite'>— "
                         f"{e(citation_text(articles.get(c['article']), c['article']))} "
                         f"<span class='muted'>(characters {c['start']}–{c['end']})</span></span></blockquote>")
        parts.append("</section>")
    parts.append("</main></body></html>")
    return "\n".join(parts)
