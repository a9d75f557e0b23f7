"""Agreements: their terms, and the events that carry them out.

An agreement mention lists the mentions that state its terms ("agreed to release more than 1,000
prisoners each … and to exchange the bodies of 6,000 soldiers each"). The merged agreement event
collects each term (type, quantities per source, conditions) and links the later events of a
compatible type between overlapping actors that carry it out, with what has been reported so far:
disclosed counts added up, and how many of those events did not disclose their count.
"""
from __future__ import annotations

from typing import Any

from ..records import Event, EventMention
from .ontology import REAL_CONTEXTS, Ontology
from .values import quantity_disagreements, quantity_text

__all__ = ["link_agreements"]


def _terms_of(event: Event, by_id: dict[str, EventMention]) -> list[EventMention]:
    out = []
    for mid in event.mentions:
        m = by_id.get(mid)
        if m is None:
            continue
        for arg in m.arguments:
            if arg.role == "term" and arg.value in by_id:
                out.append(by_id[arg.value])
    return out


def _family(t: EventMention, ontology: Ontology) -> tuple[str, str | None]:
    """The most specific type a term belongs to ("release prisoners" -> a prisoner exchange)."""
    other = ontology.counterpart(f"{t.type}:{t.mode}")
    if other is not None:
        return other.split(":")[0], None
    return t.type, t.mode


def _term_entries(terms: list[EventMention], ontology: Ontology) -> list[dict[str, Any]]:
    grouped: dict[str, dict[str, Any]] = {}
    for t in terms:
        type_, mode = _family(t, ontology)
        entry = grouped.setdefault(type_, {"type": type_, "mode": mode, "quantities": [], "mentions": []})
        entry["mentions"].append(t.id)
        for arg in t.arguments:
            if arg.role == "quantity" and isinstance(arg.value, dict):
                text = quantity_text(arg.value)
                found = next((q for q in entry["quantities"] if q["text"] == text), None)
                if found is None:
                    found = {"text": text, "key": f"{type_.lower()} per term", "value": arg.value.get("value"),
                             "qualifier": arg.value.get("qualifier"), "sources": []}
                    entry["quantities"].append(found)
                if t.article_id not in found["sources"]:
                    found["sources"].append(t.article_id)
    return list(grouped.values())


def _carried_out_by(agreement: Event, term: dict[str, Any], events: list[Event], ontology: Ontology) -> list[Event]:
    start = agreement.date or (agreement.date_window.earliest if agreement.date_window else None)
    actors = set(agreement.actors)
    out = []
    for e in events:
        if e is agreement or e.context not in REAL_CONTEXTS:
            continue
        if not ontology.compatible((term["type"], term["mode"]), (e.type, e.mode)):
            continue
        when = e.date or (e.date_window.earliest if e.date_window else None)
        if start and when and when < start:
            continue
        if actors and e.actors and not actors & set(e.actors):
            continue
        out.append(e)
    return out


def link_agreements(events: list[Event], mentions: list[EventMention], ontology: Ontology) -> None:
    """Fill ``details["terms"]`` of agreement events and ``details["carries_out"]`` of the others."""
    by_id = {m.id: m for m in mentions}
    for event in events:
        terms = _term_entries(_terms_of(event, by_id), ontology)
        if not terms:
            continue
        for term in terms:
            doers = _carried_out_by(event, term, events, ontology)
            term["carried_out_by"] = [e.id for e in doers]
            term["reported_so_far"] = [{"event": e.id, "date": e.date, "counts": [q["text"] for q in e.quantities
                                        if q.get("value") is not None] or ["undisclosed"]} for e in doers]
            term["undisclosed_events"] = sum(1 for e in doers if not any(q.get("value") is not None for q in e.quantities))
            for e in doers:
                e.details.setdefault("carries_out", []).append(event.id)
        event.details["terms"] = terms
        for term in terms:     # the agreement's own counts are its terms' counts
            for q in term["quantities"]:
                event.quantities.append({**q, "term": term["type"], "evidence": []})
        event.disagreements = [d for d in event.disagreements if not d["field"].startswith("quantity")]
        event.disagreements += quantity_disagreements(event.quantities)
