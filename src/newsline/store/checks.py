"""Refusing a store that cannot be used, with what to do, before SQLite fails on it.

Each check raises :class:`~newsline.errors.StoreError` (exit code 4 on the command line) with a
message that names the file and the fix: a file that is not SQLite (a text file given by mistake),
a corrupt one, one the user may not write, a folder that does not exist, and a store written by
a newer newsline (it holds migrations this version does not know: opening it would write an old
schema's data into a newer layout).
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..errors import StoreError

__all__ = ["check_store_file", "check_schema", "store_error"]

_MAGIC = b"SQLite format 3\x00"


def check_store_file(path: str) -> None:
    """Refuse a path that cannot hold a store (before connecting, which would create or damage it)."""
    if path == ":memory:" or path.startswith("file:"):
        return
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise StoreError(f"store {path} is a folder, not a file: give a file name with --db (e.g. {path}/newsline.db)")
    if not target.exists():
        if not folder.is_dir():
            raise StoreError(f"cannot create store {path}: the folder {folder} does not exist (create it first)")
        if not os.access(folder, os.W_OK):
            raise StoreError(f"cannot create store {path}: the folder {folder} is not writable")
        return
    try:
        with target.open("rb") as handle:
            head = handle.read(len(_MAGIC))
    except OSError as exc:
        raise StoreError(f"cannot read store {path}: {exc.strerror or exc}") from None
    if head and head != _MAGIC:
        raise StoreError(f"{path} is not a newsline store (not an SQLite file): give another --db path, "
                         "or move the file away")
    if head:
        _probe(path)
    if not os.access(target, os.W_OK) or not os.access(folder, os.W_OK):
        raise StoreError(f"store {path} is read-only (the file or its folder cannot be written): make it "
                         "writable (chmod u+w) or copy it to a writable folder")


def _probe(path: str) -> None:
    """Read the schema through a read-only connection: a damaged header or first page fails here."""
    try:
        probe = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            probe.close()
    except sqlite3.DatabaseError as exc:
        raise store_error(path, exc) from None


def check_schema(db: sqlite3.Connection, path: str, known: list[str]) -> None:
    """Refuse a store whose migrations table names migrations this version does not have."""
    try:
        has_table = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'").fetchone()
        if not has_table:
            return
        applied = [r[0] for r in db.execute("SELECT name FROM migrations ORDER BY name")]
    except sqlite3.DatabaseError as exc:
        raise store_error(path, exc) from None
    unknown = sorted(set(applied) - set(known))
    if unknown:
        raise StoreError(f"store {path} was written by a newer newsline (schema {unknown[-1]}, this version "
                         f"knows up to {known[-1] if known else 'none'}): upgrade newsline to open it")


def store_error(path: str, exc: sqlite3.Error) -> StoreError:
    """An SQLite error on opening a store, as a message that says what to do."""
    text = str(exc)
    if "not a database" in text:
        return StoreError(f"{path} is not a newsline store (not an SQLite file): give another --db path")
    if "malformed" in text or "corrupt" in text:
        return StoreError(f"store {path} is corrupt ({text}): restore it from a backup, or re-ingest into "
                          "a new store (sqlite3 FILE '.recover' may save its data)")
    if "readonly" in text or "read-only" in text:
        return StoreError(f"store {path} is read-only: make it writable (chmod u+w) or copy it to a writable folder")
    return StoreError(f"cannot open store {path}: {text}")
