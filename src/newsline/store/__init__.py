"""The store: one small interface, SQLite by default (see :mod:`newsline.store.sqlite`)."""
from .sqlite import SQLiteStore, open_store

__all__ = ["SQLiteStore", "open_store"]
