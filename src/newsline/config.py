"""Defaults in one place. Precedence: CLI flags > environment variables > defaults."""
from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB = "newsline.db"
DB_ENV = "NEWSLINE_DB"
#: Inputs larger than this are rejected unread (bytes). Override with NEWSLINE_MAX_BYTES.
MAX_INPUT_BYTES = int(os.environ.get("NEWSLINE_MAX_BYTES", 50 * 1024 * 1024))
#: Batch size of articles written to the store in one transaction.
WRITE_BATCH = 64


def resolve_db(db: str | os.PathLike | None) -> Path:
    """The store file: the explicit value, else ``$NEWSLINE_DB``, else ``./newsline.db``."""
    return Path(db or os.environ.get(DB_ENV) or DEFAULT_DB)
