"""Ordering and filtering the merged events into timeline items (JSON-ready dicts).

An item carries what the table and the reports show: the date or window, type, one-line summary,
sources and independent origins, disagreements and agreement terms. ``--since/--until`` keep an
event whose date or window overlaps the range; an undated event is kept only without a range.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..events.view import when_text
from ..events.ontology import load_ontology, timeline_contexts
from ..records import Event, to_dict
from .ports import TimelineStore

__all__ = ["TimelineFilter", "timeline_item", "timeline_items", "timeline_page", "DEFAULT_CONTEXTS"]

DEFAULT_CONTEXTS = timeline_contexts()   # data: ontology.json "timeline_contexts"


@dataclass(slots=True)
class TimelineFilter:
    since: str | None = None
    until: str | None = None
    types: tuple[str, ...] = ()
    actor: str | None = None
    place: str | None = None
    contexts: tuple[str, ...] = field(default=DEFAULT_CONTEXTS)

    def query(self) -> dict[str, Any]:
        """The filter as arguments of ``store.query_events`` (the same conditions, on indexes):
        the types as the exact codes they stand for."""
        return {"contexts": self.contexts, "types": self.type_codes(), "actor": self.actor,
                "place": self.place, "since": self.since, "until": self.until}

    def keep(self, e: Event) -> bool:
        if self.contexts and e.context not in self.contexts:
            return False
        if self.types and e.type not in self.type_codes():
            return False
        if self.actor and not any(self.actor.lower() in a.lower() for a in e.actors):
            return False
        if self.place and self.place.lower() not in (e.place or "").lower():
            return False
        return self._in_range(e)

    def type_codes(self) -> tuple[str, ...] | None:
        """The event types ``types`` keep (None: no type filter): each value as a code, the label
        the timeline shows or a family (see ``Ontology.resolve_types``), plus the extensions of
        every PLOVER root among them. Unknown values keep nothing."""
        if not self.types:
            return None
        return _type_codes(tuple(self.types))

    def _in_range(self, e: Event) -> bool:
        if not self.since and not self.until:
            return True
        lo = e.date or (e.date_window.earliest if e.date_window else None)
        hi = e.date or (e.date_window.latest if e.date_window else None)
        if lo is None and hi is None:
            return False
        if self.since and hi and hi < self.since:
            return False
        return not (self.until and lo and lo > self.until)


def timeline_page(store: TimelineStore, flt: TimelineFilter | None = None, *, limit: int | None = None,
                  cursor: str | None = None) -> dict[str, Any]:
    """One page of the timeline read from the store's indexes: ``{"items", "next"}``, where
    ``next`` is the cursor of the following page (None on the last). Only the rows shown are read."""
    flt = flt or TimelineFilter()
    events, following = store.query_events(**flt.query(), limit=limit, cursor=cursor)
    return {"items": [timeline_item(e) for e in events], "next": following}


def timeline_items(events: list[Event], flt: TimelineFilter | None = None) -> list[dict[str, Any]]:
    """Events that pass the filter, in time order (undated last), as JSON-ready items."""
    flt = flt or TimelineFilter()
    return [timeline_item(e) for e in events if flt.keep(e)]


def timeline_item(e: Event) -> dict[str, Any]:
    """One event as the timeline shows it (``timeline --format json``'s item)."""
    return {"id": e.id, "when": when_text(e), "date": e.date, "date_window": to_dict(e.date_window),
            "type": e.type, "mode": e.mode, "label": e.details.get("label", e.type.lower()),
            "context": e.context, "summary": e.summary, "actors": e.actors, "place": e.place,
            "sources": e.sources, "independent_origins": e.independent_origins,
            "quantities": e.quantities, "disagreements": e.disagreements,
            "terms": e.details.get("terms", []), "crosswalk": e.details.get("crosswalk", {})}


@lru_cache(maxsize=256)
def _type_codes(values: tuple[str, ...]) -> tuple[str, ...]:
    ontology = load_ontology()
    wanted = {code for v in values for code in ontology.resolve_types(v)}
    wanted |= {code for code in ontology.types if ontology.parent(code) in wanted}
    return tuple(sorted(wanted))
