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

__all__ = ["open_store", "ingest", "articles", "article", "rejects", "export", "types", "IngestReport"]

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


def types(*, family: str | None = None, query: str | None = None) -> list[dict[str, Any]]:
    """The event ontology: one row per type (code, label, family, definition, roles, and each mode
    with its crosswalk codes: PLOVER, CAMEO, ACLED event / sub-event type, ACE 2005, MAVEN).

    ``family`` keeps one family ("business", "justice" …); ``query`` keeps the types a timeline
    ``--type`` value would match (a code, the label the timeline shows, or a family).
    Raises ``ConfigError`` when ``family`` or ``query`` matches nothing, naming what exists.
    """
    from .errors import ConfigError
    from .events.ontology import load_ontology

    ontology = load_ontology()
    rows = ontology.table()
    if family is not None:
        families = sorted({r["family"] for r in rows if r["family"]})
        if family.lower() not in families:
            raise ConfigError(f"no event family {family!r}: families are {', '.join(families)}")
        rows = [r for r in rows if r["family"] == family.lower()]
    if query is not None:
        codes = set(ontology.resolve_types(query))
        if not codes:
            raise ConfigError(f"no event type matches {query!r}: give a code or a label from `newsline types`")
        rows = [r for r in rows if r["code"] in codes]
    return rows
