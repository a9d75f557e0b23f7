"""One event for people and programs: the export item and the terminal view with evidence.

Every argument is shown with the sentence that backs it (article id + offsets + text), so a
reader can check each value against its source. Article text is untrusted: the terminal view
escapes Rich markup; the HTML report escapes HTML (see ``newsline.timeline.report``).
"""
from __future__ import annotations

from typing import Any

from ..records import Event, EventMention, to_dict
from .values import window_text
from .ports import EventStore

__all__ = ["event_to_export", "event_evidence", "render_event", "when_text"]


def when_text(event: Event) -> str:
    """"2025-06-10", "2025-06-12..2025-06-26 (a Thursday)", "before 2007-03-13", "after
    2009-05-01" (an open window) or "unknown"."""
    if event.date:
        return event.date
    w = event.date_window
    text = window_text(w)
    if text is None:
        return "unknown"
    return f"{text} (a {w.weekday})" if w.weekday else text


def _sentence(body: str, m: EventMention) -> str:
    return " ".join(body[m.sentence.start:m.sentence.end].split())


def event_evidence(event: Event, store: EventStore) -> list[dict[str, Any]]:
    """Per mention: article, context, trigger, the sentence, and each argument with its evidence."""
    bodies: dict[str, str] = {}
    out = []
    for mid in event.mentions:
        m = store.get_mention(mid)
        if m is None:
            continue
        if m.article_id not in bodies:
            article = store.get_article(m.article_id)
            bodies[m.article_id] = article.body if article else ""
        body = bodies[m.article_id]
        args = [{"role": a.role, "value": a.value, "evidence": body[a.span.start:a.span.end],
                 "start": a.span.start, "end": a.span.end}
                for a in m.arguments if a.role not in ("lemma", "tense", "term", "agreement")]
        sentence = _sentence(body, m)
        # article/start/end/text: the schema's evidence span (the sentence); the rest details it
        out.append({"article": m.article_id, "start": m.sentence.start, "end": m.sentence.end,
                    "text": sentence, "mention": m.id, "type": m.type, "mode": m.mode,
                    "context": m.context, "trigger": body[m.trigger.start:m.trigger.end],
                    "date": m.date, "date_window": to_dict(m.date_window),
                    "sentence": sentence, "sentence_start": m.sentence.start,
                    "sentence_end": m.sentence.end, "arguments": args})
    return out


def event_to_export(event: Event, store: EventStore) -> dict[str, Any]:
    """One event as the export's ``events[]`` item (schema 1.x)."""
    item = to_dict(event)
    item["when"] = when_text(event)
    item["evidence"] = event_evidence(event, store)
    return item


def render_event(item: dict[str, Any], console: Any) -> None:
    """Print one event (its export item, see :func:`event_to_export`): its fields, disagreements,
    terms, then every mention with its evidence."""
    from rich.markup import escape
    from rich.table import Table

    head = Table.grid(padding=(0, 2))
    details = item.get("details") or {}
    crosswalk = details.get("crosswalk", {})
    window = item.get("date_window") or {}
    rows = [("id", item["id"]), ("type", f"{item['type']} / {item.get('mode') or '-'} (CAMEO {crosswalk.get('cameo') or '-'}, "
                                         f"ACLED {crosswalk.get('acled_sub_event_type') or '-'})"),
            ("when", item["when"]), ("why", window.get("reason")),
            ("context", item.get("context")), ("summary", item.get("summary")), ("place", item.get("place")),
            ("actors", ", ".join(item.get("actors") or [])), ("sources", f"{', '.join(item['sources'])} "
                                                                      f"({item['independent_origins']} independent)")]
    for name, value in rows:
        if value:
            head.add_row(f"[bold]{name}[/bold]", escape(str(value)))
    console.print(head)
    if item.get("quantities"):
        table = Table(title="quantities (each reading with its sources)", header_style="bold")
        for col in ("what", "reading", "sources"):
            table.add_column(col)
        for q in item["quantities"]:
            table.add_row(escape(str(q.get("key"))), escape(q.get("text", "")), ", ".join(q.get("sources", [])))
        console.print(table)
    for d in item.get("disagreements") or []:
        shown = "  |  ".join(f"{v['value']} ({', '.join(v['sources'])})" for v in d["values"])
        console.print(f"[yellow]disagreement[/yellow] {escape(d['field'])}: {escape(shown)}")
    for term in details.get("terms", []):
        counts = ", ".join(q["text"] for q in term.get("quantities", [])) or "no count given"
        console.print(f"[cyan]term[/cyan] {term['type']}: {escape(counts)}; carried out by "
                      f"{', '.join(term.get('carried_out_by', [])) or 'nothing reported yet'}"
                      f" ({term.get('undisclosed_events', 0)} with undisclosed numbers)")
    for ev in item["evidence"]:
        table = Table(title=f"{ev['article']} — {ev['context']} — “{escape(ev['trigger'])}”",
                      caption=escape(ev["sentence"]), header_style="bold", title_justify="left")
        for col in ("argument", "value", "evidence"):
            table.add_column(col, overflow="fold")
        for a in ev["arguments"]:
            value = a["value"].get("text") if isinstance(a["value"], dict) and a["role"] == "time" else a["value"]
            if isinstance(value, dict):
                value = value.get("text") or value
            table.add_row(a["role"], escape(str(value)), escape(a["evidence"]))
        console.print(table)
