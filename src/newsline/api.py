"""newsline's Python API. The CLI (``newsline.cli``) mirrors it one command per function.

Every function takes keyword-only options; ``db`` is a path (default ``$NEWSLINE_DB`` or
``./newsline.db``) or an open :class:`~newsline.store.SQLiteStore`.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .pipeline import IngestReport, Progress
from .runner import run_pipeline
from .records import Article, Reject
from .store import SQLiteStore, open_store

__all__ = ["open_store", "ingest", "resume", "articles", "article", "rejects", "export", "IngestReport"]

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
           language: bool = True, events: bool = True, workers: int | None = None,
           retry_rejects: bool = False, progress: Progress | None = None) -> IngestReport:
    """Read, clean and store articles from files, folders, globs or ``-`` (stdin), then bring every
    later stage (boilerplate, duplicates, language layer, events, dating, merge) up to date.

    Bad input never stops the run: it is recorded in the store's ``rejects`` and in the report; an
    exception in one article's step is that article's reject (step, reason, exception class).
    Re-ingesting the same input changes nothing (keys are content hashes). Whatever an earlier run
    left unfinished (a kill, a crash) is finished too; ``retry_rejects`` also retries the articles
    whose later step failed. ``workers``: processes for the language layer and event extraction
    (default: the machine's cores; 1: this process only); the output is the same for any number.
    """
    if isinstance(paths, (str, Path)):
        paths = [str(paths)]
    with _store(db) as store:
        return run_pipeline(store, paths=[str(p) for p in paths], json_fields=json_fields, language=language,
                            events=events, workers=workers, progress=progress, retry_rejects=retry_rejects)


def resume(*, db: DB = None, language: bool = True, events: bool = True, workers: int | None = None,
           retry_rejects: bool = False, progress: Progress | None = None) -> IngestReport:
    """Finish what earlier runs left unfinished (after a kill, a crash or failed articles) without
    reading new input: every stage each stored article has not done (or did with another model or
    data version), then the barriers. The final state is the one an uninterrupted run gives."""
    with _store(db) as store:
        return run_pipeline(store, paths=None, language=language, events=events, workers=workers,
                            progress=progress, retry_rejects=retry_rejects)


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
