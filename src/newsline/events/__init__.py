"""Events: extraction per article, cross-document merging into a sourced timeline (dates are
the dating stage's: ``newsline.dating``).

Public API (used by the ingest pipeline and the CLI)::

    extract_events(store, article_ids) -> int   # per-article mentions -> store
    merge_events(store) -> int                   # corpus barrier: mentions -> events
    event_to_export(event, store) -> dict        # one item of the export's "events" list
    render_event(item, console)                  # the terminal view of one exported event
"""
from __future__ import annotations

from .extract import extract_events
from .merge import merge_events
from .view import event_to_export, render_event

__all__ = ["extract_events", "merge_events", "event_to_export", "render_event"]
