"""What an event says, per source: quantities with their readings, disagreements, summary, details.

Every reading keeps its sources: "at least 1,000" (000) and "more than 1,000" (002, 003, 004) are
two readings of one quantity, shown side by side, never averaged or picked between.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from ..records import Event
from .groups import Group
from .ontology import Ontology, load_ontology

__all__ = ["event_quantities", "quantity_disagreements", "build_details", "summarize", "quantity_text",
           "quantity_key"]


def quantity_key(value: dict[str, Any]) -> str:
    """What a quantity counts, normalised: its role ("killed"), else the class of its noun; an age
    is always ``age`` (the oldest and the youngest are two people, not two readings)."""
    if value.get("kind") == "age":
        return "age"
    if value.get("role"):
        return str(value["role"])
    noun = (value.get("noun") or "").lower()
    classes = load_ontology().classes
    for name in ("persons", "remains", "territory"):
        if noun in classes.get(name, ()):
            return name
    return noun or value.get("kind") or "count"


_AGE_QUALIFIERS = {"fewer than": "under", "more than": "over"}


def quantity_text(q: dict[str, Any]) -> str:
    if q.get("value") is None:
        return f"undisclosed {q.get('noun') or 'number'}".strip()
    value = q["value"]
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"
    qualifier = q.get("qualifier") or "exactly"
    if q.get("kind") == "age":     # "aged 59", "aged under 25"
        return " ".join(["aged", *([] if qualifier == "exactly" else [_AGE_QUALIFIERS.get(qualifier, qualifier)]), number])
    words = [] if qualifier == "exactly" else [qualifier]
    words += [number]
    if q.get("noun"):
        words.append(q["noun"])
    if q.get("scope"):
        words.append(q["scope"])
    return " ".join(words)


def event_quantities(g: Group) -> list[dict[str, Any]]:
    """One entry per distinct reading (key, qualifier, value, scope) with its sources and evidence."""
    readings: dict[tuple, dict[str, Any]] = {}
    for m in g.mentions:
        for arg in m.arguments:
            if arg.role != "quantity" or not isinstance(arg.value, dict):
                continue
            q = arg.value
            key = (quantity_key(q), q.get("qualifier"), q.get("value"), q.get("scope"), q.get("kind"))
            entry = readings.setdefault(key, {**q, "key": key[0], "text": quantity_text(q), "sources": [], "evidence": []})
            if m.article_id not in entry["sources"]:
                entry["sources"].append(m.article_id)
            entry["evidence"].append({"mention": m.id, "start": arg.span.start, "end": arg.span.end})
    return list(readings.values())


def quantity_disagreements(quantities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Readings of one quantity (same key) that differ between sources, side by side."""
    by_key: dict[str, list[dict[str, Any]]] = {}
    for q in quantities:
        if q.get("kind") != "age":      # several ages describe several people
            by_key.setdefault(q["key"], []).append(q)
    out = []
    for key, items in by_key.items():
        if len({(q.get("qualifier"), q.get("value"), q.get("scope")) for q in items}) < 2:
            continue
        out.append({"field": f"quantity: {key}",
                    "values": [{"value": q["text"], "sources": q["sources"]} for q in items]})
    return out


def build_details(g: Group, ontology: Ontology, type_: str, mode: str | None) -> dict[str, Any]:
    """Crosswalk codes, per-source values and the reasoning behind the date."""
    per_source: dict[str, dict[str, Any]] = {}
    for m in g.mentions:
        src = per_source.setdefault(m.article_id, {"mentions": [], "contexts": [], "dates": [], "reported_by": []})
        src["mentions"].append(m.id)
        if m.context not in src["contexts"]:
            src["contexts"].append(m.context)
        when = m.date or window_text(m.date_window)
        if when and when not in src["dates"]:
            src["dates"].append(when)
        for a in m.arguments:
            if a.role == "reported_by" and a.value not in src["reported_by"]:
                src["reported_by"].append(a.value)
    # the country or the organisation a person is of ("Ukrainian President X", "the ex-chief of Halden Bank")
    affiliations = {str(a.value.get("actor")): a.value.get("country") or a.value.get("organisation")
                    for m in g.mentions for a in m.arguments if a.role == "affiliation" and isinstance(a.value, dict)}
    time_notes = sorted({_time_note(a.value) for m in g.mentions for a in m.arguments if a.role == "time"})
    details = {"crosswalk": ontology.crosswalk(type_, mode), "label": ontology.label(type_),
               "per_source": per_source, "affiliations": affiliations, "time_evidence": time_notes,
               "roles": _roles(g, ontology, type_)}
    future = next((a.value.get("reason") for m in g.mentions for a in m.arguments
                   if a.role == "after_publication" and isinstance(a.value, dict)), None)
    if future:       # a report of an event dated after its own publication (dating.mentions)
        details["after_publication"] = future
    if not any(a.role in ("source", "target") for m in g.mentions for a in m.arguments):
        details["no_actor"] = next((str(a.value) for m in g.mentions for a in m.arguments if a.role == "no_actor"),
                                   "the text names no party to this event")
    return details


