"""Events: extraction per article, cross-document merging into a sourced timeline.

Public API (used by the ingest pipeline and the CLI)::

    extract_events(store, article_ids) -> int   # per-article mentions -> store
    date_articles(store) -> list[str]            # dates/windows for undated articles, with reasons
    merge_events(store) -> int                   # corpus barrier: mentions -> events
    event_to_export(event, store) -> dict        # one item of the export's "events" list
    render_event(item, console)                  # the terminal view of one exported event
"""
from __future__ import annotations

from .dating import date_articles
from .extract import extract_events
from .merge import merge_events
from .view import event_to_export, render_event

__all__ = ["extract_events", "date_articles", "merge_events", "event_to_export", "render_event"]
