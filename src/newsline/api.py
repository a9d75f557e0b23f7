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
           language: bool = True, events: bool = True, progress: Progress | None = None,
           published: str | None = None, outlet: str | None = None, byline: str | None = None,
           language_code: str | None = None, title: str | None = None, url: str | None = None,
           manifest: str | Path | None = None, include: Iterable[str] = (),
           exclude: Iterable[str] = ()) -> IngestReport:
    """Read, clean and store articles from files, folders, globs or ``-`` (stdin), then update the
    corpus-wide stages (boilerplate, duplicates, language layer, events) for what changed.

    Metadata the user knows beats what newsline infers (a disagreement is recorded in
    ``Article.meta["conflicts"]`` / ``["published_conflicts"]``): ``published`` (a full day),
    ``outlet``, ``byline``, ``language_code`` (ISO 639), ``title`` and ``url`` hold for every
    document of the run; ``manifest`` (CSV or JSON Lines: a path, glob or record id -> fields) and
    sidecar files (``x.txt`` + ``x.meta.json``) give them per document. ``include`` / ``exclude``
    globs filter folder walks. Bad input never stops the run: it is recorded in the store's
    ``rejects`` and in the report. Re-ingesting the same input changes nothing (keys are content
    hashes). Raises ConfigError for a bad value or manifest before anything is read.
    """
    from .read.given import GivenMetadata

    if isinstance(paths, (str, Path)):
        paths = [str(paths)]
    given = GivenMetadata(run={"published": published, "outlet": outlet, "byline": byline,
                               "language": language_code, "title": title, "url": url}, manifest=manifest)
    options = {"given": given, "include": tuple(include or ()), "exclude": tuple(exclude or ())}
    with _store(db) as store:
        return Ingestor(store, json_fields=json_fields, language=language, events=events,
                        progress=progress, read_options=options).run([str(p) for p in paths])


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