def _roles(g: Group, ontology: Ontology, type_: str) -> dict[str, list[str]]:
    """The type's own names for its source and target ("acquirer" / "target", "appointer" /
    "appointee", "plaintiff" / "defendant", "winner" / "loser"): the actors in the roles the
    ontology defines, and the names a trigger gave a role of the type beyond those two ("the
    electorate": "Parliament elected Ana Ruiz")."""
    spec = ontology.types.get(type_, {})
    names = spec.get("agent_patient") or ["source", "target"]
    out: dict[str, list[str]] = {}
    for generic, name in zip(("source", "target"), names):
        if not name:
            continue
        values = sorted({str(a.value) for m in g.mentions for a in m.arguments if a.role == generic}) \
            or sorted({str(a.value) for m in g.mentions for a in m.arguments if a.role == f"described_{generic}"})
        if values:
            out[name] = values
    for name in (r for r in spec.get("roles", ()) if r not in names and r not in _NOT_ACTOR_ROLES):
        values = sorted({str(a.value) for m in g.mentions for a in m.arguments if a.role == name})
        if values:
            out[name] = values
    return out


# argument roles the mention stores for other things than a party ("target" is a side of its own)
_NOT_ACTOR_ROLES = {"place", "target", "source"}


def window_text(w: Any) -> str | None:
    """"a..b", "before b", "after a" (an open window), or None without bounds."""
    if w is None or not (w.earliest or w.latest):
        return None
    if not w.earliest:
        return f"before {w.latest}"
    return f"after {w.earliest}" if not w.latest else f"{w.earliest}..{w.latest}"


def _time_note(value: dict[str, Any]) -> str:
    resolved = value.get("value") or (f"{value.get('earliest')}..{value.get('latest')}" if value.get("earliest") else "unresolved")
    return f"'{value.get('text')}' -> {resolved} (attached via {value.get('via')})"


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def summarize(event: Event, ontology: Ontology) -> str:
    """One line: who, what, where, the main count, and the context when it is not asserted."""
    who = " & ".join(event.actors[:3]) if event.actors else "unknown actors"
    parts = [f"{who}: {ontology.reading(event.type, event.mode)}"]
    if event.place:
        parts.append(f"in {event.place}")
    counted = [q for q in event.quantities if q.get("value") is not None]
    # the headline count is what the event counts (killed, released …), not ages or side details;
    # when the sources say that number was not disclosed, that is the headline, never an age
    headline = [q for q in counted if q.get("kind") != "age" and q.get("key") != "detail"]
    undisclosed = any(q.get("value") is None for q in event.quantities)
    counted = headline or ([] if undisclosed else [q for q in counted if q.get("kind") != "age"])
    tally = {q["key"]: q for q in counted if q.get("key") in ("votes_for", "votes_against")}
    if len(tally) == 2:     # a vote's tally reads as one figure: "69 votes to 30"
        parts.append(f"— {_number(tally['votes_for']['value'])} votes to {_number(tally['votes_against']['value'])}")
    elif counted:
        common = Counter(q["key"] for q in counted).most_common(1)[0][0]
        texts = list(dict.fromkeys(q["text"] for q in counted if q["key"] == common))
        parts.append("— " + " / ".join(texts[:3]))
    elif undisclosed:
        parts.append("— number undisclosed")
    if event.context not in ("asserted",):
        parts.append(f"[{event.context}]")
    return " ".join(parts)
