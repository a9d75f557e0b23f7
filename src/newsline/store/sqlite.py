"""The embedded SQLite store.

One writer, many readers (WAL mode). Schema changes are named migrations: the ``.sql`` files in
``migrations/`` applied in name order, each once, each in its own transaction, recorded in the
``migrations`` table. Keys are content hashes, so writing the same article twice changes nothing.

Each capability keeps its own queries in a mixin module beside this one (``cleaning.py``,
``dedup.py``, ``annotations.py``, ``events.py``, ``queries.py``, ``search.py``);
:class:`SQLiteStore` is their union.
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..records import Article, Reject, Removed
from ._sql import chunks, marks
from .annotations import AnnotationStoreMixin
from .checks import check_schema, check_store_file, store_error
from .cleaning import CleaningStoreMixin
from .dating import DatingStoreMixin, row_date
from .dedup import DedupStoreMixin
from .events import EventStoreMixin
from .queries import EventQueryMixin
from .search import SearchStoreMixin

_ARTICLE_SCALARS = (
    "id", "source", "fmt", "record", "raw", "body", "title", "standfirst",
    "outlet", "outlet_from", "byline", "url", "language",
)
#: an article's row with the dating stage's record of its publication date beside it
_ARTICLE_SELECT = ("SELECT a.*, p.day, p.reason, p.date_window, p.basis, p.set_aside FROM articles a "
                   "LEFT JOIN publication_dates p ON p.article_id = a.id")


def _busy_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("NEWSLINE_BUSY_SECONDS", "600")))
    except ValueError:
        return 600.0


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _migrations() -> list[tuple[str, str]]:
    folder = resources.files("newsline.store") / "migrations"
    files = sorted(p for p in folder.iterdir() if p.name.endswith(".sql"))
    return [(p.name.removesuffix(".sql"), p.read_text(encoding="utf-8")) for p in files]


class SQLiteStore(CleaningStoreMixin, DedupStoreMixin, AnnotationStoreMixin, DatingStoreMixin, EventStoreMixin,
                  EventQueryMixin, SearchStoreMixin):
    """newsline's store in one SQLite file (``:memory:`` works too)."""

    def __init__(self, path: str | Path, *, readonly: bool = False):
        """Open (and migrate) the store; ``readonly`` opens a read connection to an existing,
        migrated store (what ``newsline serve`` gives each thread while ``ingest`` writes)."""
        self.path = str(path)
        check_store_file(self.path)
        try:
            if readonly:
                uri = Path(self.path).resolve().as_uri() + "?mode=ro"
                self.db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            else:
                self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:  # pragma: no cover - depends on the file system
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA busy_timeout = 5000")
        self._depth = 0
        if readonly:
            return
        if self.path != ":memory:":
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
        self.migrate()

    # -- plumbing -----------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing writes. A nested call is a SAVEPOINT: its failure undoes only its own
        writes (the outer transaction goes on); the outer COMMIT makes everything durable.

        Another process writing the store makes ``BEGIN IMMEDIATE`` wait (``busy_timeout``) and
        retry, for at most ``$NEWSLINE_BUSY_SECONDS`` (default 600) in all; then a
        :class:`~newsline.errors.StoreError` says the store is busy, never "database is locked".
        """
        if self._depth:
            name = f"sp{self._depth}"
            self.db.execute(f"SAVEPOINT {name}")
            self._depth += 1
            try:
                yield self.db
            except BaseException:
                self.db.execute(f"ROLLBACK TO {name}")
                self.db.execute(f"RELEASE {name}")
                raise
            else:
                self.db.execute(f"RELEASE {name}")
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield self.db
        except BaseException:
            self._depth = 0
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        else:
            self._depth = 0
            self._commit()
        finally:
            self._depth = 0

    def _begin(self) -> None:
        deadline = time.monotonic() + _busy_seconds()
        while True:
            try:
                self.db.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise StoreError(f"store {self.path} is busy: another newsline process has been writing it for "
                                     f"more than {_busy_seconds():.0f} s; try again when it has finished "
                                     f"(or set NEWSLINE_BUSY_SECONDS)") from exc
                time.sleep(0.05)

    def _commit(self) -> None:
        try:
            self.db.execute("COMMIT")
        except sqlite3.OperationalError as exc:     # pragma: no cover - WAL commits take no new lock
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise StoreError(f"cannot commit to store {self.path}: {exc}") from exc

    def migrate(self) -> list[str]:
        """Apply pending named migrations; return the names applied.

        A store from a newer version (unknown migrations) or a file SQLite cannot read raises
        StoreError with what to do."""
        try:
            check_schema(self.db, self.path, [name for name, _ in _migrations()])
            return self._migrate()
        except sqlite3.DatabaseError as exc:
            raise store_error(self.path, exc) from exc

    def _migrate(self) -> list[str]:
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in self.db.execute("SELECT name FROM migrations")}
        applied = []
        for name, sql in _migrations():
            if name in done:
                continue
            try:
                with self.transaction() as db:
                    for statement in _split_sql(sql):
                        db.execute(statement)
                    db.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))
            except sqlite3.Error as exc:
                raise StoreError(f"migration {name} failed on {self.path}: {exc}") from exc
            applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT name FROM migrations ORDER BY name")]

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- articles -----------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def put_article(self, article: Article) -> bool:
        """Insert an article; return False (and change nothing) if its content is already stored.

        The place it was seen is always recorded, so a copy of the same file under another name is
        listed as a second source of the one article. The publication date the dating stage
        decided when the article was read (``article.dated``) is stored with it, in its own table.
        """
        with self.transaction() as db:
            new = not self.has_article(article.id)
            if new:
                seq = db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0]
                row = _article_row(article)
                row.update(seq=seq, ingested_at=_now())
                cols = ", ".join(row)
                db.execute(
                    f"INSERT INTO articles ({cols}) VALUES ({', '.join('?' * len(row))})",
                    tuple(row.values()),
                )
                self.put_publication_date(article.id, article.dated)
            db.execute(
                "INSERT OR IGNORE INTO article_sources VALUES (?, ?, ?)",
                (article.id, article.source, article.record),
            )
        return new

    def add_source(self, article_id: str, source: str, record: str = "") -> bool:
        """Record another place an already stored article was seen; True if it was not known."""
        with self.transaction() as db:
            cur = db.execute("INSERT OR IGNORE INTO article_sources VALUES (?, ?, ?)", (article_id, source, record))
        return cur.rowcount == 1

    def update_article(self, article: Article) -> None:
        """Rewrite an article's derived fields (body, metadata, removed blocks) in place; its
        publication date is not among them (:meth:`put_publication_date`, the dating stage's)."""
        row = _article_row(article)
        row.pop("id")
        with self.transaction() as db:
            sets = ", ".join(f"{c} = ?" for c in row)
            db.execute(f"UPDATE articles SET {sets} WHERE id = ?", (*row.values(), article.id))

    def get_article(self, article_id: str) -> Article | None:
        row = self.db.execute(f"{_ARTICLE_SELECT} WHERE a.id = ?", (article_id,)).fetchone()
        if row is None:
            row = self.db.execute(
                f"{_ARTICLE_SELECT} WHERE a.id LIKE ? ORDER BY a.seq LIMIT 2", (article_id + "%",)
            ).fetchall()
            row = row[0] if len(row) == 1 else None
        return _row_article(row) if row is not None else None

    def iter_articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Articles in ingest order (all), or the given ids in the given order (unknown ids are
        left out), read in one query per chunk of ids."""
        if ids is None:
            rows = self.db.execute(f"{_ARTICLE_SELECT} ORDER BY a.seq")
            for row in rows:
                yield _row_article(row)
            return
        for chunk in chunks(list(dict.fromkeys(ids))):
            rows = {r["id"]: r for r in self.db.execute(
                f"{_ARTICLE_SELECT} WHERE a.id IN ({marks(len(chunk))})", chunk).fetchall()}
            for article_id in chunk:
                if article_id in rows:
                    yield _row_article(rows[article_id])

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM articles ORDER BY seq")]

    def article_sources(self, article_id: str) -> list[str]:
        rows = self.db.execute(
            "SELECT source, record FROM article_sources WHERE article_id = ? ORDER BY rowid", (article_id,)
        )
        return [f"{s}#{r}" if r else s for s, r in rows]

    def count_articles(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    # -- rejects ------------------------------------------------------------------------------
    def put_reject(self, reject: Reject) -> bool:
        """Record a reject once (the same input refused for the same reason is not repeated)."""
        with self.transaction() as db:
            cur = db.execute(
                "INSERT OR IGNORE INTO rejects (source, step, reason, record, created_at, article_id, error) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (reject.source, reject.step, reject.reason, reject.record, _now(),
                 reject.article_id or None, reject.error or None),
            )
        return cur.rowcount == 1

    def iter_rejects(self) -> Iterator[Reject]:
        for row in self.db.execute(
                "SELECT source, step, reason, record, error, article_id FROM rejects ORDER BY id"):
            yield Reject(source=row[0], step=row[1], reason=row[2], record=row[3],
                         error=row[4] or "", article_id=row[5] or "")

    def clear_rejects(self, article_id: str, steps: Iterable[str]) -> int:
        """Forget the rejects of ``article_id``'s later ``steps`` (they have now succeeded)."""
        steps = list(steps)
        with self.transaction() as db:
            return db.execute(f"DELETE FROM rejects WHERE article_id = ? AND step IN ({marks(len(steps))})",
                              (article_id, *steps)).rowcount

    # -- stage completion ---------------------------------------------------------------------
    def mark_stages(self, article_ids: Iterable[str], stages: Iterable[str], versions: dict[str, str],
                    status: str = "done") -> None:
        """Record that ``stages`` are done (or failed) for ``article_ids``, with their versions.
        Call it inside the transaction that writes the stages' output."""
        now = _now()
        rows = [(a, s, versions.get(s, ""), status, now) for a in article_ids for s in stages]
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO article_stages (article_id, stage, version, status, done_at) "
                           "VALUES (?, ?, ?, ?, ?)", rows)

    def reset_stages(self, article_ids: Iterable[str], stages: Iterable[str]) -> None:
        """Forget that ``stages`` were done for ``article_ids`` (their input changed)."""
        stages = list(stages)
        with self.transaction() as db:
            for chunk in chunks(list(article_ids), 500):
                db.execute(f"DELETE FROM article_stages WHERE article_id IN ({marks(len(chunk))}) "
                           f"AND stage IN ({marks(len(stages))})", (*chunk, *stages))

    def pending(self, stage: str, version: str, *, after: str | None = None, retry: bool = False) -> list[str]:
        """Ids (ingest order) of the articles ``stage`` still has to do: never done, done with
        another version, or failed (when ``retry``, or when the version changed). With ``after``,
        only articles that have finished that stage.

        Read in proportion to what is left (``0014_pending_work.sql``): the articles stored since
        the stage's cursor, the ones listed as missing its row, and two index ranges for rows of
        another version; never a pass over every article."""
        with self.transaction() as db:
            cursor = db.execute("SELECT seq FROM stage_cursors WHERE stage = ?", (stage,)).fetchone()
            cursor = cursor[0] if cursor else 0
            top = db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
            if top > cursor:
                db.execute(
                    "INSERT OR IGNORE INTO stage_missing (stage, article_id) "
                    "SELECT ?, a.id FROM articles a "
                    "LEFT JOIN article_stages s ON s.article_id = a.id AND s.stage = ? "
                    "WHERE a.seq > ? AND s.article_id IS NULL", (stage, stage, cursor))
            if top != cursor:
                db.execute("INSERT OR REPLACE INTO stage_cursors (stage, seq) VALUES (?, ?)", (stage, top))
        join = ("JOIN article_stages p ON p.article_id = a.id AND p.stage = ? AND p.status = 'done' "
                if after else "")
        rows = self.db.execute(
            "WITH todo(id) AS ("
            " SELECT article_id FROM stage_missing WHERE stage = :stage"
            " UNION SELECT article_id FROM article_stages WHERE stage = :stage AND status = 'done'"
            "   AND version > '' AND version < :version"
            " UNION SELECT article_id FROM article_stages WHERE stage = :stage AND status = 'done'"
            "   AND version > :version"
            " UNION SELECT article_id FROM article_stages WHERE stage = :stage AND status = 'failed'"
            "   AND (:retry OR version != :version)) "
            f"SELECT a.id FROM todo CROSS JOIN articles a ON a.id = todo.id "
            f"{join.replace('?', ':after')}ORDER BY a.seq",
            {"stage": stage, "version": version, "retry": int(retry), "after": after})
        return [r[0] for r in rows]

    def outdated(self, stage: str, version: str) -> int:
        """How many articles ``stage`` did with another version than ``version`` (its model or
        data changed since): two index ranges, counted."""
        ranges = " UNION ALL ".join(
            f"SELECT COUNT(*) AS n FROM article_stages WHERE stage = :stage AND status = '{status}' AND {cond}"
            for status in ("done", "failed") for cond in ("version > '' AND version < :version", "version > :version"))
        return self.db.execute(f"SELECT SUM(n) FROM ({ranges})", {"stage": stage, "version": version}).fetchone()[0]

    def stages_of(self, article_id: str) -> dict[str, dict[str, str]]:
        """``{stage: {"version", "status", "done_at"}}`` recorded for one article."""
        rows = self.db.execute("SELECT stage, version, status, done_at FROM article_stages WHERE article_id = ?",
                               (article_id,))
        return {r[0]: {"version": r[1], "status": r[2], "done_at": r[3]} for r in rows}


