"""newsline's Python API. The CLI (``newsline.cli``) mirrors it one command per function.

Every function takes keyword-only options; ``db`` is a path (default ``$NEWSLINE_DB`` or
``./newsline.db``) or an open :class:`~newsline.store.SQLiteStore`.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .pipeline import IngestReport, Ingestor, Progress
from .records import Article, Reject
from .store import SQLiteStore, open_store

__all__ = ["open_store", "ingest", "articles", "article", "rejects", "export", "IngestReport"]

DB = str | Path | SQLiteStore | None


@contextmanager
def _store(db: DB) -> Iterator[SQLiteStore]:
    if isinstance(db, SQLiteStore):
        yield db
        return
    store = open_store(db)
    try:
        yield store
    finally:
        store.close()


def ingest(paths: Iterable[str] | str, *, db: DB = None, json_fields: dict[str, str] | None = None,
           language: bool = True, events: bool = True, progress: Progress | None = None) -> IngestReport:
    """Read, clean and store articles from files, folders, globs or ``-`` (stdin), then update the
    corpus-wide stages (boilerplate, duplicates, language layer, events) for what changed.

    Bad input never stops the run: it is recorded in the store's ``rejects`` and in the report.
    Re-ingesting the same input changes nothing (keys are content hashes).
    """
    if isinstance(paths, (str, Path)):
        paths = [str(paths)]
    with _store(db) as store:
        return Ingestor(store, json_fields=json_fields, language=language, events=events,
                        progress=progress).run([str(p) for p in paths])


def articles(*, db: DB = None) -> list[Article]:
    """Every stored article, in ingest order."""
    with _store(db) as store:
        return list(store.iter_articles())


def article(article_id: str, *, db: DB = None) -> Article | None:
    """One article by id (a unique prefix is enough)."""
    with _store(db) as store:
        return store.get_article(article_id)


def rejects(*, db: DB = None) -> list[Reject]:
    """Every input refused so far, with the step and the reason."""
    with _store(db) as store:
        return list(store.iter_rejects())


def export(*, db: DB = None) -> dict[str, Any]:
    """The whole store as the versioned JSON export document (see README, "JSON export")."""
    from .export import build_export

    with _store(db) as store:
        return build_export(store)


# -- browsing: paged queries, search and facets (what `newsline serve` answers) ---------------
__all__ += ["events", "event", "search", "facets", "serve"]


def events(*, db: DB = None, since: str | None = None, until: str | None = None,
           types: Iterable[str] = (), actor: str | None = None, place: str | None = None,
           context: str = "default", article: str | None = None, q: str | None = None,
           limit: int = 50, cursor: str | None = None) -> dict[str, Any]:
    """One page of the timeline: ``{"items", "next", "total"}``, items as ``timeline --format
    json`` prints them. ``since``/``until``: a year, month or day; ``types``: codes or labels;
    ``article``: events with a mention in it; ``q``: text in their evidence sentences (phrases in
    quotes, ``word*`` prefixes); ``cursor``: the previous page's ``next``."""
    from .browse import event_filter, events_page

    flt = event_filter(since=since, until=until, types=list(types), actor=actor, place=place, context=context)
    with _store(db) as store:
        return events_page(store, flt, article=article, q=q, limit=limit, cursor=cursor)


def event(event_id: str, *, db: DB = None) -> dict[str, Any] | None:
    """One event as the export item with every mention's evidence, a citation (outlet, title,
    date) per article, its sources grouped by independent origin and each source's readings."""
    from .browse import event_page

    with _store(db) as store:
        return event_page(store, event_id)


def search(q: str, *, db: DB = None, since: str | None = None, until: str | None = None,
           types: Iterable[str] = (), actor: str | None = None, place: str | None = None,
           context: str = "default", outlet: str | None = None, article: str | None = None,
           kind: str = "all", limit: int = 20, cursor: str | None = None) -> dict[str, Any]:
    """Full-text search (SQLite FTS5) over article titles and bodies and event evidence:
    ``{"query", "articles", "events", "total", "next"}``, each hit ranked, cited and with a
    snippet whose matches are marked. ``kind``: all, articles or events."""
    from .browse import event_filter, search_page

    flt = event_filter(since=since, until=until, types=list(types), actor=actor, place=place, context=context)
    with _store(db) as store:
        return search_page(store, q, flt, kind=kind, outlet=outlet, article=article, limit=limit, cursor=cursor)


def facets(field: str, *, db: DB = None, since: str | None = None, until: str | None = None,
           types: Iterable[str] = (), actor: str | None = None, place: str | None = None,
           context: str = "default", article: str | None = None, q: str | None = None,
           limit: int = 50) -> dict[str, Any]:
    """Event counts per type, actor, place, outlet or month under the same filters as
    :func:`events`: ``{"field", "values": [{"value", "count"}], "total"}``."""
    from .browse import event_filter, facet_page

    flt = event_filter(since=since, until=until, types=list(types), actor=actor, place=place, context=context)
    with _store(db) as store:
        return facet_page(store, field, flt, article=article, q=q, limit=limit)


def serve(*, db: DB = None, host: str = "127.0.0.1", port: int = 8765, token: str | None = None,
          token_file: str | Path | None = None, announce: Any = print) -> None:
    """Run the JSON API and web UI (``newsline.server``) until interrupted (Ctrl-C).

    Loopback only unless another ``host`` is given. ``POST /api/v1/ingest`` needs the bearer
    token: ``token``, else the first line of ``token_file``, else a random one announced at start.
    """
    from .server import run_server

    path = db.path if isinstance(db, SQLiteStore) else db
    run_server(db=path, host=host, port=port, token=token, token_file=token_file, announce=announce)
