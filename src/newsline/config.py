"""Defaults in one place. Precedence: CLI flags > environment variables > defaults."""
from __future__ import annotations

import os
from enum import Enum
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


class Format(str, Enum):
    """Every output format a command can write. Each command accepts a subset (``formats``)."""

    TEXT = "text"       # Rich tables for a person (``table`` is accepted as another name for it)
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    MD = "md"
    HTML = "html"

    @classmethod
    def _missing_(cls, value: object) -> "Format | None":
        if isinstance(value, str) and value.lower() in ("table", "txt"):
            return cls.TEXT
        if isinstance(value, str) and value.lower() in ("markdown",):
            return cls.MD
        return None

    @classmethod
    def parse(cls, value: "str | Format", allowed: "tuple[Format, ...]") -> "Format":
        """``value`` as a Format among ``allowed``; a ConfigError naming the choices otherwise."""
        from .errors import ConfigError

        try:
            fmt = cls(value.lower() if isinstance(value, str) else value)
        except ValueError:
            fmt = None
        if fmt not in allowed:
            choices = ", ".join(f.value for f in allowed)
            raise ConfigError(f"unknown format {value!r}: use {choices}")
        return fmt