def _article_row(article: Article) -> dict[str, Any]:
    row = {name: getattr(article, name) for name in _ARTICLE_SCALARS}
    row["links"] = json.dumps(article.links)
    row["removed"] = json.dumps([_removed_dict(r) for r in article.removed], ensure_ascii=False)
    row["meta"] = json.dumps(article.meta, ensure_ascii=False, default=str)
    return row


def _row_article(row: sqlite3.Row) -> Article:
    values = {name: row[name] for name in _ARTICLE_SCALARS}
    return Article(
        **values,
        links=json.loads(row["links"]),
        removed=[Removed(**r) for r in json.loads(row["removed"])],
        meta=json.loads(row["meta"]),
        dated=row_date(row),
    )


def _removed_dict(removed: Removed) -> dict[str, Any]:
    return {"text": removed.text, "reason": removed.reason, "signal": removed.signal,
            "start": removed.start, "end": removed.end}


def _split_sql(sql: str) -> list[str]:
    """Split a migration file into statements (our migrations hold no ';' inside strings).

    A piece that SQLite does not see as a complete statement (a trigger's ``BEGIN … ; … END``)
    is joined with the next ones until it is.
    """
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    statements, pending = [], ""
    for piece in "\n".join(lines).split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                statements.append(pending.strip().removesuffix(";").strip())
            pending = ""
    if pending.strip(" \n;"):
        statements.append(pending.strip().removesuffix(";").strip())
    return statements


def open_store(db: str | Path | None = None) -> SQLiteStore:
    """Open (creating and migrating as needed) the store at ``db`` / ``$NEWSLINE_DB`` / ``./newsline.db``."""
    from ..config import resolve_db

    return SQLiteStore(resolve_db(db))
